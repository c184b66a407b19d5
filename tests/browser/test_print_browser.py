"""A record page prints cleanly: no navigation, and each link to another site followed by its address."""

from __future__ import annotations

from playwright.sync_api import Page

from conftest import Project


def test_a_measure_prints_without_navigation_and_with_source_addresses(offline_site: Project, page: Page) -> None:
    page.goto((offline_site.site / "measures" / "us-ieepa-reciprocal-japan-15-floor.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").first.is_visible()
    assert not page.locator(".md-header").first.is_visible()
    after = page.evaluate("""() => { const a = [...document.querySelectorAll('.md-typeset a[href^="http"]')][0];
      return getComputedStyle(a, '::after').content; }""")
    assert "http" in after
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"
