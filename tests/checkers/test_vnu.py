"""The Nu HTML Checker (npm `vnu-jar`) on every page of the normal build: no error outside a short allowlist.

Run as `java -jar node_modules/vnu-jar/build/dist/vnu.jar --format json --skip-non-html site/`. The allowlist
(vnu-allowlist.txt) holds only messages the theme's own templates cause, each with its reason.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checkers.support import CHECKERS, VNU_JAR, require
from conftest import Project

ALLOWLIST_FILE = CHECKERS / "vnu-allowlist.txt"
ERRORS = ("error", "non-document-error")
"""vnu's message types that are errors ("info" messages, warnings included, are not counted)."""


@dataclass(frozen=True)
class Allowed:
    message: str
    extract: str

    def excuses(self, message: dict[str, Any]) -> bool:
        return message.get("message") == self.message and self.extract in message.get("extract", "")


def allowlist() -> list[Allowed]:
    entries = []
    for line in ALLOWLIST_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            message, separator, extract = line.partition("  ||  ")
            assert separator and extract.strip(), f"vnu-allowlist.txt: no '  ||  <markup>' in: {line}"
            entries.append(Allowed(message.strip(), extract.strip()))
    return entries


def vnu(folder: Path) -> list[dict[str, Any]]:
    """Every message vnu reports on the HTML files under ``folder``."""
    jar = require(VNU_JAR, "The Nu HTML Checker (npm vnu-jar)")
    java = shutil.which("java")
    if java is None:
        pytest.skip("The Nu HTML Checker needs Java 11 or later: no `java` on PATH")
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]  # 1: errors were found
    return json.loads(result.stderr)["messages"]  # vnu writes its report to stderr


def describe(messages: list[dict[str, Any]], root: Path) -> str:
    lines = []
    for message in messages[:40]:
        where = message.get("url", "").removeprefix(root.as_uri() + "/")
        lines.append(
            f"{where}:{message.get('lastLine', '?')}: {message['type']}: {message.get('message')}\n"
            f"    {message.get('extract', '').strip()[:200]}"
        )
    return "\n".join(lines) + (f"\n... and {len(messages) - 40} more" if len(messages) > 40 else "")


@pytest.fixture(scope="module")
def report(real_site: Project) -> list[dict[str, Any]]:
    return vnu(real_site.site)


def test_no_error_outside_the_allowlist(report: list[dict[str, Any]], real_site: Project) -> None:
    entries = allowlist()
    errors = [m for m in report if m["type"] in ERRORS and not any(entry.excuses(m) for entry in entries)]
    assert not errors, f"{len(errors)} HTML errors:\n{describe(errors, real_site.site)}"


def test_every_allowlist_entry_is_still_needed(report: list[dict[str, Any]]) -> None:
    for entry in allowlist():
        assert any(entry.excuses(m) for m in report if m["type"] in ERRORS), (
            f"vnu no longer reports this; delete it from vnu-allowlist.txt: {entry.message}"
        )


def test_an_error_in_our_markup_is_reported(tmp_path: Path) -> None:
    """Break it on purpose: the allowlist does not swallow errors it was not written for."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<p id="a">one</p><p id="a">two</p>'
        '<input type="checkbox" autocomplete="off"></body></html>',
        encoding="utf-8",
    )
    entries = allowlist()
    errors = [m for m in vnu(tmp_path) if m["type"] in ERRORS and not any(entry.excuses(m) for entry in entries)]
    messages = [m["message"] for m in errors]
    assert any("Duplicate ID “a”" in message for message in messages), messages
    assert any("autocomplete" in message for message in messages), messages  # not md-toggle: not excused
