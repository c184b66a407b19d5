"""Facets on the kind indexes: choosing a value narrows the table and recounts; without JavaScript the table is
complete and the controls stay hidden."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from conftest import Project


def test_a_facet_narrows_the_table_and_recounts(offline_site: Project, page: Page) -> None:
    page.goto((offline_site.site / "measures" / "index.html").as_uri())
    form = page.locator("form.kb-facets")
    expect(form).to_be_visible()
    rows = page.locator("table tbody tr")
    total = rows.count()
    status = page.locator("select[data-facet=status]")
    before = page.locator("select[data-facet=authority] option").all_text_contents()
    option = status.locator("option", has_text="In force")
    count = int(re.search(r"\((\d+)\)", option.text_content() or "").group(1))
    status.select_option(value="in-force")
    expect(page.locator("table tbody tr:visible")).to_have_count(count)
    assert 0 < count < total
    after = page.locator("select[data-facet=authority] option").all_text_contents()
    assert after != before  # the other facet's counts are those of the rows left
    expect(page.locator(".kb-facets-count")).to_have_text(f"{count} of {total} shown")
    status.select_option(value="")
    expect(page.locator("table tbody tr:visible")).to_have_count(total)
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def test_without_javascript_the_index_is_complete(offline_site: Project, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((offline_site.site / "measures" / "index.html").as_uri())
    assert not page.locator("form.kb-facets").is_visible()
    measures = len(list((offline_site.root / "kb" / "measures").glob("*.yml")))
    expect(page.locator("table tbody tr:visible")).to_have_count(measures)
    context.close()
