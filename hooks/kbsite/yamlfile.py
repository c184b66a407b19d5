"""The one strict YAML loader: libyaml events to plain data with the line and column of every value.

It never constructs Python objects from tags and never expands anchors or aliases (it refuses them before
anything is built, so an alias bomb costs nothing). Scalars follow YAML 1.2's core schema in its strictest
reading: only ``true``/``false`` are booleans, only ``null``/``~``/empty are null, numbers are plain decimal
ints and floats, and everything else, dates included, stays a string for the models to validate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024
"""A record is a page of facts; anything larger is a mistake or an attack."""

Loc = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null"}

try:  # libyaml is the fast path; the pure-Python parser reads the same grammar where it is missing.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Document:
    """One YAML file as plain data, with positions for every mapping key and value."""

    path: str
    """Display path of the file (``kb/people/x.yml``)."""
    data: dict[str, Any]
    """The top-level mapping."""
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, keyed by its path of keys and list indexes."""

    def position(self, loc: Loc) -> tuple[int, int]:
        """The closest known position for a path: the value itself, else its nearest parent."""
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


class _Refused(Exception):
    def __init__(self, mark: Any, message: str, loc: Loc = ()) -> None:
        super().__init__(message)
        self.line = mark.line + 1
        self.col = mark.column + 1
        self.message = message
        self.loc = loc


def _scalar(event: yaml.ScalarEvent, loc: Loc = ()) -> Any:
    value = event.value
    if event.tag not in (None, "!"):
        raise _Refused(event.start_mark, f"tags such as {event.tag!r} are not allowed; write the plain value", loc)
    if event.style is not None and event.style != "":  # quoted or block scalars are always strings
        return value
    if value in _NULL:
        return None
    if value in ("true", "false"):
        return value == "true"
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


class _Builder:
    """Builds plain data from the event stream, refusing what a fact record never needs."""

    def __init__(self, events: Any) -> None:
        self.events = events
        self.positions: dict[Loc, tuple[int, int]] = {}

    def _next(self) -> Any:
        return next(self.events)

    def node(self, event: Any, loc: Loc) -> Any:
        self.positions[loc] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"aliases (*{event.anchor}) are not allowed; write the value out", loc)
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, f"anchors (&{event.anchor}) are not allowed; write the value out", loc)
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event, loc)
        if getattr(event, "tag", None) not in (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            raise _Refused(event.start_mark, f"tags such as {event.tag!r} are not allowed", loc)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(nxt := self._next(), yaml.SequenceEndEvent):
                items.append(self.node(nxt, (*loc, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            while not isinstance(key_event := self._next(), yaml.MappingEndEvent):
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise _Refused(key_event.start_mark, "keys must be plain names, not lists or mappings", loc)
                key = _scalar(key_event) if key_event.anchor is None else None
                if key_event.anchor is not None:
                    raise _Refused(key_event.start_mark, "anchors are not allowed", loc)
                if key == "<<" and not key_event.style:
                    raise _Refused(key_event.start_mark, "merge keys (<<) are not allowed; write the fields out", loc)
                if not isinstance(key, str):
                    raise _Refused(key_event.start_mark, f"keys must be names, found {key!r}", loc)
                if key in mapping:
                    first = self.positions[(*loc, key)]
                    raise _Refused(
                        key_event.start_mark, f"duplicate key {key!r} (first defined on line {first[0]})", (*loc, key)
                    )
                mapping[key] = self.node(self._next(), (*loc, key))
                # The key's own position is where contributors look; keep it for the value's messages.
                self.positions[(*loc, key)] = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            return mapping
        raise _Refused(event.start_mark, f"unexpected YAML event {type(event).__name__}", loc)


def load(path: Path, display: str) -> Document | Problem:
    """Read one record file strictly; return its document, or the one problem that stops it being read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Problem(display, 1, 1, "", f"cannot read the file: {error.strerror}")
    return parse(raw, display)


def parse(raw: bytes, display: str) -> Document | Problem:
    """Parse the bytes of one record file (see :func:`load`)."""
    if len(raw) > MAX_FILE_BYTES:
        return Problem(display, 1, 1, "", f"the file is {len(raw):,} bytes; a record may be at most {MAX_FILE_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(display, line, col, "", f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return Problem(display, 1, 1, "", "the file is empty; a record is a YAML mapping of its fields")
    builder = _Builder(iter(yaml.parse(text, Loader=_Loader)))
    try:
        data = _document(builder)
    except _Refused as refused:
        field_name = ".".join(str(part) for part in refused.loc)
        return Problem(display, refused.line, refused.col, field_name, refused.message)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        return Problem(display, line, col, "", f"YAML syntax error: {detail}")
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reports marks for syntax errors
        return Problem(display, 1, 1, "", f"YAML syntax error: {error}")
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"the value {data!r}"
        return Problem(display, 1, 1, "", f"a record must be a mapping of fields (key: value), found {found}")
    return Document(display, data, builder.positions)


def _document(builder: _Builder) -> Any:
    data: Any = None
    documents = 0
    for event in builder.events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(event.start_mark, "one record per file: found a second YAML document (---)")
            data = builder.node(builder._next(), ())
    return data
