"""`make serve` with a knowledge base that has problems: the preview serves a page listing them, in the same
path:line:col lines as `make check`, instead of failing; the next save that fixes them serves the site again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import Project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, text: str, server: subprocess.Popen[str], seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                page = response.read().decode("utf-8")
        except OSError:
            page = ""
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}; last page:\n{page[:2000]}")


@pytest.mark.site
def test_serve_shows_the_problems_and_recovers_on_the_next_save(mini_project: Project) -> None:
    record = mini_project.kb / "people" / "scott-bessent.yml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("\nname:", "\nnmae:", 1), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(mini_project.root / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=mini_project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        page = _wait_for(url, "The knowledge base has problems", server)
        assert "kb/people/scott-bessent.yml:" in page and "nmae: unknown field" in page
        time.sleep(1.0)  # let the watcher settle
        record.write_text(good, encoding="utf-8")
        page = _wait_for(url, "What is here", server)
        assert "The knowledge base has problems" not in page
        _wait_for(f"{url}people/scott-bessent/", "Scott Bessent", server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
