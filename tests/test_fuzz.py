"""Fuzzing the check: generated YAML files and records (random structure, long strings, odd Unicode, huge numbers,
deep nesting) give records or positioned problems, never an exception, each within a time budget.

The suite tries a bounded number of examples, the same ones on every run; `make fuzz` tries many more, new ones
each time (KBSITE_FUZZ_EXAMPLES sets how many).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from kbsite.graph import KnowledgeBase
from kbsite.models import KINDS
from kbsite.problems import Problem
from kbsite.render.exports import kb_json, kind_csv, timeline_atom, timeline_ics
from kbsite.render.pages import Renderer
from kbsite.validate import Read, read, validate

LONG_RUN = "KBSITE_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("KBSITE_FUZZ_EXAMPLES", "0")) or None
CHECK_BUDGET = 3.0
"""Seconds one generated file may cost the check, on a busy machine (a record takes about a millisecond)."""

FUZZ = settings(
    max_examples=EXAMPLES or 60,
    deadline=None,
    derandomize=not LONG_RUN,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
RENDER = settings(FUZZ, max_examples=EXAMPLES or 25)

MINI = FIXTURES / "mini"
FIELD_NAMES = sorted({name for model in KINDS.values() for name in model.model_fields} | {"source", "status", "date"})

odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(
        [
            "\u202e",
            "\u200b",
            "\x07",
            "\x1b[31m",
            "\r",
            "\ufeff",
            "\U0001f600",
            "İ",
            "ß",
            "ﬃ",
            "\u0301",
            "&amp;",
            "<a:",
            "[",
            "](",
            "]]>",
            "%0A",
            "::error::",
            "index",
            "con",
            "0000-01-01",
            "9999-12-31",
            "2025-02-30",
            "1e400",
            "-0",
            ".nan",
            "~",
            "null",
            "yes",
            "*alias",
            "&anchor x",
            "!!python/object",
        ]
    ),
    st.builds(
        lambda unit, count: unit * count,
        st.sampled_from(["[", "<a:", "(", "*_", "-\n", "> ", "a ", "\\"]),
        st.integers(1, 9_000),
    ),
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**80), max_value=10**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -1, 10**40, 1e308]),
)
scalars = st.one_of(odd_text, numbers, st.booleans(), st.none())


def _nested(depth: int, leaf: Any) -> Any:
    for _ in range(depth):
        leaf = [leaf]
    return leaf


values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES) | odd_text, inner, max_size=4)
    ),
    max_leaves=20,
)
values = st.one_of(values, st.builds(_nested, st.integers(0, 60), scalars))
documents = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=10), values, max_size=12)


def _dump(data: Any, flow: bool, unicode: bool) -> bytes:
    try:
        return yaml.safe_dump(
            data, default_flow_style=flow, allow_unicode=unicode, sort_keys=False, width=10_000
        ).encode("utf-8", errors="surrogatepass")
    except (yaml.YAMLError, RecursionError):
        return b"id: x\n"


yaml_files = st.one_of(
    st.builds(_dump, documents, st.booleans(), st.booleans()),
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
    st.builds(lambda data, cut: _dump(data, False, True)[:cut], documents, st.integers(0, 400)),
)


def _positioned(problem: Problem, shown: str) -> None:
    assert isinstance(problem, Problem)
    assert problem.path == shown and problem.line >= 1 and problem.col >= 1 and problem.message


@FUZZ
@given(raw=yaml_files, kind=st.sampled_from(sorted(KINDS)))
def test_any_file_gives_a_record_or_positioned_problems(raw: bytes, kind: str) -> None:
    model = KINDS[kind]
    shown = f"kb/{model.plural}/fuzzed.yml"
    started = time.perf_counter()
    result = read((shown, model, shown, raw))
    assert time.perf_counter() - started < CHECK_BUDGET
    assert isinstance(result, Read)
    for problem in result.problems:
        _positioned(problem, shown)
    assert result.record is not None or result.problems


_RECORDS = {
    path.relative_to(MINI).as_posix(): yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted(MINI.rglob("*.yml"))
}


def _paths(value: Any, loc: tuple = ()) -> list[tuple]:
    found = [loc] if loc else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*loc, index))
    return found


def _replace(data: Any, loc: tuple, new: Any) -> Any:
    if not loc:
        return new
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[loc[0]] = _replace(copy[loc[0]], loc[1:], new)
    return copy


@RENDER
@given(file=st.sampled_from(sorted(_RECORDS)), choice=st.integers(0, 10_000), new=values)
def test_a_mutated_record_is_refused_or_builds_everything(file: str, choice: int, new: Any) -> None:
    """A real record with one value replaced: either the check refuses it with positioned problems, or every
    output it feeds (its page, the JSON, the CSV, the feed, the calendar) is made without an exception and is
    what its format says."""
    data = _RECORDS[file]
    paths = _paths(data)
    mutated = _replace(data, paths[choice % len(paths)], new)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(MINI, root / "kb")
        (root / "kb" / file).write_bytes(_dump(mutated, False, True))
        started = time.perf_counter()
        records, paths_by_id, problems = validate(root / "kb", root)
        assert time.perf_counter() - started < CHECK_BUDGET
    for problem in problems:
        assert problem.path.startswith("kb/") and problem.line >= 1 and problem.col >= 1
    if problems:
        return
    kb = KnowledgeBase(records, paths_by_id)
    json.loads(kb_json(kb), parse_constant=lambda constant: (_ for _ in ()).throw(AssertionError(constant)))
    ET.fromstring(timeline_atom(kb))
    timeline_ics(kb)
    for kind in KINDS:
        kind_csv(kb, kind)
    renderer = Renderer(kb)
    renderer._prepare()
    record_id = mutated.get("id") if isinstance(mutated, dict) else None
    if isinstance(record_id, str) and record_id in kb.records:
        renderer._record_page(kb[record_id])
