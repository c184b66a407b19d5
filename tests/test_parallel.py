"""Work shared with forked workers gives the same results, in the same order, as work done in one process."""

from __future__ import annotations

import gc
import os
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from kbsite.parallel import MIN_SHARE, WorkerError, in_parallel
from kbsite import ReadCache, build
from kbsite.validate import forget, validate

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def _fails_on_seven(number: int) -> int:
    if number == 7:
        raise ValueError("seven is not allowed")
    return number


def test_results_keep_their_order_and_come_from_several_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBSITE_JOBS", "3")
    numbers = list(range(3 * MIN_SHARE + 5))
    results = in_parallel(_square_and_pid, numbers)
    assert [square for square, _ in results] == [n * n for n in numbers]
    assert len({pid for _, pid in results}) == 3 and os.getpid() in {pid for _, pid in results}


def test_one_job_or_little_work_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBSITE_JOBS", "1")
    assert {pid for _, pid in in_parallel(_square_and_pid, list(range(1000)))} == {os.getpid()}
    monkeypatch.setenv("KBSITE_JOBS", "2")
    assert {pid for _, pid in in_parallel(_square_and_pid, list(range(MIN_SHARE)))} == {os.getpid()}


def _collector_on(_: int) -> bool:
    return gc.isenabled()


def test_the_garbage_collector_rests_during_the_work_and_is_back_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBSITE_JOBS", "2")
    assert gc.isenabled()
    assert not any(in_parallel(_collector_on, list(range(2 * MIN_SHARE))))  # in this process and in the worker
    assert gc.isenabled()
    with pytest.raises(WorkerError):
        in_parallel(_fails_on_seven, list(range(2 * MIN_SHARE)))
    assert gc.isenabled()  # back on when the work fails too
    gc.disable()
    try:
        in_parallel(_collector_on, [1])
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_a_failing_worker_reports_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBSITE_JOBS", "2")
    with pytest.raises(WorkerError, match="seven is not allowed"):
        in_parallel(_fails_on_seven, list(range(2 * MIN_SHARE)))  # 7 is in the worker's share (odd items)


@pytest.fixture(scope="module")
def broken_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated knowledge base of 900 records with problems spread over every share."""
    kb = tmp_path_factory.mktemp("parallel") / "kb"
    generate(900, kb)
    people = sorted((kb / "people").glob("*.yml"))
    for index, path in enumerate(people[:6]):
        text = path.read_text(encoding="utf-8")
        if index % 3 == 0:
            path.write_text(text.replace("\nname:", "\nnmae:", 1), encoding="utf-8")  # unknown field
        elif index % 3 == 1:
            path.write_text(re.sub(r"nationality: \S+", "nationality: jurisdiction-99999", text), encoding="utf-8")
        else:
            path.write_text(text + "  bad: [indent\n", encoding="utf-8")  # YAML syntax error
    (kb / "organizations" / people[10].name).write_text(people[10].read_text(encoding="utf-8"), encoding="utf-8")
    return kb


def test_validation_finds_the_same_problems_and_records_in_parallel(
    broken_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KBSITE_JOBS", "1")
    forget()
    alone = validate(broken_kb, broken_kb.parent)
    monkeypatch.setenv("KBSITE_JOBS", "2")
    forget()
    shared = validate(broken_kb, broken_kb.parent)
    assert shared == alone
    records, paths, problems = shared
    assert len(problems) >= 7 and len(records) > 880 and records.keys() < paths.keys()  # broken records keep a path
    messages = "\n".join(str(problem) for problem in problems)
    assert "unknown field" in messages and "no jurisdiction has the id 'jurisdiction-99999'" in messages
    assert "YAML syntax error" in messages and "is already used by" in messages


def test_a_check_without_records_reports_the_same_problems(broken_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KBSITE_JOBS", "2")
    records, paths, problems = validate(broken_kb, broken_kb.parent, keep=False)
    assert records == {}
    assert (paths, problems) == validate(broken_kb, broken_kb.parent)[1:]


def test_validating_again_reads_only_the_files_whose_text_changed(tmp_path: Path) -> None:
    """What `mkdocs serve` relies on: unchanged files keep their records; a changed file is read again."""
    kb = tmp_path / "kb"
    generate(500, kb)
    forget()
    first, _, problems = validate(kb, tmp_path)
    assert not problems
    person = sorted((kb / "people").glob("*.yml"))[0]
    person.write_text(person.read_text(encoding="utf-8").replace("\nname:", "\nnmae:", 1), encoding="utf-8")
    second, _, problems = validate(kb, tmp_path)
    assert sorted(p.field for p in problems if p.path.endswith(person.name)) == ["name", "nmae"]
    assert not any("no person" in p.message for p in problems)  # records naming it are not blamed: it still exists
    assert person.stem not in second
    assert all(second[record_id] is record for record_id, record in first.items() if record_id != person.stem)


def test_the_read_cache_belongs_to_whoever_builds_again(tmp_path: Path) -> None:
    """The adapter hands the same ReadCache to every build of `mkdocs serve`; a build without one reads everything."""
    kb = tmp_path / "kb"
    generate(60, kb)
    cache = ReadCache()
    first = build(kb, tmp_path, cache)
    again = build(kb, tmp_path, cache)
    assert all(again[record_id] is record for record_id, record in first.records.items())
    fresh = build(kb, tmp_path)
    assert fresh.records == first.records and not any(fresh[r] is first[r] for r in first.records)
