"""A real browser on the offline copy, opened from file://: timeline filters, tooltips, search for 赤澤."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from browser.conftest import screenshot
from conftest import Project


def url(site: Project, path: str) -> str:
    return (site.site / path).as_uri()


def test_timeline_filters_change_what_is_visible(offline_site: Project, page: Page) -> None:
    page.goto(url(offline_site, "timeline/index.html"))
    entries = page.locator(".kb-entry")
    total = entries.count()
    assert total > 50
    expect(page.locator("form.kb-filters")).to_be_visible()
    page.select_option("select[name=category]", "meeting")
    visible = page.locator(".kb-entry:visible")
    meetings = visible.count()
    assert 0 < meetings < total
    assert all(c == "meeting" for c in visible.evaluate_all("els => els.map(e => e.dataset.category)"))
    page.select_option("select[name=category]", "")
    page.select_option("select[name=person]", "ryosei-akazawa")
    assert 0 < page.locator(".kb-entry:visible").count() < total
    expect(page.locator(".kb-count")).to_contain_text("of")
    screenshot(page, "timeline-filtered")
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def test_timeline_is_complete_without_javascript(offline_site: Project, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(offline_site, "timeline/index.html"))
    assert page.locator(".kb-entry:visible").count() == page.locator(".kb-entry").count() > 50
    assert not page.locator("form.kb-filters").is_visible()
    context.close()


def test_tooltip_on_hover(offline_site: Project, page: Page) -> None:
    page.goto(url(offline_site, "glossary/index.html"))
    term = page.locator(".md-content abbr").first
    definition = term.get_attribute("data-definition") or ""
    assert len(definition) > 10
    term.hover()
    tooltip = page.locator(".kb-tooltip")
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text() == definition
    screenshot(page, "glossary-tooltip")
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def search(site: Project, page: Page, query: str) -> None:
    """Type a query into the theme's search box on the home page of the offline copy."""
    page.goto(url(site, "index.html"))
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)


def test_search_finds_akazawa_by_native_name(offline_site: Project, page: Page) -> None:
    search(offline_site, page, "赤澤")
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text("Akazawa")
    screenshot(page, "search-akazawa")
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def test_search_finds_glossary_and_timeline_entries(offline_site: Project, page: Page) -> None:
    search(offline_site, page, "stacking")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    texts = " ".join(page.locator(".md-search-result__item").all_inner_texts())
    assert "Glossary" in texts or "Stacking" in texts
