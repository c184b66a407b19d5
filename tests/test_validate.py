"""Validation messages, as golden files: a knowledge base in, the exact problem lines out.

Each folder in tests/golden/ holds a kb/ and expected.txt. Refresh the expected lines after an intended
change with: KB_UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from kbsite import KnowledgeBaseError, build

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "kb").is_dir())


def problem_lines(case: Path) -> str:
    try:
        build(case / "kb", case)
    except KnowledgeBaseError as error:
        return "\n".join(str(problem) for problem in error.problems) + "\n"
    return ""


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    case = GOLDEN / name
    actual = problem_lines(case)
    expected_file = case / "expected.txt"
    if os.environ.get("KB_UPDATE_GOLDEN") == "1":
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_bad_file_is_reported_with_its_line() -> None:
    """Each bad file in the golden cases appears in its case's problems, positioned at a line."""
    for name in CASES:
        case = GOLDEN / name
        lines = problem_lines(case).splitlines()
        assert lines, f"{name}: expected problems"
        for line in lines:
            path, line_no, col, _ = line.split(":", 3)
            assert (case / path).is_file(), line
            assert int(line_no) >= 1 and int(col) >= 1, line


def test_problems_are_sorted_and_unique() -> None:
    for name in CASES:
        lines = problem_lines(GOLDEN / name).splitlines()
        assert len(lines) == len(set(lines))


def test_valid_mini_kb_has_no_problems() -> None:
    kb = build(Path(__file__).parent / "fixtures" / "mini")
    assert kb.counts()["person"] == 2


def test_settings_give_the_as_of_date(tmp_path: Path) -> None:
    """kb/config.yml sets the day facts were last checked; a knowledge base without it has none."""
    kb = tmp_path / "kb"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", kb)
    assert build(kb).as_of is None
    (kb / "config.yml").write_text("as_of: 2026-12-01\n", encoding="utf-8")
    assert build(kb).as_of == datetime.date(2026, 12, 1)
    (kb / "config.yml").write_text("# settings\nas_of: 2026-12-01\nsite: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as error:
        build(kb)
    assert str(error.value.problems[0]) == "kb/config.yml:3:1: site: unknown field (known fields: as_of)"
