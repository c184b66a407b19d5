"""Shared test helpers: the project's paths, temporary copies of the project, real MkDocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "kb"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Project:
    """A copy of the project (config, docs, hooks) in a temp folder, with a knowledge base of the test's choice."""

    root: Path

    @property
    def kb(self) -> Path:
        return self.root / "kb"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a command in the project, as a contributor would, with the core on PYTHONPATH."""
        env = {**os.environ, "PYTHONPATH": str(self.root / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
        env.pop("GITHUB_ACTIONS", None)
        return subprocess.run(args, cwd=self.root, env=env, capture_output=True, text=True, timeout=600)

    def mkdocs_build(self) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "mkdocs", "build", "--strict")

    def check(self) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "kbsite", "check")


def make_project(where: Path, kb: Path | None) -> Project:
    """Copy mkdocs.yml (and each edition's mkdocs.<language>.yml), docs/ and hooks/ into ``where``, and ``kb`` (a
    folder) as its kb/."""
    where.mkdir(parents=True, exist_ok=True)
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy2(config, where / config.name)
    for folder in ("docs", "hooks"):
        shutil.copytree(ROOT / folder, where / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if kb is not None:
        shutil.copytree(kb, where / "kb", ignore=shutil.ignore_patterns("schemas"))
    return Project(where)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the project with the real knowledge base."""
    return make_project(tmp_path / "project", KB)


@pytest.fixture
def mini_project(tmp_path: Path) -> Project:
    """A copy of the project with the small test knowledge base in tests/fixtures/mini."""
    return make_project(tmp_path / "project", FIXTURES / "mini")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The repository's own site, built once with `mkdocs build --strict` in a temp folder."""
    built = make_project(tmp_path_factory.mktemp("real") / "project", KB)
    result = built.mkdocs_build()
    assert result.returncode == 0, result.stderr
    return built


SITE_FIXTURES = frozenset({"real_site", "project", "mini_project", "clone"})
"""Fixtures that copy the project or run a whole build: the tests that use them are not unit tests."""
SLOW_TESTS = frozenset(
    {
        "test_bench.py",  # generates and builds synthetic knowledge bases
        "test_tariffs.py::test_the_cost_is_linear_in_changes_and_products",  # times the engine at several sizes
        "test_editing.py::test_pre_commit_passes_on_the_repo_and_fails_on_a_duplicate_key",  # runs pre-commit
        "test_build.py::test_search_indexes_the_same_sections_and_words_as_the_full_html",  # builds the site
        "test_kinds.py::test_a_new_kind_is_its_class_and_its_template",  # builds a copy of the project
        "test_kinds.py::test_a_kind_without_its_template_stops_the_build_with_a_message",
        "test_claims.py::test_the_claims_build_with_mkdocs",
        "test_exports.py::test_deterministic_across_processes",  # renders the site in fresh processes
    }
)
"""Tests without those fixtures that still take seconds each: `make unit` leaves them out too."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark as ``site`` every test that builds a site or runs the project's commands, so that `make unit` (``-m
    "not site"``) runs the fast tests alone: no build, no browser, no Java, no npm."""
    for item in items:
        path = str(item.path)
        slow = (SITE_FIXTURES & set(getattr(item, "fixturenames", ()))) or "/browser/" in path or "/checkers/" in path
        slow = slow or item.path.name in SLOW_TESTS or f"{item.path.name}::{item.name.split('[')[0]}" in SLOW_TESTS
        if slow:
            item.add_marker(pytest.mark.site)
