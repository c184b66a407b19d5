"""Raw documents to typed, frozen records: per-record rules, then cross-record rules, every problem collected.

Two entry points: :func:`load` for a build (records kept; a :class:`ReadCache` from the caller spares reading
unchanged files again) and :func:`check` for `make check` (no records kept; the review's reminders). The
wording of pydantic's errors is in messages.py."""

from __future__ import annotations

import functools
from collections import Counter
import os
import re
import typing
from pathlib import Path
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError

from .currency import Review, Standing, review, standing
from .models import KIND_BY_FOLDER, KINDS, Record, Settings
from .parallel import collector_paused, in_parallel, in_worker
from .problems import Problem, display_path
from .i18n.records import translation
from .types import ID_PATTERN, LANGUAGE_NAMES, PLAIN, TRANSLATED, TRANSLATIONS, Ref
from .messages import a_noun as _a
from .messages import field_path as _field
from .messages import message as _message
from .messages import suggest as _suggest
from .yamlfile import Document, Loc, not_regular, not_regular_problem, parse, read_bytes
from .yamlfile import load as load_yaml

_ID = re.compile(ID_PATTERN)

SKIPPED_FOLDERS = {"schemas", "lists"}  # lists: HTS list files, checked by htslists.py
"""Folders under kb/ that hold no records."""

SETTINGS_FILE = "config.yml"
"""The knowledge base's settings, beside the record folders."""

RESERVED_IDS = frozenset({"index"})
"""Ids the site's layout uses itself: ``<plural>/index`` is each kind's index page (and ``tariffs/index`` the tariffs
overview), so a record with such an id would replace it."""

WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})
"""Names Windows keeps for devices: a file ``con.yml`` (or a page ``con/``) cannot be checked out there."""


UNION_TAGS = (PLAIN, TRANSLATED)


def _problem(document: Document, loc: Loc, message: str) -> Problem:
    loc = tuple(part for part in loc if part not in UNION_TAGS)  # a translatable text's form is not a field
    line, col = document.position(loc)
    return Problem(document.path, line, col, _field(loc), message)


@functools.cache
def _reference_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold references, directly or in nested parts (computed once per model)."""

    def holds(annotation: Any) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, Ref):
            return True
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return bool(_reference_fields(annotation))
        return any(holds(arg) for arg in typing.get_args(annotation))

    return tuple(name for name, field in model.model_fields.items() if holds(field.annotation))


@functools.cache
def _field_type(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(model.model_fields[name].annotation or Any)


def _sound_references(model: type[BaseModel], data: dict[str, Any], broken: set[Any]) -> list[tuple[Loc, Ref]]:
    """The references in the fields of a record that failed validation, but for the ``broken`` fields: each
    sound field is validated on its own, so that a typo in one field does not hide a dangling reference in
    another until the next run."""
    found: list[tuple[Loc, Ref]] = []
    for name in _reference_fields(model):
        if name in data and name not in broken:
            try:
                value = _field_type(model, name).validate_python(data[name])
            except ValidationError:  # pragma: no cover - the record's own validation found this field sound
                continue
            _gather(value, (name,), found)
    return found


def references(value: Any, loc: Loc = ()) -> list[tuple[Loc, Ref]]:
    """Every reference inside a record, with the field path it stands at, in field order."""
    found: list[tuple[Loc, Ref]] = []
    _gather(value, loc, found)
    return found


def _gather(value: Any, loc: Loc, found: list[tuple[Loc, Ref]]) -> None:
    if isinstance(value, Ref):
        found.append((loc, value))
    elif isinstance(value, BaseModel):
        for name in _reference_fields(type(value)):
            _gather(getattr(value, name), (*loc, name), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, Ref):
                found.append(((*loc, index), item))
            else:
                _gather(item, (*loc, index), found)


class Entry(NamedTuple):
    """Something under kb/ that is not a record file of a kind's folder: reported, never read."""

    path: Path
    what: str | None = None
    """What it is when it is not a plain file ("a symbolic link"), else None."""


def _kind(entry: os.DirEntry[str]) -> str | None:
    """What an entry is when it is not a plain file (from lstat: a symbolic link is never followed)."""
    return not_regular(entry.stat(follow_symlinks=False).st_mode)


def record_files(kb_dir: Path) -> tuple[list[tuple[str, type[Record]]], list[Entry]]:
    """The record files under kb/, each as its path from kb/ (``people/x.yml``) with its kind by folder; and the
    entries that are in no kind's folder or are not plain files. Only plain files and real folders are entered or
    listed: a symbolic link, FIFO, socket or device is an entry to report, never one to follow or open."""
    found: list[tuple[str, type[Record]]] = []
    stray: list[Entry] = []
    for top in sorted(os.scandir(kb_dir), key=lambda e: e.name):
        if top.name.startswith(".") or (top.name in SKIPPED_FOLDERS and top.is_dir(follow_symlinks=False)):
            continue
        if top.name == SETTINGS_FILE and top.is_file(follow_symlinks=False):
            continue
        if not top.is_dir(follow_symlinks=False):
            what = _kind(top)
            stray.append(Entry(Path(top.path), what if what != "a folder" else None))
            continue
        model = KIND_BY_FOLDER.get(top.name)
        for entry in sorted(os.scandir(top.path), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            if entry.is_file(follow_symlinks=False):  # d_type: no stat call for the plain files of a kind's folder
                if model is not None and entry.name.endswith(".yml"):
                    found.append((f"{top.name}/{entry.name}", model))  # strings: 10,000 Paths cost more than the scan
                else:
                    stray.append(Entry(Path(entry.path)))
            elif entry.is_dir(follow_symlinks=False) and not entry.name.endswith(".yml"):
                stray.extend(_walk(Path(entry.path)))
            else:
                stray.append(Entry(Path(entry.path), _kind(entry)))
    return found, stray


def _walk(folder: Path) -> list[Entry]:
    """Every entry inside a folder that should not be there, without following links, and without recursion (a
    repository can hold folders nested thousands deep)."""
    entries: list[Entry] = []
    pending = [folder]
    while pending:
        for entry in sorted(os.scandir(pending.pop()), key=lambda e: e.name, reverse=True):
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            else:
                entries.append(Entry(Path(entry.path), _kind(entry)))
    return sorted(entries)


class Read(NamedTuple):
    """What one record file says on its own, before it is compared with the others."""

    path: str
    """The display path (``kb/people/x.yml``)."""
    stem: str
    """The file name without ``.yml``, which is the record's id."""
    problems: tuple[Problem, ...]
    """Everything wrong inside the file."""
    kind: str | None
    """The record's kind when its fields validated, else None."""
    record: Record | None
    """The record, when it validated in this process (records cost more to pickle than to rebuild)."""
    data: dict[str, Any] | None
    """The validated plain data, when a worker process read the file and the caller wants the record rebuilt."""
    references: tuple[tuple[Loc, str, tuple[str, ...]], ...] = ()
    """Each reference: field path, the id named, the kinds it may name."""
    shared: tuple[tuple[str, str], ...] = ()
    """What the cross-record rules of other records read about this one (``Record.shared``)."""
    standing: Standing | None = None
    """What the review of dates and sources needs (currency.py), read for a check that keeps no records."""
    translations: tuple[tuple[str, str | None, tuple[Problem, ...]], ...] = ()
    """For a check that keeps no records: per language, the record's translation status and a problem at each
    text whose translation is older than its English (i18n/records.py)."""


def read(item: tuple[str, type[Record], str, bytes | None], keep: bool = True) -> Read:
    """Load and validate one record file (from its bytes, when the item carries them: path, kind's model, display
    path, bytes or None), with the rules that need no other record."""
    path, model, shown, text = item
    stem = os.path.basename(path)[: -len(".yml")]
    loaded = parse(text, shown) if text is not None else load_yaml(path, shown)
    if isinstance(loaded, Problem):  # the record still exists: records naming it are not told otherwise
        return Read(shown, stem, (loaded,), None, None, None)
    problems: list[Problem] = []
    if not _ID.fullmatch(stem):
        problems.append(
            Problem(
                shown, 1, 1, "", f"the file name {stem!r} is not a valid id: use lower-case words joined by hyphens"
            )
        )
    elif stem in RESERVED_IDS:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"the id {stem!r} is reserved: the site's own page {model.plural}/{stem}/ "
                "has that name; choose another id",
            )
        )
    elif stem in WINDOWS_DEVICES:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"the id {stem!r} is a device name on Windows, where a file of that name "
                "cannot be checked out; choose another id",
            )
        )
    record_id = loaded.data.get("id")
    if isinstance(record_id, str) and record_id != stem and _ID.fullmatch(stem):
        problems.append(_problem(loaded, ("id",), f"the id {record_id!r} must equal the file name {stem!r}"))
    try:
        record = model.model_validate(loaded.data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        problems.extend(_problem(loaded, detail["loc"], _message(detail, model)) for detail in details)
        sound = _sound_references(model, loaded.data, {detail["loc"][0] for detail in details if detail["loc"]})
        return Read(shown, stem, tuple(problems), None, None, None, _travelling(sound))
    problems.extend(_problem(loaded, loc, message) for loc, message in record.rules())
    if record.id != stem:  # reported above; the record is not kept, but what it names is checked
        return Read(shown, stem, tuple(problems), None, None, None, _travelling(references(record)))
    found = references(record)
    refs, shared = _travelling(found), record.shared()
    standing_ = None if keep else standing(record, ((loc, str(ref)) for loc, ref in found))
    translations = () if keep else _translations(record, loaded)
    if not in_worker():
        return Read(
            shown,
            stem,
            tuple(problems),
            record.kind,
            record if keep else None,
            None,
            refs,
            shared,
            standing_,
            translations,
        )
    return Read(
        shown,
        stem,
        tuple(problems),
        record.kind,
        None,
        loaded.data if keep else None,
        refs,
        shared,
        standing_,
        translations,
    )


def _translations(record: Record, loaded: Document) -> tuple[tuple[str, str | None, tuple[Problem, ...]], ...]:
    found = []
    for language in TRANSLATIONS:
        state = translation(record, language)
        stale = tuple(
            _problem(
                loaded,
                tuple(int(part) if part.isdigit() else part for part in path.split(".")) + (language,),
                f"the {LANGUAGE_NAMES[language]} translation was made from an earlier English text; translate the "
                f"English again, then run `make translated FILES={loaded.path}` to record it",
            )
            for path in state.where("stale")
        )
        found.append((language, state.status, stale))
    return tuple(found)


def _travelling(found: list[tuple[Loc, Ref]]) -> tuple[tuple[Loc, str, tuple[str, ...]], ...]:
    """References as plain values, which cost little to send back from a worker."""
    return tuple((loc, str(ref), ref.kinds) for loc, ref in found)


class ReadCache:
    """What the last load read from each file, by display path, kind and content: a process that builds again and
    again (`mkdocs serve`) hands the same cache to every load and reads only the files that changed. Its owner is
    whoever builds again (the MkDocs adapter); nothing here keeps one."""

    def __init__(self) -> None:
        self.reads: dict[tuple[str, str, bytes | None], Read] = {}

    def forget(self) -> None:
        """Drop what was read, so that the next load reads every file again."""
        self.reads.clear()


def _text(path: str) -> bytes | None:
    raw = read_bytes(path)
    return raw if isinstance(raw, bytes) else None  # read() reports it


_SHARED = ReadCache()
"""The cache of :func:`validate`, the older entry point (tests); :func:`load` uses only the cache it is given."""


def forget() -> None:
    """Drop what :func:`validate` read, so that its next call reads every file again."""
    _SHARED.forget()


def _read_all(files: list[tuple[str, type[Record], str]], keep: bool, cache: ReadCache | None) -> list[Read]:
    """Every file read, in parallel. When records are kept, what ``cache`` holds for a file whose text has not
    changed is used again, and the cache then holds this read."""
    if not keep:
        return in_parallel(functools.partial(read, keep=False), [(*file, None) for file in files])
    last = cache.reads if cache is not None else {}
    texts = [_text(path) for path, _, _ in files]
    keys = [(shown, model.kind, text) for (_, model, shown), text in zip(files, texts)]
    reads: list[Read | None] = [last.get(key) for key in keys]
    changed = [index for index, found in enumerate(reads) if found is None]
    for index, result in zip(changed, in_parallel(read, [(*files[index], texts[index]) for index in changed])):
        if result.kind is not None and result.record is None:  # read by a worker: rebuild the record here
            result = result._replace(record=KINDS[result.kind].model_validate(result.data), data=None)
        reads[index] = result
    if cache is not None:
        cache.reads = dict(zip(keys, reads))  # type: ignore[arg-type]
    return reads  # type: ignore[return-value]


def load(
    kb_dir: Path, root: Path, cache: ReadCache | None = None
) -> tuple[dict[str, Record], dict[str, str], list[Problem]]:
    """What a build needs: every record that validates (by id), the display path of each record file (by id), and
    every problem found, sorted. Files are read in parallel; with a ``cache``, only those changed since its last
    load are read again."""
    with collector_paused():
        records, paths, problems, _ = _validate(kb_dir, root, True, cache)
        return records, paths, problems


def validate(kb_dir: Path, root: Path, keep: bool = True) -> tuple[dict[str, Record], dict[str, str], list[Problem]]:
    """The older entry point, kept for the tests that call it: :func:`load` with a module-wide cache, or with
    ``keep=False`` the paths and problems of :func:`check` and no records."""
    if keep:
        return load(kb_dir, root, _SHARED)
    with collector_paused():
        _, paths, problems, _ = _validate(kb_dir, root, False, None)
        return {}, paths, problems


class Checked(NamedTuple):
    """What `make check` reports. No record is kept."""

    paths: dict[str, str]
    """The display path of each record file, by id."""
    problems: list[Problem]
    """Every problem, settings included."""
    reviews: list[Review]
    """The reminders of dates and sources to look at again, counted from the as-of date (none without one)."""
    translations: dict[str, dict[str, Counter[str]]]
    """Per language, per kind: how many records are translated, stale or missing (a record by its worst text)."""
    stale: list[Problem]
    """Each text whose translation is older than its English, positioned (`make check --strict-i18n` fails)."""


def check(kb_dir: Path, root: Path) -> Checked:
    """What `make check` reports (:class:`Checked`)."""
    settings, problems = read_settings(kb_dir, root)
    with collector_paused():
        _, paths, found, reads = _validate(kb_dir, root, False, None)
    reviews: list[Review] = []
    if settings is not None:
        located = {shown: path for path, shown in _located(kb_dir, root, paths)}
        items = [(r.path, r.stem, r.kind, r.standing) for r in reads if r.standing is not None and r.kind is not None]
        reviews = review(items, settings.as_of.earliest, lambda shown: _document(located.get(shown), shown))
    translations: dict[str, dict[str, Counter[str]]] = {
        language: {kind: Counter(translated=0, stale=0, missing=0) for kind in KINDS} for language in TRANSLATIONS
    }
    stale: list[Problem] = []
    for r in reads:
        for language, status, problems_ in r.translations:
            if status is not None and r.kind is not None:
                translations[language][r.kind][status] += 1
            stale.extend(problems_)
    return Checked(paths, sorted(problems + found), reviews, translations, sorted(stale))


def _located(kb_dir: Path, root: Path, paths: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(file path, display path) of each record file."""
    shown_kb = display_path(kb_dir, root)
    for shown in paths.values():
        yield os.path.join(kb_dir, shown[len(shown_kb) + 1 :]), shown


def _document(path: str | None, shown: str) -> Document | None:
    """A record file read again for its positions, or None."""
    if path is None:
        return None
    loaded = load_yaml(path, shown)
    return loaded if isinstance(loaded, Document) else None


def _validate(
    kb_dir: Path, root: Path, keep: bool, cache: ReadCache | None
) -> tuple[dict[str, Record], dict[str, str], list[Problem], list[Read]]:
    problems: list[Problem] = []
    if os.path.islink(kb_dir) or not os.path.isdir(kb_dir):
        shown = display_path(kb_dir, root)
        what = "a symbolic link" if os.path.islink(kb_dir) else "not a folder"
        return (
            {},
            {},
            [Problem(shown, 1, 1, "", f"the knowledge base must be a folder of the repository, found {what}")],
            [],
        )
    files, stray = record_files(kb_dir)
    folders = ", ".join(f"{model.plural}/" for model in KINDS.values())
    for path, irregular in stray:
        stray_shown = display_path(path, root)
        if irregular is not None:
            problems.append(not_regular_problem(stray_shown, irregular))
        elif (
            path.suffix in (".yaml", ".yml")
            and len(path.relative_to(kb_dir).parts) == 2
            and path.parent.name in KIND_BY_FOLDER
        ):
            problems.append(Problem(stray_shown, 1, 1, "", "record files end in .yml; rename it"))
        else:
            folder = path.relative_to(kb_dir).parts[0]
            hint = _suggest(folder, [m.plural for m in KINDS.values()])
            problems.append(
                Problem(
                    stray_shown,
                    1,
                    1,
                    "",
                    f"not in a record folder{hint} (records live in kb/<kind>/<id>.yml: {folders})",
                )
            )

    shown_kb = display_path(kb_dir, root)  # resolved once: per file, only the last two parts change
    items = [(os.path.join(kb_dir, inside), model, f"{shown_kb}/{inside}") for inside, model in files]
    reads = _read_all(items, keep, cache)
    located = {shown: path for path, _, shown in items}

    kinds: dict[str, str] = {}  # by folder: a record whose fields fail still stands for its id and kind
    paths: dict[str, str] = {}
    unique: list[Read] = []
    for (_, model, _), result in zip(items, reads):
        problems.extend(result.problems)
        if result.stem in paths:
            problems.append(
                Problem(
                    result.path,
                    1,
                    1,
                    "id",
                    f"the id {result.stem!r} is already used by "
                    f"{paths[result.stem]}; ids are unique across the knowledge base",
                )
            )
            continue
        paths[result.stem] = result.path
        kinds[result.stem] = model.kind
        unique.append(result)

    ids_by_kind: dict[str, list[str]] = {}
    for record_id, kind in kinds.items():
        ids_by_kind.setdefault(kind, []).append(record_id)
    shared = {result.stem: dict(result.shared) for result in unique if result.kind is not None}
    for result in unique:
        document = None
        resolved: list[tuple[Loc, str]] = []
        for loc, ref, wanted_kinds in result.references:
            found_kind = kinds.get(ref)
            if found_kind in wanted_kinds:
                resolved.append((loc, ref))
                continue
            wanted = " or ".join(wanted_kinds)
            if found_kind is not None:
                message = f"{ref!r} is {_a(found_kind)}, but this field takes {_a(wanted)}"
            else:
                candidates = [i for k in wanted_kinds for i in ids_by_kind.get(k, [])]
                message = f"no {wanted} has the id {ref!r}{_suggest(ref, candidates)}"
            document = document or load_yaml(located[result.path], result.path)  # read again: it has its positions
            problems.append(_problem(document, loc, message) if isinstance(document, Document) else document)
        cross = KINDS[result.kind] if result.kind is not None else None
        own_rules = cross is not None and cross.cross_rules.__func__ is not Record.cross_rules.__func__  # type: ignore[attr-defined]
        if cross is not None and own_rules:
            for loc, message in cross.cross_rules(shared[result.stem], resolved, shared.get):
                document = document or load_yaml(located[result.path], result.path)
                problems.append(_problem(document, loc, message) if isinstance(document, Document) else document)

    for cycle, (cycle_path, loc) in _cycles(unique, kinds):
        document = load_yaml(located[cycle_path], cycle_path)
        model = KINDS[kinds[cycle[0]]]
        message = (
            f"{' -> '.join(cycle)}: a cycle; no {model.kind} can reach itself through {loc[0]}, "
            "directly or through others"
        )
        problems.append(_problem(document, loc, message) if isinstance(document, Document) else document)

    records = {result.stem: result.record for result in unique if result.record is not None} if keep else {}
    return records, paths, sorted(set(problems)), unique


def read_settings(kb_dir: Path, root: Path) -> tuple[Settings | None, list[Problem]]:
    """The knowledge base's settings from ``kb/config.yml`` (None when there is no such file), and its problems."""
    path = kb_dir / SETTINGS_FILE
    if not path.is_file() or path.is_symlink():
        return None, []
    shown = display_path(path, root)
    loaded = load_yaml(str(path), shown)
    if isinstance(loaded, Problem):
        return None, [loaded]
    try:
        return Settings.model_validate(loaded.data), []
    except ValidationError as error:
        return None, [
            _problem(loaded, detail["loc"], _message(detail, Settings)) for detail in error.errors(include_url=False)
        ]


def _cycles(reads: list[Read], kinds: dict[str, str]) -> list[tuple[list[str], tuple[str, Loc]]]:
    """Every cycle in a relation that must be acyclic (each kind's ``acyclic`` fields), once: the ids around it,
    from the smallest back to itself, with the file and field of its first step."""
    edges: dict[str, list[tuple[str, str, Loc]]] = {}
    for result in reads:
        kind = kinds.get(result.stem)
        fields = KINDS[kind].acyclic if kind else ()
        for loc, ref, wanted in result.references:
            if fields and loc[0] in fields and kinds.get(ref) in wanted:
                edges.setdefault(result.stem, []).append((ref, result.path, loc))
    if not edges:
        return []
    found = []
    for component in _strong_components(edges):
        start = min(component)
        if len(component) == 1 and not any(target == start for target, _, _ in edges.get(start, ())):
            continue
        cycle, first = _path_back(start, component, edges)
        found.append((cycle, first))
    return sorted(found)


def _strong_components(edges: dict[str, list[tuple[str, str, Loc]]]) -> list[set[str]]:
    """Tarjan's strongly connected components, without recursion (a chain of 10,000 records is no deeper a stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(target for target, _, _ in edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(t for t, _, _ in edges.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def _path_back(
    start: str, component: set[str], edges: dict[str, list[tuple[str, str, Loc]]]
) -> tuple[list[str], tuple[str, Loc]]:
    """The shortest way from ``start`` back to itself inside its component, and where its first step is written."""
    previous: dict[str, tuple[str, str, Loc]] = {}
    queue = [start]
    for node in queue:
        for target, path, loc in sorted(edges.get(node, ()), key=lambda edge: edge[0]):
            if target in component and target not in previous:
                previous[target] = (node, path, loc)
                if target == start:
                    queue = []
                    break
                queue.append(target)
    cycle = [start]
    node = previous[start][0]
    while node != start:
        cycle.append(node)
        node = previous[node][0]
    cycle.append(start)
    cycle.reverse()
    first = previous[cycle[1]]
    return cycle, (first[1], first[2])
