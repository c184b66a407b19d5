"""`new`: a valid, commented skeleton for a record of any kind, written where it belongs."""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .models import KIND_BY_FOLDER, KINDS, Record
from .types import ID_PATTERN, Markdown, PartialDate, Ref
from .validate import RESERVED_IDS, WINDOWS_DEVICES


class ScaffoldError(Exception):
    """The record cannot be created: the message says why."""


def _first_line(field: FieldInfo) -> str:
    return " ".join((field.description or "").split())


def _min_length(metadata: Any) -> int:
    return max([getattr(item, "min_length", 1) or 1 for item in metadata] + [1])


def _placeholder(
    name: str, annotation: Any, record_id: str, existing: dict[str, list[str]], source: str | None, count: int = 1
) -> str:
    """A value that validates, for a required field; the comment beside it says to replace it."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _placeholder(name, args[0], record_id, existing, source, _min_length(args[1:]))
    if origin in (typing.Union, types.UnionType):
        return _placeholder(name, next(a for a in args if a is not type(None)), record_id, existing, source)
    if origin is list:
        item = args[0]
        if isinstance(item, type) and issubclass(item, Ref) and count > 1:
            choices = existing.get(item.kinds[0], [])
            if len(choices) < count:
                raise ScaffoldError(f"the field {name!r} needs {count} existing {item.kinds[0]} records")
            return f"[{', '.join(choices[:count])}]"
        return f"[{_placeholder(name, item, record_id, existing, source)}]"
    if origin is typing.Literal:
        return str(args[0])
    if isinstance(annotation, type) and issubclass(annotation, Ref):
        kind = annotation.kinds[0]
        if kind == "source" and source:
            return source
        if not existing.get(kind):
            raise ScaffoldError(f"the field {name!r} needs an existing {kind}; create one first")
        return existing[kind][0]
    if isinstance(annotation, type) and issubclass(annotation, PartialDate):
        return "'2025'"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if name == "sources" or annotation.__name__ == "Citation":
            return _placeholder(name, annotation.model_fields["source"].annotation, record_id, existing, source)
        inner = ", ".join(
            f"{key}: {_placeholder(key, field.annotation, record_id, existing, source)}"
            for key, field in annotation.model_fields.items()
            if field.is_required()
        )
        return "{" + inner + "}"
    if annotation is float:
        return "0"
    if name == "code":
        return "XX"
    if name == "url":
        return "https://example.org/replace-me"
    text = (
        record_id.replace("-", " ").title()
        if name in ("name", "title")
        else f"Replace with the {name.replace('_', ' ')}"
    )
    if isinstance(annotation, type) and issubclass(annotation, Markdown):
        text = f"Replace with the {name}"
    return json.dumps(text, ensure_ascii=False)


def skeleton(kind: str, record_id: str, existing: dict[str, list[str]], source: str | None = None) -> str:
    """The YAML text of a new record: required fields filled with placeholders, optional ones commented out."""
    model: type[Record] = KINDS[kind]
    lines = [
        f"# yaml-language-server: $schema=../schemas/{kind}.schema.json",
        f"# A new {kind}: {' '.join((model.__doc__ or '').split())}",
        "# Replace every value marked TODO, uncomment the optional fields you know, then run `make check`.",
        f"# Field reference: docs/contributing.md and kb/schemas/{kind}.schema.json",
        "",
    ]
    last = ("notes", "sources", "confidence")
    order = [name for name in model.model_fields if name not in last] + [n for n in last if n in model.model_fields]
    for name in order:
        field = model.model_fields[name]
        about = _first_line(field)
        if name == "id":
            lines.append(f"id: {record_id}")
        elif name == "confidence":
            lines.append(f"confidence: low  # TODO: high, medium or low. {about}")
        elif field.is_required() or name in model.starter_fields:
            value = _placeholder(name, field.annotation, record_id, existing, source, _min_length(field.metadata))
            lines.append(f"{name}: {value}  # TODO (required): {about}")
        else:
            lines.append(f"# {name}:  # {about}")
    return "\n".join(lines) + "\n"


def create(kb_dir: Path, kind: str, record_id: str, source: str | None = None) -> Path:
    """Write the skeleton of a new record into its folder; refuse an unknown kind, a bad id or one in use."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}; the kinds are: {', '.join(KINDS)}")
    if not re.fullmatch(ID_PATTERN, record_id):
        raise ScaffoldError(f"{record_id!r} is not a valid id: use lower-case words joined by hyphens (yoji-muto)")
    if record_id in RESERVED_IDS or record_id in WINDOWS_DEVICES:
        raise ScaffoldError(
            f"the id {record_id!r} is reserved (by the site's own pages, or by Windows for a device); choose another id"
        )
    existing: dict[str, list[str]] = {}
    for path in sorted(kb_dir.glob("*/*.yml")):
        model = KIND_BY_FOLDER.get(path.parent.name)
        if model:
            existing.setdefault(model.kind, []).append(path.stem)
    taken = next((p for p in kb_dir.glob(f"*/{record_id}.yml")), None)
    if taken:
        raise ScaffoldError(f"the id {record_id!r} is already used by {taken.relative_to(kb_dir.parent).as_posix()}")
    if source is not None and source not in existing.get("source", []):
        raise ScaffoldError(f"no source has the id {source!r}")
    path = kb_dir / KINDS[kind].plural / f"{record_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind, record_id, existing, source), encoding="utf-8")
    return path


def required_fields(kind: str) -> list[str]:
    return [name for name, field in KINDS[kind].model_fields.items() if field.is_required()]
