"""The benchmark's parts: the generator makes a valid knowledge base of the asked size; the runner runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from kbsite import build

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


@pytest.mark.parametrize("size", [60, 250])
def test_generator_makes_a_valid_kb_of_the_asked_size(tmp_path: Path, size: int) -> None:
    assert generate(size, tmp_path / "kb") == size
    kb = build(tmp_path / "kb", tmp_path)
    assert len(kb.records) == size
    counts = kb.counts()
    assert all(counts[kind] >= 2 for kind in counts)
    assert len(kb.timeline) >= counts["event"]
    assert sum(len(links) for links in kb.backlinks.values()) > size


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generate(80, tmp_path / "a")
    generate(80, tmp_path / "b")
    for path in sorted((tmp_path / "a").rglob("*.yml")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_bench_runs_on_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            "60",
            "--runs",
            "1",
            "--edit-loop",
            "60",
            "--lookup-runs",
            "1",
            "--facets",
            "60",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "en+ja/en" in result.stdout and "en/floor" in result.stdout
    report = json.loads(out.read_text())
    row = report["results"][0]
    assert row["records"] == 60 and row["build_s"] > 0 and row["floor_s"] > 0 and row["peak_memory_bytes"] > 0
    assert row["build_english_s"] > 0 and row["both_over_english"] > 0  # with and without the Japanese edition
    assert row["edit_loop_s"] > 0 and "edit loop at 60 records" in result.stdout
    measures = row["facets"]["measures"]  # the facets: their data's build and size, and the filter's work
    assert measures["records"] == measures["filter"]["rows"] > 0 and measures["build_ms"] > 0
    assert 0 < measures["row_attributes_bytes"] < measures["page_bytes"]
    assert measures["filter"]["changes"] > 0 and measures["filter"]["change_max_ms"] > 0
    assert "facets at 60 records, measures" in result.stdout
