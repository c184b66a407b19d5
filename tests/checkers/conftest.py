"""Fixtures for the checkers: the real site over a loopback server, and a Chromium of their own for axe-core."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from browser.conftest import ARGS, CHROMIUM
from checkers.support import serve
from conftest import Project

T = TypeVar("T")


@pytest.fixture(scope="session")
def real_http(real_site: Project) -> Iterator[str]:
    """The normal build (tests/conftest.py's real_site) on `python -m http.server` at 127.0.0.1: its base URL."""
    with serve(real_site.site) as base:
        yield base


class BrowserThread:
    """Chromium driven by Playwright's sync API from a thread of its own.

    The sync API allows one running instance per thread, and tests/browser/conftest.py's session-scoped
    `browser` fixture holds the main thread's for the whole session: a second one there would raise "using
    Playwright Sync API inside the asyncio loop". Every call goes through ``run``, on the same single thread.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checkers-chromium")
        self._playwright, self.browser = self._pool.submit(self._start).result(timeout=120)

    @staticmethod
    def _start() -> tuple[Playwright, Browser]:
        playwright = sync_playwright().start()
        return playwright, playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

    def run(self, function: Callable[..., T], *args: object, timeout: float = 180) -> T:
        """``function(browser, *args)`` on the browser's thread."""
        return self._pool.submit(function, self.browser, *args).result(timeout=timeout)

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self._playwright.stop()

        try:
            self._pool.submit(stop).result(timeout=60)
        finally:
            self._pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def checkers_browser() -> Iterator[BrowserThread]:
    thread = BrowserThread()
    yield thread
    thread.close()
