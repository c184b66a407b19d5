"""LinkChecker (PyPI `LinkChecker`) on the normal build over a loopback server: no broken link, no missing anchor.

Its CLI runs with tests/checkers/linkcheckerrc: the AnchorCheck plugin on (a missing #fragment is a warning, and
warnings count), internal links only (the site links to hundreds of external sources; none is fetched, only their
syntax is checked). Every HTML file is a start URL, orphans included, checked at depth 1: each link on each page is
followed once. The pages are split between two LinkChecker processes, one per core.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from checkers.support import CHECKERS, serve
from conftest import FIXTURES, Project, make_project

CONFIG = CHECKERS / "linkcheckerrc"
SUMMARY = re.compile(r"That's it\. (\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found\.")
TIMEOUT = 600


@dataclass
class Report:
    links: int
    warnings: int
    errors: int
    output: str


def linkchecker() -> list[str]:
    script = Path(sys.executable).parent / "linkchecker"
    found = str(script) if script.exists() else shutil.which("linkchecker")
    if found is None:
        pytest.skip("LinkChecker is not installed: pip install LinkChecker (pinned in requirements.txt)")
    return [found]


def start_urls(site: Path, base: str) -> list[str]:
    """Every HTML file of ``site``, as the address a reader follows (a folder for an index.html)."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        urls.append(base + (path.removesuffix("index.html") if page.name == "index.html" else path))
    return urls


def check(site: Path, processes: int = max(1, min(2, os.cpu_count() or 1))) -> Report:
    command = linkchecker()
    with serve(site, linkchecker=True) as base:
        urls = start_urls(site, base)
        runs = [
            subprocess.Popen(
                [*command, "--config", str(CONFIG), "--no-status", *urls[i::processes]],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=CHECKERS,
            )
            for i in range(processes)
        ]
        outputs = []
        try:
            for run in runs:
                outputs.append(run.communicate(timeout=TIMEOUT)[0])
        finally:
            for run in runs:
                if run.poll() is None:
                    run.kill()
                    run.wait(timeout=30)
    report = Report(0, 0, 0, "\n".join(outputs))
    for run, output in zip(runs, outputs, strict=True):
        summary = SUMMARY.search(output)
        assert summary and run.returncode in (0, 1), (
            f"LinkChecker failed (exit code {run.returncode}):\n{output[-3000:]}"
        )
        assert "interrupted" not in output, output[-3000:]
        report.links += int(summary[1])
        report.warnings += int(summary[3])
        report.errors += int(summary[4])
        assert run.returncode == (1 if int(summary[3]) + int(summary[4]) else 0), output[-3000:]
    return report


def test_no_broken_link_or_anchor_on_the_site(real_site: Project) -> None:
    report = check(real_site.site)
    assert report.links > 1000  # every page's links were checked, not only the home page's
    assert (report.errors, report.warnings) == (0, 0), report.output[-20000:]


def test_a_broken_link_and_a_missing_anchor_fail(tmp_path: Path) -> None:
    """Break it on purpose: raw HTML links, which `mkdocs build --strict` does not validate, in a copy."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    project.write(
        "docs/broken.md",
        "\n".join(
            [
                "# Broken links",
                "",
                '<p><a href="../people/nobody/">a page that does not exist</a>,',
                '<a href="../people/ryosei-akazawa/#no-such-anchor">an anchor that does not exist</a>,',
                '<a href="../people/ryosei-akazawa/#roles">an anchor that exists</a>.</p>',
                "",
            ]
        ),
    )
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    report = check(project.site)
    assert (report.errors, report.warnings) == (2, 2), report.output  # the page and its Japanese twin (in English)
    assert "people/nobody/" in report.output and "404" in report.output
    assert "Anchor `no-such-anchor' (decoded: `no-such-anchor') not found" in " ".join(report.output.split())
