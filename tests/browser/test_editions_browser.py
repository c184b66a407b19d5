"""The Japanese edition in a real browser, on the offline copy opened from file://: the language switcher keeps
the page, each edition's search finds its own language (相互関税, 赤澤), a stale translation says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import build_offline, screenshot
from conftest import FIXTURES, Project
from kbsite.types import digest

MEASURE = "measures/us-ieepa-reciprocal-japan-15-additive"


def url(site: Project, path: str) -> str:
    return (site.site / path).as_uri()


def switch_to(page: Page, language: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={language}]")


def test_the_switcher_leads_to_the_same_measure_in_the_other_language(offline_site: Project, page: Page) -> None:
    page.goto(url(offline_site, f"{MEASURE}.html"))
    english_title = page.locator("article h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
    switch_to(page, "ja")
    assert page.url == url(offline_site, f"ja/{MEASURE}.html")
    assert page.locator("html").get_attribute("lang") == "ja"
    japanese_title = page.locator("article h1").inner_text()
    assert japanese_title != english_title and "相互関税" in japanese_title
    screenshot(page, "ja-measure")
    switch_to(page, "en")
    assert page.url == url(offline_site, f"{MEASURE}.html")
    assert page.locator("article h1").inner_text() == english_title
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def search(site: Project, page: Page, root: str, query: str) -> list[str]:
    page.goto(url(site, f"{root}index.html"))
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    # The Japanese index is built in the browser when the page opens (the theme's Japanese support): seconds.
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=60_000)
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("相互関税", "ja/measures/us-ieepa-reciprocal-"), ("赤澤", "ja/people/ryosei-akazawa.html")],
)
def test_japanese_search_finds_its_records(offline_site: Project, page: Page, query: str, expected: str) -> None:
    found = [href.split("?")[0].split("#")[0] for href in search(offline_site, page, "ja/", query)]
    assert any(href.startswith(url(offline_site, expected)) for href in found[:5]), found[:5]  # among the first
    assert all("/ja/" in href for href in found)  # the Japanese edition's own pages
    screenshot(page, f"ja-search-{digest(query)}")
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def test_a_stale_translation_says_so_at_the_top(tmp_path: Path, page: Page) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURES / "mini", kb)
    person = kb / "people/ryosei-akazawa.yml"
    earlier = digest("Japan's chief negotiator.")  # the English the translation was made from, since changed
    person.write_text(
        person.read_text(encoding="utf-8").replace(
            "summary: Japan's chief tariff negotiator, who met Scott Bessent in Washington.\n",
            "summary:\n  en: Japan's chief tariff negotiator, who met Scott Bessent in Washington.\n"
            f"  ja: 日本の首席交渉官。\n  ja_of: '{earlier}'\n",
        ),
        encoding="utf-8",
    )
    site = build_offline(tmp_path / "project", kb)
    page.goto(url(site, "ja/people/ryosei-akazawa.html"))
    notice = page.locator("[data-kb-translation=stale]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("この記事の日本語訳は英語版より古い可能性があります")
    assert notice.bounding_box()["y"] < page.locator("article p").nth(2).bounding_box()["y"]  # type: ignore[index]
    notice.locator("a").click()
    assert page.url == url(site, "people/ryosei-akazawa.html")
    page.goto(url(site, "people/ryosei-akazawa.html"))
    assert page.locator("[data-kb-translation]").count() == 0
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]
