"""The page fits the screen: on a phone (390 px) and a desktop (1280 px) nothing makes the page scroll sideways,
every wide table scrolls inside its own box, and the charts' labels stay readable; light and dark both work."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from checkers.support import page_types
from conftest import Project

WIDTHS = (390, 1280)

OVERFLOW = """() => {
  const width = innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('.md-content table, .md-content img, .md-content pre, .md-content dl')) {
    let box = el, clipped = false;
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX)) { box = e; clipped = true; break; }
    }
    if (!clipped && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) clipped = true;
    const r = box.getBoundingClientRect();
    if (r.right > width + 1 || r.left < -1) out.push(el.tagName + ': ' + el.outerHTML.slice(0, 60));
  }
  return {scroll: document.documentElement.scrollWidth, inner: width, out};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(width: int, offline_site: Project, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = []
    for page_type in page_types():
        path = offline_site.site / page_type.file(directory_urls=False)
        if not path.exists():
            continue
        page.goto(path.as_uri())
        found = page.evaluate(OVERFLOW)
        if found["scroll"] > found["inner"] or found["out"]:
            failures.append((page_type.name, found))
    context.close()
    assert failures == []


def test_a_wide_table_scrolls_inside_its_own_box_on_a_phone(offline_site: Project, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto((offline_site.site / "tariffs" / "japan.html").as_uri())
    scrollable = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].some(t => {
      for (let e = t; e && e !== document.body; e = e.parentElement)
        if (getComputedStyle(e).overflowX === 'auto' && e.scrollWidth > e.clientWidth) return true;
      return false; })""")
    assert scrollable
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


def test_chart_labels_are_at_least_11_px_on_a_phone(offline_site: Project, browser: Browser) -> None:
    """A chart drawn at a phone's content width (358 px of 390) shows its labels at 11 px or more."""
    chart = sorted((offline_site.site / "tariffs" / "japan").glob("*.svg"))[0]
    context = browser.new_context(viewport={"width": 358, "height": 400})
    page = context.new_page()
    page.goto(chart.as_uri())  # the image's own document, at the width the page draws it
    heights = page.evaluate("""() => { const svg = document.documentElement; const scale = svg.getBoundingClientRect().width / 720;
      return [...document.querySelectorAll('text')].filter(t => getComputedStyle(t).display !== 'none')
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }""")
    context.close()
    assert heights and min(heights) >= 11, heights


def test_dark_toggle_switches_the_palette(offline_site: Project, page: Page) -> None:
    measure = offline_site.site / "measures" / "us-ieepa-reciprocal-japan-15-floor.html"
    page.goto(measure.as_uri())
    body = page.locator("body")
    badge = page.locator(".kb-badge").first
    light = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    dark = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    assert dark != light
    page.reload()  # the choice is kept
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]
