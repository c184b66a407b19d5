"""axe-core (npm `axe-core`) in Chromium on every page type of the normal build, in the light and the dark palette
(Material's default and slate schemes, chosen by the browser's prefers-color-scheme): no serious or critical
violation.

axe.min.js is injected by Playwright into each page, served over a loopback http.server, and `axe.run` is
called with its default rules (WCAG 2.x A and AA plus best practices). Minor and moderate findings are not
counted. A violation that comes from the theme may be allowlisted below, for the nodes it names and with the
reason; one that comes from our templates (hooks/kbsite/templates) or docs/assets/kb.css is never allowlisted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from checkers.conftest import BrowserThread
from checkers.support import AXE_JS, PageType, page_type_params, require, serve
from conftest import FIXTURES, make_project

SEVERE = ("serious", "critical")

ALLOWLIST: dict[str, tuple[frozenset[str], str]] = {
    # rule id: (the axe targets it is allowed on, why)
    "aria-dialog-name": (
        frozenset({".md-search"}),
        'Material\'s search box (material/templates/partials/search.html) is a <div role="dialog"> with no '
        "aria-label or aria-labelledby, on every page. Our templates do not render it; naming it would mean "
        "overriding (forking) the theme's partial for one attribute.",
    ),
}

AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 300), impact: n.impact})),
  }));
}"""


SCHEMES = ("light", "dark")
"""The browser's colour schemes: mkdocs.yml's palette shows the default scheme in light, slate in dark."""


def axe(browser: Browser, url: str, scheme: str = "light") -> tuple[list[dict[str, Any]], list[str]]:
    """axe's violations on the page at ``url`` in the ``scheme`` palette, and any request that left this machine
    (none is let through)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    foreign: list[str] = []

    def route(route_request) -> None:  # type: ignore[no-untyped-def]
        request_url = route_request.request.url
        if request_url.startswith(("http://127.0.0.1", "file://", "data:", "blob:", "about:")):
            route_request.continue_()
        else:
            foreign.append(request_url)
            route_request.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=60_000)
        expected = "slate" if scheme == "dark" else "default"
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == expected, f"{url}: the {scheme} palette shows Material's {shown!r} scheme"
        page.add_script_tag(path=str(AXE_JS))
        return page.evaluate(AXE_RUN), foreign
    finally:
        context.close()


def severe(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical violations, minus the allowlisted nodes."""
    kept = []
    for violation in violations:
        if violation["impact"] not in SEVERE:
            continue
        allowed = ALLOWLIST.get(violation["id"], (frozenset(), ""))[0]
        nodes = [node for node in violation["nodes"] if node["target"] not in allowed]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)")
        lines += [f"    {node['target']}: {node['html']}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_js() -> Path:
    return require(AXE_JS, "axe-core (npm)")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_type", page_type_params())
def test_no_serious_or_critical_violation(
    page_type: PageType, scheme: str, axe_js: Path, real_http: str, checkers_browser: BrowserThread
) -> None:
    violations, foreign = checkers_browser.run(axe, real_http + page_type.url(), scheme)
    assert foreign == []
    found = severe(violations)
    assert not found, f"{page_type.src} ({scheme}):\n{describe(found)}"


def test_every_allowlisted_violation_still_occurs(
    axe_js: Path, real_http: str, checkers_browser: BrowserThread
) -> None:
    """The allowlist stays short: an entry the theme no longer needs is removed."""
    violations, _ = checkers_browser.run(axe, real_http)
    found = {(v["id"], node["target"]) for v in violations for node in v["nodes"]}
    for rule, (targets, _reason) in ALLOWLIST.items():
        for target in targets:
            assert (rule, target) in found, f"axe no longer reports {rule} on {target}: remove it from ALLOWLIST"


def test_an_image_without_alt_text_in_a_template_fails(
    tmp_path: Path, axe_js: Path, checkers_browser: BrowserThread
) -> None:
    """Break it on purpose: a copy of the project whose person template has an <img> with no alt."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    template = project.root / "hooks" / "kbsite" / "templates" / "person.html.j2"
    text = template.read_text(encoding="utf-8")
    assert "{% block body %}" in text
    image = '<p><img src="../../assets/images/favicon.png"></p>'
    template.write_text(text.replace("{% block body %}", "{% block body %}\n" + image, 1), encoding="utf-8")
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as base:
        violations, _ = checkers_browser.run(axe, base + "people/ryosei-akazawa/")
    found = severe(violations)
    assert [v["id"] for v in found if v["id"] == "image-alt"] == ["image-alt"], describe(found)
    assert any("favicon.png" in node["html"] for v in found for node in v["nodes"])
