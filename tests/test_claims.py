"""Claims and contested points as a reader meets them: what each side says, side by side, dated and sourced;
claims in the timeline and the exports; the rules a claim must keep."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, KB, Project, make_project
from kbsite import KnowledgeBase, build
from kbsite.render import Site
from kbsite.render.exports import exports


def claims_kb(where: Path) -> Path:
    """The mini knowledge base with the claims fixture laid over it."""
    kb = where / "kb"
    shutil.copytree(FIXTURES / "mini", kb)
    shutil.copytree(FIXTURES / "claims", kb, dirs_exist_ok=True)
    return kb


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return build(claims_kb(tmp_path_factory.mktemp("claims")))


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> dict[str, str]:
    return {uri: page.html for uri, page in Site(kb).pages.items()}


def _section(html: str, anchor: str) -> str:
    """The part of a page from the heading ``anchor`` to the next heading of the same or a higher level."""
    start = html.index(f'id="{anchor}"')
    level = html[html.rindex("<h", 0, start) + 2]
    following = re.search(rf"<h[1-{level}] ", html[start:])
    return html[start : start + following.start()] if following else html[start:]


def _text(html: str) -> str:
    """What a reader reads: inline tags vanish, block tags part words."""
    inline = re.sub(r"</?(?:a|strong|em|code|abbr|span|time)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", inline).split())


def test_topic_page_shows_each_side_side_by_side(pages: dict[str, str]) -> None:
    html = pages["topics/autos.md"]
    says = _section(html, "what-each-side-says")
    text = _text(says)
    assert "In dispute: Whether the rate on cars falls to 15% or stays at 25%." in text
    columns = re.findall(r'<section class="kb-side" aria-label="([^"]+)">(.*?)</section>', says, re.S)
    assert [side for side, _ in columns] == ["Japan", "United States"]
    japan, us = (_text(body) for _, body in columns)
    assert "Akazawa said the rate on cars falls to 15%." in japan and "25% rate on cars stays" not in japan
    assert "The Treasury said the 25% rate on cars stays in place." in us
    assert "17 April 2025" in japan and "Ryosei Akazawa" in japan and "First ministerial round" in japan
    assert "16 April 2025 (US Eastern time)" in us and "US Department of the Treasury" in us
    assert "Treasury press release" in us and "“The rate stays.”" in us
    for _, body in columns:  # every claim links the document it rests on
        assert 'href="https://www.brecorder.com/news/40357973/' in body
    assert "Unverified." in japan  # a low-confidence claim says so where it is shown


def test_measure_and_agreement_pages_show_the_claims_about_them(pages: dict[str, str]) -> None:
    measure = _text(_section(pages["measures/us-autos-25.md"], "what-each-side-says"))
    assert "Whether the rate on cars falls to 15%" in measure and "Akazawa said" in measure  # via its claim
    deal = _text(_section(pages["agreements/us-japan-deal.md"], "what-each-side-says"))
    assert "Other statements" in deal and "reviewed every quarter" in deal and "television interview" in deal
    assert "what-each-side-says" not in pages["people/scott-bessent.md"]


def test_dispute_and_claim_pages(pages: dict[str, str]) -> None:
    dispute = pages["disputes/auto-rate.md"]
    assert "<h1>What the auto rate will be</h1>" in dispute
    assert "In dispute:</strong> Whether the rate on cars falls to 15% or stays at 25%." in dispute
    assert "Akazawa said the rate" in dispute and "Treasury said the 25% rate" in dispute
    assert "must not reach" not in dispute  # editors' notes stay off reader pages
    claim = _text(pages["claims/japan-rate-falls.md"])
    assert "According to Ryosei Akazawa, 17 April 2025: Akazawa said the rate on cars falls to 15%." in claim
    assert "Disputes" in claim and "Unverified" in claim
    disputed = _text(pages["claims/us-rate-stays.md"])
    assert (
        "Disputed by" in disputed and "According to US Department of the Treasury (Treasury press release)" in disputed
    )
    index = _text(pages["claims/index.md"])
    assert "3 records" in index and "Statement" in index and "Contested point" in index
    assert "What the auto rate will be" in _text(pages["disputes/index.md"])


def test_claims_are_on_the_timeline_as_a_category(pages: dict[str, str]) -> None:
    timeline = pages["timeline/index.md"]
    assert '<option value="claim">Claim</option>' in timeline
    entry = re.search(r'<div class="kb-entry" data-category="claim"([^>]*)><p>(.*?)</p></div>', timeline)
    assert entry, "no claim on the timeline"
    assert "data-jurisdiction=" in entry.group(1)
    claims = re.findall(r'data-category="claim"[^>]*><p>(.*?)</p>', timeline)
    assert len(claims) == 3
    assert any("Ryosei Akazawa (Japan): Akazawa said the rate on cars falls to 15%." in _text(c) for c in claims)


def test_claims_are_in_the_exports(kb: KnowledgeBase) -> None:
    files = exports(kb)
    data = json.loads(files["data/kb.json"])
    claims = {claim["id"]: claim for claim in data["kinds"]["claim"]}
    assert set(claims) == {"us-rate-stays", "japan-rate-falls", "bessent-on-deal"}
    assert (
        claims["japan-rate-falls"]["disputes"] == ["us-rate-stays"]
        and claims["us-rate-stays"]["side"] == "united-states"
    )
    assert data["kinds"]["dispute"][0]["question"].startswith("Whether the rate")
    assert data["counts"]["claim"] == 3
    assert files["data/claims.csv"].splitlines()[0].startswith("id,")
    assert "Akazawa said the rate on cars falls to 15%." in files["data/timeline.ics"]
    assert "CATEGORIES:Claim" in files["data/timeline.ics"]
    assert 'term="claim"' in files["data/timeline.atom"]


def test_the_claims_build_with_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", None)
    claims_kb(project.root)
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    home = (project.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    assert re.search(r">\s*Contested points\s*<", nav) and re.search(r">\s*Claims\s*<", nav)
    assert (project.site / "claims" / "us-rate-stays" / "index.html").is_file()


def test_every_contested_point_of_the_knowledge_base_reads_both_ways(real_site: Project) -> None:
    """On the repository's own site: each contested point shows a claim of at least two sides, each with a link
    to the document it rests on; the timeline lists every claim; the exports carry them; every page names the
    day the facts were checked up to."""
    kb = build(KB)
    for dispute in kb.by_kind["dispute"]:
        html = (real_site.site / "disputes" / dispute.id / "index.html").read_text(encoding="utf-8")
        columns = re.findall(r'<section class="kb-side" aria-label="[^"]+">(.*?)</section>', html, re.S)
        assert len(columns) >= 2, f"{dispute.id}: one side only"
        for body in columns:
            assert re.search(r'href="https?://', body), f"{dispute.id}: a side without a source link"
    timeline = (real_site.site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert timeline.count('data-category="claim"') == len(kb.by_kind["claim"])
    data = json.loads((real_site.site / "data" / "kb.json").read_text(encoding="utf-8"))
    assert len(data["kinds"]["claim"]) == len(kb.by_kind["claim"])
    if kb.as_of:
        day = f'<time datetime="{kb.as_of.isoformat()}">{kb.as_of.day} {kb.as_of:%B} {kb.as_of.year}</time>'
        japanese = f'<time datetime="{kb.as_of.isoformat()}">{kb.as_of.year}年{kb.as_of.month}月{kb.as_of.day}日</time>時点の情報です'
        for page in real_site.site.rglob("*.html"):
            line = japanese if page.relative_to(real_site.site).parts[0] == "ja" else f"Facts checked up to {day}"
            assert line in page.read_text(encoding="utf-8"), page
