"""Files of the project written from the record kinds (models.py), so that a new kind needs no hand edits there:
the kinds' part of mkdocs.yml's nav, the README's table of kinds, the editor's schema mapping
(.vscode/settings.json) and the JSON Schemas in kb/schemas/. ``make schemas`` writes them;
tests/test_kinds.py fails when one is stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .models import KINDS
from .schemas import stale_schemas, write_schemas

NAV_START = "  # The record kinds' index pages, from models.py: `make schemas` writes these lines.\n"
NAV_END = "  # End of the record kinds.\n"
README_START = "<!-- The kinds, from hooks/kbsite/models.py: `make schemas` writes this table. -->\n"
README_END = "<!-- End of the kinds. -->\n"


def nav_lines() -> str:
    """The nav entries of the kinds' index pages, in their nav order (kinds without a nav title left out)."""
    kinds = sorted((m for m in KINDS.values() if m.nav_title), key=lambda m: m.nav_position)
    return "".join(f"  - {model.nav_title}: {model.plural}/index.md\n" for model in kinds)


def readme_table() -> str:
    """The README's table of kinds and their folders."""
    rows = [f"| {kind} | `kb/{model.plural}/` | {model.in_short} |\n" for kind, model in KINDS.items()]
    return "| Kind | Folder | What it is |\n| --- | --- | --- |\n" + "".join(rows)


def vscode_settings(current: str) -> str:
    """The editor settings with each kind's folder mapped to its JSON Schema (other settings kept)."""
    settings = json.loads(current) if current.strip() else {}
    settings["yaml.schemas"] = {
        f"kb/schemas/{kind}.schema.json": [f"kb/{model.plural}/*.yml"] for kind, model in KINDS.items()
    }
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def _between(start: str, end: str, lines: str) -> Callable[[str], str]:
    def replace(text: str) -> str:
        if start not in text or end not in text:
            raise ValueError(f"the markers {start.strip()!r} and {end.strip()!r} are missing")
        head, rest = text.split(start, 1)
        return head + start + lines + end + rest.split(end, 1)[1]

    return replace


def _writers() -> dict[str, Callable[[str], str]]:
    return {
        "mkdocs.yml": _between(NAV_START, NAV_END, nav_lines()),
        "README.md": _between(README_START, README_END, readme_table()),
        ".vscode/settings.json": vscode_settings,
    }


def stale(root: Path, kb_dir: Path | None = None) -> list[str]:
    """The generated files under ``root`` that differ from what the kinds make (files that do not exist are
    skipped, so a copy of the project without a README is fine)."""
    found = []
    for name, write in _writers().items():
        path = root / name
        if path.is_file() and write(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8"):
            found.append(name)
    schemas = (kb_dir or root / "kb") / "schemas"
    return found + [f"{schemas.name}/{name}" for name in stale_schemas(schemas)]


def write(root: Path, kb_dir: Path | None = None) -> list[str]:
    """Bring the generated files under ``root`` up to date; return the names of those written."""
    changed = []
    for name, make in _writers().items():
        path = root / name
        if path.is_file():
            old = path.read_text(encoding="utf-8")
            new = make(old)
            if new != old:
                path.write_text(new, encoding="utf-8")
                changed.append(name)
    schemas = (kb_dir or root / "kb") / "schemas"
    return changed + [f"{schemas.name}/{name}" for name in write_schemas(schemas)]
