"""The strict loader: YAML 1.2 scalars, positions, and every class of bad input as a positioned problem."""

from __future__ import annotations

import time

import pytest

from kbsite.problems import Problem
from kbsite.yamlfile import MAX_FILE_BYTES, Document, parse


def doc(text: str) -> Document:
    result = parse(text.encode("utf-8"), "kb/people/x.yml")
    assert isinstance(result, Document), result
    return result


def problem(raw: bytes | str) -> Problem:
    result = parse(raw if isinstance(raw, bytes) else raw.encode("utf-8"), "kb/people/x.yml")
    assert isinstance(result, Problem), result
    return result


def test_yaml_1_2_scalars_only_true_and_false_are_booleans() -> None:
    data = doc(
        "a: yes\nb: no\nc: on\nd: true\ne: false\nf: null\ng: ~\nh:\ni: 12\nj: 2.5\nk: '12'\nl: 0o12\nm: 1_000\n"
    ).data
    assert data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": True,
        "e": False,
        "f": None,
        "g": None,
        "h": None,
        "i": 12,
        "j": 2.5,
        "k": "12",
        "l": "0o12",
        "m": "1_000",
    }


def test_dates_stay_strings() -> None:
    assert doc("start: 2025-04-16\nwhen: 2025-04-16T10:00:00\n").data == {
        "start": "2025-04-16",
        "when": "2025-04-16T10:00:00",
    }


def test_positions_of_keys_and_list_items() -> None:
    document = doc("id: x\nroles:\n  - title: A\n    start: 2025\n")
    assert document.position(("roles", 0, "start")) == (4, 5)
    assert document.position(("roles", 0)) == (3, 5)
    assert document.position(("roles", 0, "nothing", "here")) == (3, 5)


@pytest.mark.parametrize(
    ("raw", "line", "col", "field", "words"),
    [
        ("id: x\nname: [a\n", 3, 1, "", "YAML syntax error"),
        ("id: x\nname: a\nname: b\n", 3, 1, "name", "duplicate key 'name' (first defined on line 2)"),
        ("id: x\nname: &a b\n", 2, 7, "name", "anchors (&a) are not allowed"),
        ("id: x\nroles:\n  - <<: {title: a}\n", 3, 5, "roles.0", "merge keys (<<) are not allowed"),
        ("- a\n- b\n", 1, 1, "", "must be a mapping"),
        ("just text\n", 1, 1, "", "must be a mapping"),
        ("id: x\n1: a\n", 2, 1, "", "keys must be names"),
        ("", 1, 1, "", "the file is empty"),
        ("# only a comment\n\n", 1, 1, "", "the file is empty"),
        ("  \t\n# a comment\n", 1, 1, "", "the file is empty"),
        ("\x0c\n\u00a0\n", 1, 1, "", "the file is empty"),
        ("id: x\nname: \u00e9\x0c\n", 2, 8, "", "the character U+000C is not allowed in YAML"),
        (b"id: x\nname: \xff\n", 2, 7, "", "not UTF-8"),
        ("id: !!str x\n", 1, 5, "id", "tags"),
        ("id: x\n---\nid: y\n", 2, 1, "", "one record per file"),
    ],
)
def test_bad_input_is_one_positioned_problem(raw: str | bytes, line: int, col: int, field: str, words: str) -> None:
    found = problem(raw)
    assert (found.line, found.col, found.field) == (line, col, field)
    assert words in found.message


def test_alias_bomb_is_refused_before_anything_expands() -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    found = problem("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 1  # a bomb expanded would be 9**10 items
    assert found.line == 1 and "anchors" in found.message


def test_alias_without_anchor_is_refused() -> None:
    assert "found undefined alias" in problem("a: *nothing\n").message or "alias" in problem("a: *nothing\n").message


def test_file_over_the_size_limit() -> None:
    found = problem(b"id: x\nnotes: '" + b"x" * MAX_FILE_BYTES + b"'\n")
    assert (found.line, found.col) == (1, 1) and "at most" in found.message


def test_byte_order_mark_is_accepted() -> None:
    assert doc("\ufeffid: x\n").data == {"id": "x"}
