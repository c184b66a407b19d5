"""HTS lists as data: the tariff lines a measure covers, excludes or exempts, and every HTS-10 line with its
description, from ``kb/lists/``. ``lists.yml`` there names each list (its file, the column of codes, the rows
kept, its sources); each file is read once, with the csv module, and checked like a record: well-formed codes
(2 to 10 digits, dots allowed), no duplicates (a line also under a shorter prefix on the same list is allowed: upstream lists
have such),
each problem with its file and line. A code shorter than 10 digits is a prefix: it covers every line under it.

Records name lists by id (``products.lists``, ``products.excluded_lists``, ``exemptions[].lists`` of a
measure); :func:`reference_problems` checks that every list named exists, with a did-you-mean hint.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from .models import Citation, Part
from .problems import Problem, display_path
from .types import ID_PATTERN, PartialDate, Verbatim
from .yamlfile import Document, load

FOLDER = "lists"
MANIFEST = "lists.yml"
LENGTHS = (2, 4, 6, 8, 10)

FileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+\.(csv|txt)$")]


class ListSpec(Part):
    """One HTS list: the lines a measure covers, excludes or exempts."""

    title: Verbatim
    """What the list holds, as a reader would name it."""
    file: FileName
    """The file in kb/lists/ (CSV with a header row, or text with one code a line)."""
    column: Verbatim | None = None
    """The CSV column that holds the codes; leave out for a text file."""
    where: dict[str, Verbatim] = Field(default_factory=dict)
    """Keep only the rows whose columns have these values (one list out of a shared file)."""
    sources: Annotated[list[Citation], Field(min_length=1)]
    """Where the list comes from."""


class LinesSpec(Part):
    """The file of every HTS-10 line and its description."""

    file: FileName
    column: Verbatim
    description: Verbatim
    sources: Annotated[list[Citation], Field(min_length=1)]


class Manifest(Part):
    """kb/lists/lists.yml."""

    revised: PartialDate
    """The day the lists were last revised upstream."""
    lines: LinesSpec
    lists: dict[Annotated[str, Field(pattern=ID_PATTERN)], ListSpec]


def digits(code: str) -> str:
    """A code as digits only (``8704.21`` -> ``870421``)."""
    return code.replace(".", "").strip()


@dataclass(frozen=True)
class HtsList:
    """One list's codes (digits only), each with its line in the file."""

    id: str
    title: str
    path: str
    """Display path of the file."""
    codes: Mapping[str, int]
    sources: tuple[Citation, ...] = ()
    _by_length: Mapping[int, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_length: dict[int, set[str]] = {}
        for code in self.codes:
            by_length.setdefault(len(code), set()).add(code)
        object.__setattr__(self, "_by_length", {n: frozenset(s) for n, s in sorted(by_length.items())})

    def covers(self, code: str) -> bool:
        """True when the line (or prefix) ``code`` is on the list, itself or under a shorter prefix."""
        code = digits(code)
        return any(code[:n] in found for n, found in self._by_length.items() if n <= len(code))


@dataclass(frozen=True)
class HtsData:
    """Every HTS-10 line with its description, and the lists that records reference."""

    revised: PartialDate | None
    lines: tuple[tuple[str, str], ...]
    """(hts10, description), in code order."""
    lists: Mapping[str, HtsList]
    sources: tuple[Citation, ...] = ()

    def on(self, code: str, among: Iterable[str] | None = None) -> frozenset[str]:
        """The ids of the lists (of ``among``, or all) that take in ``code``."""
        ids = self.lists if among is None else among
        return frozenset(i for i in ids if i in self.lists and self.lists[i].covers(code))


EMPTY = HtsData(None, (), {})


def _rows(
    text: str, column: str | None, where: Mapping[str, str], shown: str, problems: list[Problem]
) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV with a header (or of a text file, one code a line, as column ``code``)."""
    if column is None:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield number, {"code": line.strip()}
        return
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        problems.append(Problem(shown, 1, 1, "", "the file is empty; a list starts with a header row"))
        return
    wanted = [column, *where]
    missing = [name for name in wanted if name not in header]
    if missing:
        problems.append(
            Problem(shown, 1, 1, "", f"no column {missing[0]!r} in the header (it has: {', '.join(header)})")
        )
        return
    index = {name: header.index(name) for name in wanted}
    for row in reader:
        number = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            problems.append(
                Problem(shown, number, 1, "", f"the row has {len(row)} cells; the header has {len(header)}")
            )
            continue
        if all(row[index[name]] == value for name, value in where.items()):
            yield number, {"code": row[index[column]]}


def read_list(list_id: str, spec: ListSpec, folder: Path, root: Path, problems: list[Problem]) -> HtsList:
    """One list read and checked; its problems added to ``problems``."""
    path = folder / spec.file
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        problems.append(Problem(shown, 1, 1, "", f"cannot read the list {list_id!r}: {error.strerror}"))
        return HtsList(list_id, spec.title, shown, {}, tuple(spec.sources))
    return parse_list(
        list_id,
        spec.title,
        shown,
        text,
        spec.column if spec.file.endswith(".csv") else None,
        spec.where,
        problems,
        tuple(spec.sources),
    )


def parse_list(
    list_id: str,
    title: str,
    shown: str,
    text: str,
    column: str | None,
    where: Mapping[str, str],
    problems: list[Problem],
    sources: tuple[Citation, ...] = (),
) -> HtsList:
    """A list from its text: codes checked for form and duplicates."""
    codes: dict[str, int] = {}
    for number, row in _rows(text, column, where, shown, problems):
        raw = row["code"].strip()
        code = digits(raw)
        if not code.isdigit() or not code.isascii() or len(code) not in LENGTHS:
            problems.append(
                Problem(
                    shown,
                    number,
                    1,
                    "",
                    f"{raw!r} is not an HTS code: write 2, 4, 6, 8 or 10 digits (dots allowed, as in 8704.21)",
                )
            )
            continue
        if code in codes:
            problems.append(Problem(shown, number, 1, "", f"{raw} is already listed on line {codes[code]}"))
            continue
        codes[code] = number
    return HtsList(list_id, title, shown, codes, sources)


def read_lines(spec: LinesSpec, folder: Path, root: Path, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """Every HTS-10 line and its description, checked: ten digits each, no duplicates."""
    path = folder / spec.file
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        problems.append(Problem(shown, 1, 1, "", f"cannot read the HTS lines: {error.strerror}"))
        return ()
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    if spec.column not in header or spec.description not in header:
        problems.append(
            Problem(shown, 1, 1, "", f"the header must have the columns {spec.column!r} and {spec.description!r}")
        )
        return ()
    at, said = header.index(spec.column), header.index(spec.description)
    found: dict[str, tuple[int, str]] = {}
    for row in reader:
        if not row:
            continue
        code = row[at].strip() if len(row) > at else ""
        if len(code) != 10 or not code.isdigit() or not code.isascii():
            problems.append(Problem(shown, reader.line_num, 1, "", f"{code!r} is not an HTS-10 code (ten digits)"))
        elif code in found:
            problems.append(
                Problem(shown, reader.line_num, 1, "", f"{code} is already listed on line {found[code][0]}")
            )
        else:
            found[code] = (reader.line_num, row[said].strip() if len(row) > said else "")
    return tuple((code, description) for code, (_, description) in sorted(found.items()))


def _located(document: Document, loc: tuple[Any, ...], message: str) -> Problem:
    line, col = document.position(loc)
    return Problem(document.path, line, col, ".".join(str(p) for p in loc), message)


def load_lists(
    kb_dir: Path, root: Path, source_ids: Iterable[str] = (), check_sources: bool = True, lines: bool = True
) -> tuple[HtsData, list[Problem]]:
    """The lists of ``kb_dir/lists`` and every problem in them (none, and no data, where the folder is absent).
    ``source_ids``: the source records, which each list's sources must name."""
    folder = kb_dir / FOLDER
    manifest_path = folder / MANIFEST
    if not folder.is_dir():
        return EMPTY, []
    shown = display_path(manifest_path, root)
    loaded = load(str(manifest_path), shown)
    if isinstance(loaded, Problem):
        return EMPTY, [loaded]
    try:
        manifest = Manifest.model_validate(loaded.data)
    except ValidationError as error:
        return EMPTY, [_located(loaded, tuple(d["loc"]), d["msg"]) for d in error.errors(include_url=False)]
    problems: list[Problem] = []
    known = set(source_ids)
    if check_sources:
        cited: list[tuple[tuple[Any, ...], Citation]] = [
            (("lines", "sources", i, "source"), c) for i, c in enumerate(manifest.lines.sources)
        ]
        cited += [
            (("lists", list_id, "sources", i, "source"), c)
            for list_id, spec in manifest.lists.items()
            for i, c in enumerate(spec.sources)
        ]
        for loc, citation in cited:
            if citation.source not in known:
                problems.append(_located(loaded, loc, f"no source has the id {citation.source!r}"))
    named = {spec.file for spec in manifest.lists.values()} | {manifest.lines.file}
    for entry in sorted(os.listdir(folder)):
        if entry.endswith((".csv", ".txt")) and entry not in named:
            problems.append(
                Problem(
                    display_path(folder / entry, root),
                    1,
                    1,
                    "",
                    f"no list in {shown} names this file; add it there or remove it",
                )
            )
    found = {list_id: read_list(list_id, spec, folder, root, problems) for list_id, spec in manifest.lists.items()}
    every = read_lines(manifest.lines, folder, root, problems) if lines else ()
    return HtsData(manifest.revised, every, found, tuple(manifest.lines.sources)), problems


LIST_FIELDS = (("products", "lists"), ("products", "excluded_lists"))


def named_lists(data: Mapping[str, Any]) -> Iterable[tuple[tuple[Any, ...], str]]:
    """(field path, list id) of every list a measure's plain data names."""
    products = data.get("products")
    if isinstance(products, dict):
        for name in ("lists", "excluded_lists"):
            for i, value in enumerate(products.get(name) or [] if isinstance(products.get(name), list) else []):
                yield ("products", name, i), value
    exemptions = data.get("exemptions")
    for e, exemption in enumerate(exemptions if isinstance(exemptions, list) else []):
        if isinstance(exemption, dict) and isinstance(exemption.get("lists"), list):
            for i, value in enumerate(exemption["lists"]):
                yield ("exemptions", e, "lists", i), value


def reference_problems(measure_files: Iterable[str], root: Path, data: HtsData) -> list[Problem]:
    """A problem for each list a measure record names that ``lists.yml`` does not define."""
    problems: list[Problem] = []
    ids = sorted(data.lists)
    for path in measure_files:
        with open(path, "rb") as file:
            if b"lists" not in file.read():
                continue  # most measures name no list: their file is not parsed again
        loaded = load(path, display_path(Path(path), root))
        if isinstance(loaded, Problem):
            continue  # reported by the record's own validation
        for loc, value in named_lists(loaded.data):
            if isinstance(value, str) and value not in data.lists:
                close = difflib.get_close_matches(value, ids, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(
                    _located(
                        loaded,
                        loc,
                        f"no HTS list has the id {value!r}{hint} (lists are defined in kb/{FOLDER}/{MANIFEST})",
                    )
                )
    return problems


def check(kb_dir: Path, root: Path, paths: Mapping[str, str]) -> tuple[HtsData, list[Problem]]:
    """Every problem of the lists and of the references to them, given the display path of each record (by id)."""
    sources = [i for i, p in paths.items() if p.rsplit("/", 2)[-2] == "sources"]
    data, problems = load_lists(kb_dir, root, sources)
    measures = [os.path.join(root, p) for p in paths.values() if p.rsplit("/", 2)[-2] == "measures"]
    return data, problems + reference_problems(measures, root, data)
