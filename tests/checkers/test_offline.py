"""Zero network: the site builds with no network at all, and its pages load nothing from another host.

- The normal build and the offline copy (OFFLINE=true) build inside `unshare -rn`: new user and network
  namespaces in which no interface is up, not even loopback.
- Their HTML, CSS and SVG reference scripts, style sheets, fonts and images by relative paths only.
- Acceptance: an external script, style sheet or font in mkdocs.yml fails `mkdocs build --strict`. Material's
  privacy plugin, with `assets_fetch: false`, warns about each external asset instead of downloading it, and
  --strict turns the warnings into a failed build (test_an_external_asset_in_the_config_fails_the_build).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from checkers.support import KB, mkdocs_build, no_network_prefix
from conftest import FIXTURES, Project, make_project

# --- Finding external assets ----------------------------------------------------------------------------------

ASSET_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
"""The elements and attributes that make a browser fetch something (HTML and SVG)."""
LINKS_THAT_FETCH_NOTHING = {
    "canonical",
    "alternate",
    "author",
    "license",
    "help",
    "next",
    "prev",
    "me",
    "bookmark",
    "search",
}
"""<link rel=...> values that only name a page; any other rel (stylesheet, icon, preload, preconnect) loads."""
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<import>[^'"]+)\3""", re.I)


def css_urls(css: str) -> list[str]:
    return [match["url"] or match["import"] for match in CSS_URL.finditer(css)]


class AssetParser(HTMLParser):
    """The URLs a page loads: asset attributes, inline styles and <style> sheets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (where, url)
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if (
            tag == "link"
            and set(values.get("rel", "").lower().split()) <= LINKS_THAT_FETCH_NOTHING
            and values.get("rel")
        ):
            pass
        else:
            for name in ASSET_ATTRIBUTES.get(tag, ()):
                if name in values:
                    urls = (
                        [part.split()[0] for part in values[name].split(",") if part.strip()]
                        if name == "srcset"
                        else [values[name]]
                    )
                    self.urls += [(f"<{tag} {name}>", url) for url in urls]
        if "style" in values:
            self.urls += [(f"<{tag} style>", url) for url in css_urls(values["style"])]
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += [("<style>", url) for url in css_urls(data)]


def is_external(url: str) -> bool:
    """An address on another host: http(s), protocol-relative (//host), or any other scheme but data: and blob:."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or (bool(parts.scheme) and parts.scheme.lower() not in ("data", "blob"))


def asset_problems(site: Path) -> list[str]:
    """Every reference to an asset that is not a relative path, as `file: <tag attr> url`.

    404.html is the one exception allowed to use root-relative paths (/assets/...): MkDocs writes it that way
    because a server returns it for a missing page at any depth.
    """
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".svg"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            found = [("url()", url) for url in css_urls(text)]
        else:
            parser = AssetParser()
            parser.feed(text)
            found = parser.urls
        relative = path.relative_to(site).as_posix()
        for where, url in found:
            rooted = url.strip().startswith("/") and not url.strip().startswith("//")
            if is_external(url) or (rooted and relative not in ("404.html", "ja/404.html")):
                problems.append(f"{relative}: {where} {url}")
    return problems


def test_the_asset_scan_finds_external_assets(tmp_path: Path) -> None:
    """The scan itself, on a page that loads one of everything from elsewhere."""
    (tmp_path / "index.html").write_text(
        """<!doctype html><html><head>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="preconnect" href="https://fonts.gstatic.com">
<link rel="canonical" href="https://example.org/">
<script src="//cdn.example.com/x.js"></script><style>body { background: url("http://example.com/b.png") }</style>
</head><body><img src="https://example.com/a.png" alt="a"><img srcset="ok.png 1x, https://example.com/c.png 2x" alt="c">
<div style="background-image: url(https://example.com/d.png)"></div><img src="assets/fine.png" alt="ok">
<img src="/assets/rooted.png" alt="rooted"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="inline">
<svg><image href="https://example.com/e.png"/></svg></body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "x.css").write_text('@import "https://example.com/f.css"; a { background: url(ok.png) }')
    problems = asset_problems(tmp_path)
    assert [problem.rsplit(" ", 1)[1] for problem in problems] == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "https://fonts.gstatic.com",
        "//cdn.example.com/x.js",
        "http://example.com/b.png",
        "https://example.com/a.png",
        "https://example.com/c.png",
        "https://example.com/d.png",
        "/assets/rooted.png",
        "https://example.com/e.png",
        "https://example.com/f.css",
    ], problems


# --- Building with no network ---------------------------------------------------------------------------------

NO_NETWORK_PROBE = "import socket; socket.create_connection(('1.1.1.1', 53), timeout=5)"


@pytest.fixture(scope="module", params=["normal", "offline"])
def netless_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Project, subprocess.CompletedProcess[str]]:
    """The real knowledge base built inside `unshare -rn` (normally if this machine cannot): normal, or OFFLINE=true."""
    project = make_project(tmp_path_factory.mktemp(f"netless-{request.param}") / "project", KB)
    env = {"OFFLINE": "true"} if request.param == "offline" else {"OFFLINE": "false"}
    return project, mkdocs_build(project.root, env=env, prefix=no_network_prefix() or ())


def test_the_site_builds_with_no_network(netless_build: tuple[Project, subprocess.CompletedProcess[str]]) -> None:
    prefix = no_network_prefix()
    if prefix is None:
        pytest.skip(
            "`unshare -rn` is not allowed on this machine (needs util-linux and unprivileged user "
            "namespaces, or root): cannot take the network away from the build"
        )
    probe = subprocess.run([*prefix, sys.executable, "-c", NO_NETWORK_PROBE], capture_output=True, timeout=30)
    assert probe.returncode != 0, "unshare -rn left the network reachable: this test would prove nothing"
    project, result = netless_build
    assert result.returncode == 0, result.stderr
    assert (project.site / "index.html").exists()


def test_pages_load_assets_by_relative_paths_only(
    netless_build: tuple[Project, subprocess.CompletedProcess[str]],
) -> None:
    project, result = netless_build
    assert result.returncode == 0, result.stderr
    assert asset_problems(project.site) == []


# --- Acceptance: an external asset in mkdocs.yml fails the build ---------------------------------------------

EXTERNAL_ASSETS = {
    "script": (("extra_javascript:\n", "extra_javascript:\n  - https://example.com/x.js\n"), "example.com/x.js"),
    "style sheet": (("extra_css:\n", "extra_css:\n  - https://example.com/x.css\n"), "example.com/x.css"),
    "font": (("  font: false\n", "  font:\n    text: Roboto\n"), "fonts.g"),
}


@pytest.mark.parametrize("what", EXTERNAL_ASSETS)
def test_an_external_asset_in_the_config_fails_the_build(what: str, tmp_path: Path) -> None:
    """Break it on purpose: a copy of mkdocs.yml with an external script, style sheet or Google font.

    Built without network where possible: downloading the asset at build time would break the rule too.
    """
    (old, new), host = EXTERNAL_ASSETS[what]
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count(old) == 1, f"mkdocs.yml no longer has {old!r} once: update this test"
    (project.root / "mkdocs.yml").write_text(config.replace(old, new), encoding="utf-8")
    result = mkdocs_build(project.root, prefix=no_network_prefix() or ())
    assert result.returncode != 0, (
        f"mkdocs build --strict accepted an external {what}. Enable Material's privacy plugin in mkdocs.yml "
        "with `assets_fetch: false`, so each external asset is a warning and --strict fails the build."
    )
    assert any(host in line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))), (
        result.stderr[-3000:]
    )
