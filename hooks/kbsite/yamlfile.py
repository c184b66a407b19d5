"""The one strict YAML loader: libyaml events to plain data with the line and column of every value.

It never constructs Python objects from tags and never expands anchors or aliases (it refuses them before
anything is built, so an alias bomb costs nothing). Scalars follow YAML 1.2's core schema in its strictest
reading: only ``true``/``false`` are booleans, only ``null``/``~``/empty are null, numbers are plain decimal
ints and floats, and everything else, dates included, stays a string for the models to validate.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024
"""A record is a page of facts; anything larger is a mistake or an attack."""

MAX_DEPTH = 24
"""How deep lists and mappings may nest; a record needs five or six levels, and every stage after the loader walks
the nesting (so 10,000 levels would exhaust Python's stack)."""

MAX_DIGITS = 30
"""The most digits a number may have: no field means a number beyond 10**30, and Python refuses to read an integer of
more than 4,300 digits at all."""

Loc = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null"}

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
"""Characters no text of a record may hold: control characters other than tab and newline (YAML escapes such as
"\\x07" can make them), bidirectional overrides, isolates and marks (they reorder what a reader sees: a name can
display as "tariff 15%"), zero-width and other invisible characters, and code points XML cannot carry."""

try:  # libyaml's parser is the fast path (only its events are used: nothing is constructed or resolved by it);
    from yaml._yaml import CParser  # the pure-Python parser reads the same grammar where it is missing

    _Loader: type[Any] = CParser
except ImportError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Document:
    """One YAML file as plain data; the line and column of every value are found again when a message needs one."""

    path: str
    """Display path of the file (``kb/people/x.yml``)."""
    data: dict[str, Any]
    """The top-level mapping."""
    text: str = field(repr=False, compare=False)
    """The file's text, which positions are read from."""

    @cached_property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        """1-based (line, column) of each value, keyed by its path of keys and list indexes."""
        return _careful(self.text)[1]

    def position(self, loc: Loc) -> tuple[int, int]:
        """The closest known position for a path: the value itself, else its nearest parent."""
        positions = self.positions
        while loc:
            if loc in positions:
                return positions[loc]
            loc = loc[:-1]
        return positions.get((), (1, 1))


class _Unusual(Exception):
    """Something the fast reading leaves to the careful one, which says what and where."""


def _plain(next_event: Any, event: Any, depth: int = 0) -> Any:
    """The plain data of one node, read fast: no positions, and anything a record never needs (anchors, aliases,
    tags, merge keys, complex or duplicate keys, deep nesting) stops it; the careful reading then reports it."""
    cls = event.__class__
    if event.anchor is not None or cls is yaml.AliasEvent:
        raise _Unusual
    if cls is yaml.ScalarEvent:
        return _scalar(event)
    if event.tag not in _COLLECTION_TAGS or depth >= MAX_DEPTH:
        raise _Unusual
    if cls is yaml.MappingStartEvent:
        mapping: dict[str, Any] = {}
        while (key_event := next_event()).__class__ is not yaml.MappingEndEvent:
            if key_event.__class__ is not yaml.ScalarEvent or key_event.anchor is not None:
                raise _Unusual
            key = _scalar(key_event)
            if not isinstance(key, str) or key in mapping or (key == "<<" and not key_event.style):
                raise _Unusual
            value = next_event()
            mapping[key] = (
                _scalar(value)
                if value.__class__ is yaml.ScalarEvent and value.anchor is None
                else (_plain(next_event, value, depth + 1))
            )
        return mapping
    if cls is yaml.SequenceStartEvent:
        items: list[Any] = []
        while (item := next_event()).__class__ is not yaml.SequenceEndEvent:
            items.append(_plain(next_event, item, depth + 1))
        return items
    raise _Unusual


class _Refused(Exception):
    def __init__(self, mark: Any, message: str, loc: Loc = ()) -> None:
        super().__init__(message)
        self.line = mark.line + 1
        self.col = mark.column + 1
        self.message = message
        self.loc = loc


_NUMERIC_START = frozenset("0123456789+-.")


def character_name(char: str) -> str:
    """A character as messages show it: its code point and, where Unicode gives one, its name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def hidden_character(value: str) -> str | None:
    """What is wrong with a text that holds a character no record text may hold (see _HIDDEN), else None."""
    found = _HIDDEN.search(value)
    if found is None:
        return None
    char = found.group()
    if char in "\u200b\u200c\u200d\u2060\ufeff\u180e" or "\u2061" <= char <= "\u2064":
        why = "it is invisible, so the text reads as something it is not"
    elif (
        "\u200e" <= char <= "\u200f" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069" or char == "\u061c"
    ):
        why = "it changes the order in which the text around it is shown"
    elif char <= "\x9f":
        why = "control characters break feeds, charts and terminals"
    else:
        why = "feeds and charts cannot carry it"
    return f"the character {character_name(char)} is not allowed: {why}; remove it"


def _scalar(event: yaml.ScalarEvent, loc: Loc = (), hidden: bool = False) -> Any:
    """One scalar's value; ``hidden`` asks for a check of its characters (needed only when the file's text holds a
    character of _HIDDEN or an escape that can make one)."""
    value = event.value
    if event.tag is not None and event.tag != "!":
        raise _Refused(event.start_mark, f"tags such as {event.tag!r} are not allowed; write the plain value", loc)
    if hidden and _HIDDEN.search(value):
        raise _Refused(event.start_mark, hidden_character(value) or "", loc)
    if event.style:  # quoted or block scalars are always strings
        return value
    if value in _NULL:
        return None
    if value == "true" or value == "false":
        return value == "true"
    if value[0] in _NUMERIC_START and (_INT.fullmatch(value) or _FLOAT.fullmatch(value)):
        digits = (
            sum(char.isdigit() for char in value.partition("e")[0].partition("E")[0]) if len(value) > MAX_DIGITS else 0
        )
        if digits > MAX_DIGITS:
            raise _Refused(
                event.start_mark,
                f"a number of {digits:,} digits is not allowed (at most {MAX_DIGITS}); put it in quotes if it is text",
                loc,
            )
        if _INT.fullmatch(value):
            return int(value)
        number = float(value)
        if number in (float("inf"), float("-inf")):
            raise _Refused(event.start_mark, f"{value} is too large to be a number (it reads as infinity)", loc)
        return number
    return value


_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


class _Builder:
    """Builds plain data from the event stream, refusing what a fact record never needs."""

    def __init__(self, loader: Any, hidden: bool = False) -> None:
        self.next = loader.get_event
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.hidden = hidden
        """Whether scalars are checked for hidden characters."""

    def node(self, event: Any, loc: Loc) -> Any:
        mark = event.start_mark
        self.positions[loc] = (mark.line + 1, mark.column + 1)
        cls = event.__class__
        if cls is yaml.AliasEvent:
            raise _Refused(mark, f"aliases (*{event.anchor}) are not allowed; write the value out", loc)
        if event.anchor is not None:
            raise _Refused(mark, f"anchors (&{event.anchor}) are not allowed; write the value out", loc)
        if cls is yaml.ScalarEvent:
            return _scalar(event, loc, self.hidden)
        if event.tag not in _COLLECTION_TAGS:
            raise _Refused(mark, f"tags such as {event.tag!r} are not allowed", loc)
        if len(loc) >= MAX_DEPTH and cls in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
            raise _Refused(
                mark, f"lists and mappings nest more than {MAX_DEPTH} levels deep here; a record needs far fewer", loc
            )
        if cls is yaml.SequenceStartEvent:
            items: list[Any] = []
            while (item := self.next()).__class__ is not yaml.SequenceEndEvent:
                items.append(self.node(item, (*loc, len(items))))
            return items
        if cls is yaml.MappingStartEvent:
            return self.mapping(loc)
        raise _Refused(mark, f"unexpected YAML event {cls.__name__}", loc)

    def mapping(self, loc: Loc) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        positions = self.positions
        while (key_event := self.next()).__class__ is not yaml.MappingEndEvent:
            mark = key_event.start_mark
            if key_event.__class__ is not yaml.ScalarEvent:
                raise _Refused(mark, "keys must be plain names, not lists or mappings", loc)
            if key_event.anchor is not None:
                raise _Refused(mark, "anchors are not allowed", loc)
            key = _scalar(key_event, loc, self.hidden)
            if key == "<<" and not key_event.style:
                raise _Refused(mark, "merge keys (<<) are not allowed; write the fields out", loc)
            if not isinstance(key, str):
                raise _Refused(mark, f"keys must be names, found {key!r}", loc)
            where = (*loc, key)
            if key in mapping:
                raise _Refused(mark, f"duplicate key {key!r} (first defined on line {positions[where][0]})", where)
            value = self.next()
            if value.__class__ is yaml.ScalarEvent and value.anchor is None:  # most values: no nesting to place
                mapping[key] = _scalar(value, where, self.hidden)
            else:
                mapping[key] = self.node(value, where)
            # The key's own position is where contributors look; keep it for the value's messages.
            positions[where] = (mark.line + 1, mark.column + 1)
        return mapping


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""A symbolic link is never followed, and opening a FIFO never waits for a writer."""


def not_regular(mode: int) -> str | None:
    """What a file that is not a plain file is ("a symbolic link"), from its ``lstat`` mode; None for a plain file."""
    if stat.S_ISREG(mode):
        return None
    for test, what in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return what
    return "not a plain file"


def not_regular_problem(display: str, what: str) -> Problem:
    """The problem of an entry under kb/ that is not a plain file; it is never opened, so nothing of it is quoted."""
    return Problem(
        display,
        1,
        1,
        "",
        f"not a regular file ({what}): records must be plain files in the repository; "
        "replace it with the record's own text",
    )


def read_bytes(path: str | Path) -> bytes | str:
    """The bytes of a plain file, at most MAX_FILE_BYTES + 1 of them; or, for anything else, what stopped the reading.

    The file is opened without following a symbolic link and without waiting on a FIFO, then checked to be a plain
    file before a byte is read: nothing outside the knowledge base is ever read through an entry in it."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if getattr(error, "errno", None) == getattr(__import__("errno"), "ELOOP", -1):
            return "not a regular file (a symbolic link)"
        return f"cannot read the file: {error.strerror}"
    try:
        what = not_regular(os.fstat(descriptor).st_mode)
        if what is not None:
            return f"not a regular file ({what})"
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES and (chunk := os.read(descriptor, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as error:
        return f"cannot read the file: {error.strerror}"
    finally:
        os.close(descriptor)


def load(path: str | Path, display: str) -> Document | Problem:
    """Read one record file strictly; return its document, or the one problem that stops it being read."""
    raw = read_bytes(path)
    if isinstance(raw, str):
        if raw.startswith("not a regular file"):
            return not_regular_problem(display, raw[raw.index("(") + 1 : -1])
        return Problem(display, 1, 1, "", raw)
    return parse(raw, display)


def parse(raw: bytes, display: str) -> Document | Problem:
    """Parse the bytes of one record file (see :func:`load`)."""
    if len(raw) > MAX_FILE_BYTES:
        return Problem(
            display, 1, 1, "", f"the file is over {MAX_FILE_BYTES:,} bytes; a record may be at most {MAX_FILE_BYTES:,}"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(
            display, line, col, "", f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    hidden = "\\" in text or _HIDDEN.search(text) is not None  # one scan of the text spares one per scalar
    try:
        try:
            if hidden:
                raise _Unusual
            next_event = _Loader(text).get_event
            data = _document(next_event, lambda event: _plain(next_event, event))
            positions: dict[Loc, tuple[int, int]] | None = None
        except (_Unusual, _Refused):
            data, positions = _careful(text, hidden)
    except _Refused as refused:
        field_name = ".".join(str(part) for part in refused.loc)
        return Problem(display, refused.line, refused.col, field_name, refused.message)
    except yaml.MarkedYAMLError as error:
        if _blank(text):  # a stray tab, say
            return _empty(display)
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        return Problem(display, line, col, "", f"YAML syntax error: {detail}")
    except yaml.reader.ReaderError as error:  # a character YAML refuses anywhere, such as a control character
        if _blank(text):
            return _empty(display)
        before = text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore")  # libyaml counts bytes
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        return Problem(
            display,
            line,
            col,
            "",
            f"the character U+{error.character:04X} is not allowed in YAML ({error.reason}); remove it",
        )
    if not isinstance(data, dict):
        if _blank(text):  # blank but for characters YAML reads as a value, such as a no-break space
            return _empty(display)
        found = "a list" if isinstance(data, list) else f"the value {data!r}"
        return Problem(display, 1, 1, "", f"a record must be a mapping of fields (key: value), found {found}")
    document = Document(display, data, text)
    if positions is not None:  # read carefully already: keep what it found
        document.__dict__["positions"] = positions
    return document


def _blank(text: str) -> bool:
    """Whether a text holds only blank lines and comments (asked only when reading it failed or gave nothing)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _empty(display: str) -> Problem:
    return Problem(display, 1, 1, "", "the file is empty; a record is a YAML mapping of its fields")


def _careful(text: str, hidden: bool = False) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """A file's data and positions by the careful reading, which refuses with the place and the reason."""
    builder = _Builder(_Loader(text), hidden)
    return _document(builder.next, lambda event: builder.node(event, ())), builder.positions


def _document(next_event: Any, node: Any) -> Any:
    """The data of a file's one document, each node read by ``node``; a second document is refused."""
    data: Any = None
    documents = 0
    while (event := next_event()) is not None:
        if event.__class__ is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(event.start_mark, "one record per file: found a second YAML document (---)")
            data = node(next_event())
    return data
