"""Browser fixtures: Debian's Chromium driven by Playwright, against the offline copy opened from file://."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import KB, Project, make_project

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def build_offline(where: Path, kb: Path) -> Project:
    project = make_project(where, kb)
    os.environ["OFFLINE"] = "true"
    try:
        result = project.mkdocs_build()
    finally:
        del os.environ["OFFLINE"]
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own site, built as the offline copy (OFFLINE=true)."""
    return build_offline(tmp_path_factory.mktemp("offline") / "project", KB)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that fails the test on any request off this machine or any console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors: list[str] = []  # type: ignore[attr-defined]
    page.foreign: list[str] = []  # type: ignore[attr-defined]

    def route(route_request) -> None:  # type: ignore[no-untyped-def]
        url = route_request.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")) or url.startswith(
            ("http://127.0.0.1", "http://localhost")
        ):
            route_request.continue_()
        else:
            page.foreign.append(url)  # type: ignore[attr-defined]
            route_request.abort()

    context.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))  # type: ignore[attr-defined]
    yield page
    context.close()


def screenshot(page: Page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=False)
