"""The words the engine writes itself read in Japanese on the Japanese pages: badges and key facts, the tariff
tables and charts, the timeline (built before the language is known), the Needs review sentences and the feeds.
The English pages keep every word (the golden tests hold them)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from kbsite import build
from kbsite.i18n import catalogue, using
from kbsite.render import Site

ROOT = Path(__file__).resolve().parent.parent


@cache
def _site(language: str) -> Site:
    return Site(build(ROOT / "kb", ROOT), language=language)


def test_a_measure_page_heads_in_japanese() -> None:
    html = _site("ja").pages["measures/us-ieepa-baseline-10.md"].html
    assert '<span class="kb-badge kb-badge--invalidated">無効</span>' in html
    assert "<dt>税率</dt><dd><strong>10%</strong>（MFN税率に上乗せ）</dd>" in html
    assert "<dt>法的根拠</dt>" in html and "<dd>全ての国</dd>" in html
    assert (
        '<time datetime="2025-04-05">2025年4月5日</time> 00:01（米国東部時間）' in html
    )  # the status history: date, time, zone
    english = _site("en").pages["measures/us-ieepa-baseline-10.md"].html
    assert "<dt>Rate</dt><dd><strong>10%</strong> (Added on top of " in english  # MFN gets its glossary tooltip


def test_the_charts_name_their_quantity_and_months_in_japanese() -> None:
    svg = _site("ja").files["tariffs/japan/passenger-vehicles.svg"]
    names = {"s": "http://www.w3.org/2000/svg"}
    tree = ElementTree.fromstring(svg)
    assert tree.find("s:title", names).text.startswith("MFN税率を含む関税の合計：")  # type: ignore[union-attr]
    assert "2025年4月3日から：27.5%" in tree.find("s:desc", names).text  # type: ignore[union-attr,operator]
    texts = [element.text for element in tree.iter("{http://www.w3.org/2000/svg}text")]
    assert "MFN税率を含む関税合計（%）" in texts and "2025年7月" in texts


def test_the_timeline_reads_in_the_language_of_the_page_that_shows_it() -> None:
    kb = build(ROOT / "kb", ROOT)
    entry = next(
        e for e in kb.timeline if e.record_id == "us-ieepa-baseline-10" and e.sequence == 1
    )  # built in English
    assert entry.text.startswith("In force: ")
    with using("ja"):
        assert entry.text.startswith("発効：")
    html = _site("ja").pages["timeline/index.md"].html
    assert "（米国東部時間） · 出来事 · " in html and "· 役職の異動 · " in html


def test_needs_review_and_feeds_in_japanese_while_the_messages_stay_english() -> None:
    site = _site("ja")
    review = site.pages["review/index.md"].html
    assert "確度が中または低の記録" in review and "Cited by" not in review
    assert all(item.problem.message.isascii() for item in site.original.review)  # make check prints these
    atom = site.files["data/timeline.atom"]
    assert '<category term="measure" label="措置" />' in atom and "<title>年表</title>" in atom
    assert "X-WR-CALNAME:年表" in site.files["data/timeline.ics"]


def test_the_engine_catalogue_keeps_every_placeholder() -> None:
    for english, japanese in catalogue("ja").items():
        assert sorted(re.findall(r"\{(\w*)\}", english)) == sorted(re.findall(r"\{(\w*)\}", japanese)), english
