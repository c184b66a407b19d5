"""Helpers shared by the checkers and the page-by-page browser tests: page types, a loopback server, builds."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / "kb"
DOCS = ROOT / "docs"
CHECKERS = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
SERVE = CHECKERS / "serve.py"

BUILD_TIMEOUT = 600
"""Seconds a `mkdocs build` may take before the test fails (the real site takes about five)."""

KIND_FOLDERS = (
    "jurisdictions",
    "people",
    "organizations",
    "measures",
    "meetings",
    "topics",
    "events",
    "agreements",
    "glossary",
    "sources",
)
"""The kb/ folders, each with an index page and a page per record."""


def require(path: Path, what: str) -> Path:
    """Skip the test, saying how to get it, when a checker is not installed."""
    if not path.exists():
        pytest.skip(
            f"{what} is not installed ({path.relative_to(ROOT)} is missing): "
            "run `npm ci --ignore-scripts` at the repository root"
        )
    return path


# --- Page types ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageType:
    """One kind of page of the site, by its source path without extension ("people/index", "about")."""

    name: str
    src: str

    def file(self, directory_urls: bool = True) -> str:
        """The page's HTML file in the built site: directory URLs for the normal build, not for the offline one."""
        if self.src == "index" or self.src.endswith("/index") or not directory_urls:
            return f"{self.src}.html"
        return f"{self.src}/index.html"

    def url(self) -> str:
        """The page's address relative to the root of the normal build, as its own links write it."""
        if self.src == "index":
            return ""
        return (self.src.removesuffix("/index") if self.src.endswith("/index") else self.src) + "/"


def page_types(kb: Path = KB, docs: Path = DOCS) -> list[PageType]:
    """Home, each kind's index, the first record of each kind, the timeline, tariffs and the hand-written pages."""
    types = [PageType("home", "index")]
    types += [PageType(f"index-{folder}", f"{folder}/index") for folder in KIND_FOLDERS]
    for folder in KIND_FOLDERS:
        first = min((kb / folder).glob("*.yml"), default=None)
        if first is not None:
            types.append(PageType(f"record-{folder}", f"{folder}/{first.stem}"))
    types += [PageType("timeline", "timeline/index"), PageType("tariffs", "tariffs/index")]
    if (kb / "jurisdictions" / "japan.yml").exists():
        types.append(PageType("tariffs-japan", "tariffs/japan"))
    types += [
        PageType("changes", "changes/index"),
        PageType("review", "review/index"),
        PageType("reference", "reference/index"),
        PageType("schemas", "schemas/index"),
    ]
    types += [PageType(name, name) for name in ("about", "contributing")]
    return types


def page_type_params() -> list[object]:
    """`page_types()` for pytest.mark.parametrize, with a skip for a hand-written page that is not there yet."""
    params = []
    for page in page_types():
        missing = page.name in ("about", "contributing") and not (DOCS / f"{page.src}.md").exists()
        marks = [pytest.mark.skip(reason=f"docs/{page.src}.md does not exist yet")] if missing else []
        params.append(pytest.param(page, id=page.name, marks=marks))
    return params


# --- A loopback web server ------------------------------------------------------------------------------------


@contextmanager
def serve(folder: Path, *, linkchecker: bool = False, timeout: float = 20) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 on a port the system picks; yield its base URL; stop the server after.

    `python -m http.server`, or with ``linkchecker`` the same server answering with a `LinkChecker` header
    (serve.py) so that LinkChecker does not throttle itself. Both print the port they bound on stdout.
    """
    if linkchecker:
        command = [sys.executable, "-u", str(SERVE), "0", str(folder)]
    else:
        command = [sys.executable, "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(folder), "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        yield f"http://127.0.0.1:{_port(server, timeout)}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def _port(server: subprocess.Popen[str], timeout: float) -> int:
    """Read "Serving HTTP on 127.0.0.1 port N ..." from the server's stdout."""
    assert server.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([server.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = server.stdout.readline()
        if not line:
            break
        words = line.split()
        if "port" in words:
            return int(words[words.index("port") + 1])
    raise RuntimeError(f"the web server did not start within {timeout} s (exit code {server.poll()})")


# --- Builds ---------------------------------------------------------------------------------------------------


@cache
def no_network_prefix() -> tuple[str, ...] | None:
    """`unshare -rn`: run a command in new user and network namespaces with no interface up, so without any
    network, loopback included. None when this machine does not allow it (no unshare, or no user namespaces)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    try:
        result = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return (unshare, "-rn") if result.returncode == 0 else None


def mkdocs_build(
    root: Path, *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a copy of the project, as tests/conftest.py's Project.run does, with extra
    environment variables and an optional command prefix (`unshare -rn`)."""
    environment = {**os.environ, "PYTHONPATH": str(root / "hooks"), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    command = [*prefix, sys.executable, "-m", "mkdocs", "build", "--strict", *args]
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
