"""JSON Schemas of the record kinds, for editors, pre-commit and the published /schemas/ pages."""

from __future__ import annotations

import json
from pathlib import Path

from .models import KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_texts() -> dict[str, str]:
    """Each kind's JSON Schema as stable, pretty JSON, keyed by file name (``person.schema.json``)."""
    texts = {}
    for kind, model in KINDS.items():
        schema = {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **model.model_json_schema()}
        texts[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return texts


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in ``folder`` that are missing, different from the models, or left over."""
    expected = schema_texts()
    stale = [
        name
        for name, text in expected.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    stale += [path.name for path in sorted(folder.glob("*.json")) if path.name not in expected]
    return sorted(stale)


def write_schemas(folder: Path) -> list[str]:
    """Bring ``folder`` up to date with the models; return the names of the files written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale_schemas(folder)
    expected = schema_texts()
    for name in changed:
        if name in expected:
            (folder / name).write_text(expected[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return changed
