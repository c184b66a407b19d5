"""Dates on the built pages are machine-readable: each one the engine prints is a <time datetime> element whose
value is the ISO form of what it shows, at the same precision (2025, 2025-04, 2025-04-16)."""

from __future__ import annotations

import datetime
import re

import pytest

from checkers.support import page_types
from conftest import Project

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
TIME = re.compile(r'<time datetime="([^"]*)">([^<]*)</time>')
BARE = re.compile(rf"(?:<(?:td|dd|strong)>|since |Facts checked up to )\s*((?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}})")
"""A date printed where the engine starts a cell, a timeline or claim line, a badge or the as-of line with one."""
HAND_WRITTEN = ("about", "contributing")


def iso(shown: str) -> str:
    """What a <time datetime> must say for the text it shows: '16 April 2025' -> '2025-04-16'."""
    parts = shown.split()
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return datetime.datetime.strptime(shown, "%B %Y").strftime("%Y-%m")
    return datetime.datetime.strptime(shown, "%d %B %Y").strftime("%Y-%m-%d")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize("page_type", [p for p in page_types() if p.name not in HAND_WRITTEN], ids=lambda p: p.name)
def test_each_page_type_prints_its_dates_in_time_elements(page_type, real_site: Project) -> None:  # type: ignore[no-untyped-def]
    html = (real_site.site / page_type.file()).read_text(encoding="utf-8")
    times = TIME.findall(html)
    for value, shown in times:
        assert value == iso(shown), (page_type.src, value, shown)
        datetime.date.fromisoformat(value + "-01-01"[len(value) - 4 :])  # a real day, month or year
    bare = BARE.findall(article(html))
    assert not bare, f"{page_type.src}: dates outside <time>: {bare[:5]}"
    assert "Facts checked up to <time" in html  # the footer


def test_the_page_types_that_show_dates_have_them(real_site: Project) -> None:
    dated = {p.name for p in page_types() if TIME.search(article((real_site.site / p.file()).read_text("utf-8")))}
    for name in ("home", "timeline", "record-measures", "record-people", "record-meetings", "record-events"):
        assert name in dated, name
    assert "index-measures" in dated  # the "since" column


def test_dates_stay_plain_text_in_attributes_feeds_and_data(real_site: Project) -> None:
    site = real_site.site
    for name in ("timeline.ics", "timeline.atom", "kb.json", "measures.csv", "tariff-rates.csv"):
        assert "<time" not in (site / "data" / name).read_text(encoding="utf-8"), name
    assert "<time" not in (site / "assets" / "kb-previews.js").read_text(encoding="utf-8")
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<time" not in search and "time datetime" not in search
    for page in site.rglob("*.html"):
        for attribute in re.findall(
            r'\s(?:title|aria-label|content|alt|data-[a-z-]+)="([^"]*)"', page.read_text("utf-8")
        ):
            assert "<time" not in attribute and "&lt;time" not in attribute, (page, attribute)
