"""The tariff-line lookup in a browser, on the offline copy opened from file://: a code and a date show the
measures that apply; the address reproduces the result; words find lines; the data file loads once; no request
leaves the machine."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import Project

from browser.conftest import screenshot
from browser.test_pages_browser import LOCAL, watch_requests


def lookup_url(site: Project, query: str = "") -> str:
    return (site.site / "tariffs" / "lookup" / "index.html").as_uri() + query


def test_a_code_and_a_date_show_the_measures_and_the_address_keeps_them(offline_site: Project, page: Page) -> None:
    requested = watch_requests(page)
    page.goto(lookup_url(offline_site), wait_until="load")
    form = page.locator(".kb-lookup-form")
    expect(form).to_be_visible()
    form.locator("input[name=date]").fill("2025-05-01")
    form.locator("select[name=from]").select_option("japan")
    form.locator("input[name=q]").fill("8704.21")
    result = page.locator(".kb-lookup-result")
    expect(result.locator("h2")).to_have_text("HTS 8704.21.01.00")
    expect(result.locator(".kb-lookup-duty")).to_contain_text("Total duty 50%, MFN included")
    applied = result.locator("table").first
    expect(applied).to_contain_text("US Section 232 tariff on automobiles, 25%")
    expect(result).to_contain_text("Measures that do not apply")
    screenshot(page, "lookup-light-truck")
    shared = page.url
    assert "code=870421" in shared and "date=2025-05-01" in shared and "from=japan" in shared

    page.goto(lookup_url(offline_site, "?code=870323&date=2025-09-20&from=japan"), wait_until="load")
    expect(result.locator("h2")).to_have_text("HTS 8703.23.01.10")
    expect(result.locator(".kb-lookup-duty")).to_contain_text("Total duty 15%, MFN included")
    expect(result.locator("table").first).to_contain_text(
        "US Section 232 tariff on Japanese autos and auto parts, 15% all-in"
    )
    page.goto(shared, wait_until="load")  # the shared address gives the same answer
    expect(result.locator(".kb-lookup-duty")).to_contain_text("Total duty 50%, MFN included")

    page.locator(".kb-lookup-form input[name=q]").fill("passenger motor vehicles")
    expect(page.locator(".kb-lookup-status")).to_contain_text("lines match")
    expect(page.locator(".kb-lookup-list li").first).to_contain_text("8703")
    page.locator(".kb-lookup-form input[name=q]").fill("3004.10.10.10")  # a medicine on the Annex II list
    expect(result.locator(".kb-lookup-duty")).to_contain_text("No measure recorded here applies")
    expect(result).to_contain_text("exempt: EO 14257, Annex II")

    assert page.errors == [], page.errors  # type: ignore[attr-defined]
    assert page.foreign == [], page.foreign  # type: ignore[attr-defined]
    assert [url for url in requested if not url.startswith(LOCAL)] == []
    loads = [url for url in requested if url.endswith("data/tariff-lines.js")]
    assert len(loads) == 3, loads  # once per page load (three loads above), never per lookup


def test_a_list_code_the_descriptions_lack_is_answered_as_on_its_list(offline_site: Project, page: Page) -> None:
    """0106.12.01.00 is on the IEEPA exemption list but not in the line descriptions (a later revision of the
    schedule); 0201.10.05 is an 8-digit code of the Section 122 exemption list with no described line under it."""
    page.goto(lookup_url(offline_site, "?code=0106120100&date=2025-05-01&from=japan"), wait_until="load")
    result = page.locator(".kb-lookup-result")
    expect(result.locator("h2")).to_have_text("HTS 0106.12.01.00")
    expect(result.locator(".kb-lookup-later")).to_contain_text("later revision of the tariff schedule")
    expect(result.locator(".kb-lookup-duty")).to_contain_text("No measure recorded here applies")
    expect(result).to_contain_text("exempt: EO 14257, Annex II")
    expect(page.locator(".kb-lookup-list li").first).to_contain_text("a code of a later revision")

    page.goto(lookup_url(offline_site, "?code=0201100510&date=2026-03-01&from=japan"), wait_until="load")
    expect(result.locator("h2")).to_have_text("HTS 0201.10.05.10")  # the exact code, before its 8-digit head
    page.locator(".kb-lookup-form input[name=q]").fill("0201.10.05")
    expect(result.locator("h2")).to_have_text("HTS 0201.10.05")
    expect(result.locator(".kb-lookup-later")).to_contain_text("8-digit code")
    expect(result.locator(".kb-lookup-duty")).to_contain_text("No measure recorded here applies")
    not_applied = result.locator("h3:has-text('Measures that do not apply') + table")
    expect(not_applied.locator("tr", has_text="Section 122")).to_contain_text("exempt")
    assert page.errors == [], page.errors  # type: ignore[attr-defined]
