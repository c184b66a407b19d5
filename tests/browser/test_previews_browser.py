"""Link previews: hovering or focusing a link to a record shows its title, kind and summary; Escape dismisses it;
all from the offline copy, with no request off the machine."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import Project


def open_measure(offline_site: Project, page: Page) -> None:
    page.goto((offline_site.site / "measures" / "us-ieepa-reciprocal-japan-15-floor.html").as_uri())


def test_hovering_a_link_to_a_record_shows_its_card(offline_site: Project, page: Page) -> None:
    open_measure(offline_site, page)
    link = page.locator(".kb-facts a", has_text="Japan").first
    link.hover()
    card = page.locator(".kb-preview")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Jurisdiction")
    expect(card).to_contain_text("Japan")
    page.mouse.move(0, 0)
    expect(card).to_have_count(0)
    assert page.errors == [] and page.foreign == []  # type: ignore[attr-defined]


def test_focusing_a_link_shows_the_card_and_escape_dismisses_it(offline_site: Project, page: Page) -> None:
    open_measure(offline_site, page)
    link = page.locator(".kb-facts a", has_text="United States").first
    link.focus()
    card = page.locator(".kb-preview")
    expect(card).to_be_visible()
    expect(card).to_contain_text("United States")
    assert link.get_attribute("aria-describedby") == "kb-preview"
    page.keyboard.press("Escape")
    expect(card).to_have_count(0)
    page.keyboard.press("Tab")  # moving on shows the next record's card, if the next link is one
    assert page.errors == []  # type: ignore[attr-defined]
