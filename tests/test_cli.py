"""`python -m kbsite check`: problem lines, per-kind counts, exit codes and GitHub annotations."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, Project


def test_check_counts_the_mini_kb(mini_project: Project) -> None:
    result = mini_project.check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "people" in result.stdout and "14 records, 0 problems" in result.stdout


def test_check_lists_every_problem_and_exits_1(mini_project: Project) -> None:
    mini_project.write("kb/people/broken.yml", "id: broken\nname: A\nconfidence: hihg\nsources: [nope]\n")
    mini_project.write("kb/people/dup.yml", "id: dup\nid: dup\n")
    result = mini_project.check()
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "kb/people/broken.yml:3:1: confidence: expected one of 'high', 'medium' or 'low', found 'hihg'; did you mean 'high'?",
        "kb/people/broken.yml:4:11: sources.0.source: no source has the id 'nope'",  # in the same run as the typo
        "kb/people/dup.yml:2:1: id: duplicate key 'id' (first defined on line 1)",
    ]
    assert "Traceback" not in result.stderr


def test_a_broken_record_is_reported_once_and_what_it_names_is_still_checked(mini_project: Project) -> None:
    """A source that cannot be read is not 'missing' for every record citing it; a record whose id differs from
    its file name still has its references checked."""
    mini_project.write("kb/sources/reuters-2025-04-16.yml", "id: reuters-2025-04-16\ntitle: [unclosed\n")
    person = (mini_project.kb / "people" / "ryosei-akazawa.yml").read_text(encoding="utf-8")
    mini_project.write(
        "kb/people/ryosei-akazawa.yml",
        person.replace("id: ryosei-akazawa", "id: akazawa-ryosei").replace("nationality: japan", "nationality: nippon"),
    )
    result = mini_project.check()
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["kb/people/ryosei-akazawa.yml"] * 2 + [
        "kb/sources/reuters-2025-04-16.yml"
    ]
    assert "the id 'akazawa-ryosei' must equal the file name 'ryosei-akazawa'" in lines[0]
    assert "nationality: no jurisdiction has the id 'nippon'" in lines[1]
    assert "YAML syntax error" in lines[2]


def test_github_annotations(mini_project: Project) -> None:
    mini_project.write("kb/people/broken.yml", "id: broken\nname: A\nconfidence: hihg\nsources: [reuters-2025-04-16]\n")
    env = {**os.environ, "PYTHONPATH": str(mini_project.root / "hooks"), "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "kbsite", "check"], cwd=mini_project.root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=kb/people/broken.yml,line=3,col=1::confidence: expected one of 'high', 'medium' or 'low', "
        "found 'hihg'; did you mean 'high'?"
    ]


def test_make_check_on_the_real_kb() -> None:
    result = subprocess.run(["make", "-s", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 problems" in result.stdout
