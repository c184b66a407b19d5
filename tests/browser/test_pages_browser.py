"""Every page type in a real browser, from disk (the offline copy) and over loopback HTTP (the normal build).

On each: no console error, no uncaught exception, no JavaScript dialog, and no request anywhere but file:// or
127.0.0.1; a screenshot of each goes to test-output/screenshots/. Then an XSS canary (a knowledge base full of
hostile text, whose pages must not open a single dialog) and search from file://.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from browser.conftest import build_offline, screenshot
from checkers.support import KB, PageType, page_type_params, serve
from conftest import FIXTURES, Project

LOCAL = ("file://", "http://127.0.0.1:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def loopback_site(real_site: Project) -> Iterator[str]:
    """The normal build served by `python -m http.server` on 127.0.0.1 (a free port): its base URL."""
    with serve(real_site.site) as base:
        yield base


def watch_requests(page: Page) -> list[str]:
    """Every URL the page requests (the `page` fixture's route aborts foreign ones; this lists them all)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def assert_clean(page: Page, requested: list[str]) -> None:
    assert page.errors == [], page.errors  # type: ignore[attr-defined]  # console errors, exceptions, dialogs
    assert page.foreign == [], page.foreign  # type: ignore[attr-defined]
    assert [url for url in requested if not url.startswith(LOCAL)] == []
    assert requested, "the page made no request at all: was it loaded?"


def visit(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle", timeout=60_000)
    assert response is None or response.ok, f"{url}: HTTP {response.status if response else '?'}"
    expect(page.locator("article h1").first).to_be_visible()


@pytest.mark.parametrize("page_type", page_type_params())
def test_page_from_disk(page_type: PageType, offline_site: Project, page: Page) -> None:
    requested = watch_requests(page)
    visit(page, (offline_site.site / page_type.file(directory_urls=False)).as_uri())
    screenshot(page, f"file-{page_type.name}")
    assert_clean(page, requested)


@pytest.mark.parametrize("page_type", page_type_params())
def test_page_over_loopback_http(page_type: PageType, loopback_site: str, page: Page) -> None:
    requested = watch_requests(page)
    visit(page, loopback_site + page_type.url())
    screenshot(page, f"http-{page_type.name}")
    assert_clean(page, requested)


def test_search_finds_a_record_by_name_from_disk(offline_site: Project, page: Page) -> None:
    first = min((KB / "organizations").glob("*.yml"))
    name = yaml.safe_load(first.read_text(encoding="utf-8"))["name"]
    name = name["en"] if isinstance(name, dict) else name  # a translated name: the English edition shows its English
    requested = watch_requests(page)
    page.goto((offline_site.site / "index.html").as_uri())
    page.click("input.md-search__input")
    page.fill("input.md-search__input", name)
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text(name)
    result.locator("a").first.click()
    expect(page.locator("article h1").first).to_have_text(name)
    # search.highlight adds ?h=<query> to the address
    assert page.url.split("?")[0] == (offline_site.site / "organizations" / f"{first.stem}.html").as_uri()
    screenshot(page, "search-record-by-name")
    assert_clean(page, requested)


# --- XSS canary ---------------------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><svg onload=alert(1)>",
]
TITLE = " ".join(PAYLOADS) + " [x](javascript:alert(1))"
"""Hostile text for plain-text fields (names and titles). The Markdown link to javascript: is only text there;
in a Markdown field validation refuses it (tests/test_build.py)."""
PROSE = " ".join(PAYLOADS) + (
    ' <a href="javascript:alert(1)">a</a> [a link with a title](https://example.com/ "<img src=x onerror=alert(2)>")'
)
"""Hostile text for Markdown fields (summaries, definitions, descriptions); a link's title becomes a tooltip."""
TEXT_FIELDS = {"name", "title", "location", "text", "position", "publisher"}
PROSE_FIELDS = {"summary", "definition", "description"}


def poison(value: object, key: str = "") -> object:
    """The record with hostile text appended to each text and prose field, at any depth."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, str) and key in TEXT_FIELDS:
        return f"{value} {TITLE}"
    if isinstance(value, str) and key in PROSE_FIELDS:
        return f"{value} {PROSE}"
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The offline copy of tests/fixtures/mini with every name, title, summary and definition made hostile."""
    kb = tmp_path_factory.mktemp("hostile-kb") / "kb"
    for source in sorted(FIXTURES.joinpath("mini").rglob("*.yml")):
        target = kb / source.relative_to(FIXTURES / "mini")
        target.parent.mkdir(parents=True, exist_ok=True)
        record = poison(yaml.safe_load(source.read_text(encoding="utf-8")))
        target.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_offline(tmp_path_factory.mktemp("hostile") / "project", kb)


INJECTED = "els => els.filter(e => /alert/.test(e.outerHTML)).map(e => e.outerHTML.slice(0, 120))"
"""Elements the payloads would create if any of them were parsed as markup (whether or not they run)."""


def provoke(page: Page) -> None:
    """Do what a reader does that makes the theme turn text into markup: scroll (the header then shows the page
    title, and the theme gives a truncated title a tooltip) and hover everything whose tooltip holds a '<'."""
    page.mouse.wheel(0, 10_000)
    page.wait_for_timeout(300)
    for element in page.locator('[title*="<"]').all()[:20]:
        try:
            element.hover(timeout=2_000, force=True)
        except PlaywrightError:  # hidden, or covered: a reader cannot hover it either
            continue


def test_hostile_text_opens_no_dialog_anywhere(hostile_site: Project, page: Page) -> None:
    """Every page of the hostile knowledge base, scrolled and hovered: no dialog, no injected element."""
    pages = sorted(path for path in hostile_site.site.rglob("*.html") if path.name != "404.html")
    assert len(pages) > 20
    page.set_viewport_size({"width": 1280, "height": 500})  # most pages scroll, so the header shows their title
    requested = watch_requests(page)
    problems = []
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        provoke(page)
        # JSON-LD is data the browser never runs (tests/test_build.py checks it parses and cannot close itself)
        injected = page.locator(
            "svg[onload], img[onerror], script:not([src]):not([type='application/ld+json'])"
        ).evaluate_all(INJECTED)
        name = path.relative_to(hostile_site.site).as_posix()
        problems += [f"{name}: {error}" for error in page.errors]  # type: ignore[attr-defined]
        problems += [f"{name}: injected {element}" for element in injected]
        page.errors.clear()  # type: ignore[attr-defined]
    assert problems == [], "\n".join(problems)
    person = hostile_site.site / "people" / "ryosei-akazawa.html"
    page.goto(person.as_uri(), wait_until="load")
    expect(page.locator("article h1").first).to_contain_text("<script>alert(1)</script>")  # shown as text
    screenshot(page, "xss-canary-person")
    assert_clean(page, requested)


def test_hostile_text_in_search_results_opens_no_dialog(hostile_site: Project, page: Page) -> None:
    requested = watch_requests(page)
    page.goto((hostile_site.site / "index.html").as_uri())
    for query in ("alert", "script", "svg onload", "Akazawa"):
        page.click("input.md-search__input")
        page.fill("input.md-search__input", query)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.wait_for_timeout(300)  # results render asynchronously, from the search worker
    screenshot(page, "xss-canary-search")
    assert_clean(page, requested)
