"""Editing by pull request: scaffolding, editor schemas, field reference, edit links, history, pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Project
from kbsite.history import last_changes
from kbsite.models import KINDS
from kbsite.render.pages import reference_fields


@pytest.mark.parametrize("kind", list(KINDS))
def test_scaffold_passes_the_check_for_every_kind(mini_project: Project, kind: str) -> None:
    made = mini_project.run(
        sys.executable, "-m", "kbsite", "new", kind, f"new-{kind}", "--source", "reuters-2025-04-16"
    )
    assert made.returncode == 0, made.stderr
    assert "required fields" in made.stdout
    path = mini_project.kb / KINDS[kind].plural / f"new-{kind}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schemas/{kind}.schema.json")
    assert "TODO" in text
    checked = mini_project.check()
    assert checked.returncode == 0, checked.stdout


def test_scaffold_refuses_existing_and_malformed_ids(mini_project: Project) -> None:
    taken = mini_project.run(sys.executable, "-m", "kbsite", "new", "person", "scott-bessent")
    assert taken.returncode == 1 and "already used by kb/people/scott-bessent.yml" in taken.stderr
    bad = mini_project.run(sys.executable, "-m", "kbsite", "new", "person", "Yoji_Muto")
    assert bad.returncode == 1 and "not a valid id" in bad.stderr
    unknown = mini_project.run(sys.executable, "-m", "kbsite", "new", "person", "yoji-muto", "--source", "nope")
    assert unknown.returncode == 1 and "no source has the id 'nope'" in unknown.stderr
    for reserved in ("index", "con"):
        refused = mini_project.run(sys.executable, "-m", "kbsite", "new", "person", reserved)
        assert refused.returncode == 1 and "is reserved" in refused.stderr
        assert not (mini_project.kb / "people" / f"{reserved}.yml").exists()


def test_make_new_writes_into_the_right_folder(mini_project: Project) -> None:
    shutil.copy2(ROOT / "Makefile", mini_project.root / "Makefile")
    (mini_project.root / ".venv").symlink_to(ROOT / ".venv")
    (mini_project.root / "requirements.txt").write_text((ROOT / "requirements.txt").read_text())
    os.utime(mini_project.root / ".venv" / ".installed")
    made = subprocess.run(
        ["make", "-s", "new", "KIND=person", "ID=yoji-muto"], cwd=mini_project.root, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert (mini_project.kb / "people" / "yoji-muto.yml").is_file()


def test_vscode_settings_map_every_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f"kb/schemas/{k}.schema.json": [f"kb/{m.plural}/*.yml"] for k, m in KINDS.items()
    }


def test_field_reference_documents_every_field(real_site: Project) -> None:
    page = (real_site.site / "reference" / "index.html").read_text(encoding="utf-8")
    for model in KINDS.values():
        for name, _, _, description in reference_fields(model):
            assert f"<code>{name}</code>" in page, f"{model.kind}.{name} is missing from the field reference"
            assert description, f"{model.kind}.{name} has no description"


def test_schemas_are_published(real_site: Project) -> None:
    for kind in KINDS:
        published = real_site.site / "schemas" / f"{kind}.schema.json"
        assert json.loads(published.read_text(encoding="utf-8"))["$id"] == f"{kind}.schema.json"


def test_edit_link_of_a_record_page_opens_its_yaml(mini_project: Project) -> None:
    result = mini_project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    page = (mini_project.site / "people" / "scott-bessent" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/japan-us-tariff-kb/kb/edit/main/kb/people/scott-bessent.yml"' in page
    about = (mini_project.site / "about" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/about.md" in about
    assert "api.github.com" not in page


def test_preview_rebuilds_only_the_pages_an_edit_changes(mini_project: Project) -> None:
    """`make serve` builds with --dirty: after an edit, the changed page is rebuilt and an unrelated one is not."""
    build = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict"]
    assert mini_project.run(*build).returncode == 0
    bessent = mini_project.site / "people" / "scott-bessent" / "index.html"
    unrelated = mini_project.site / "measures" / "us-autos-25" / "index.html"
    before = unrelated.stat().st_mtime_ns, bessent.stat().st_mtime_ns
    record = mini_project.kb / "people" / "scott-bessent.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("lead negotiator", "chief negotiator"), encoding="utf-8"
    )
    result = mini_project.run(*build)
    assert result.returncode == 0, result.stderr
    assert "chief negotiator" in bessent.read_text(encoding="utf-8")
    assert unrelated.stat().st_mtime_ns == before[0] and bessent.stat().st_mtime_ns != before[1]


def _search_entries(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted(json.dumps(entry, sort_keys=True) for entry in index["docs"])


def test_preview_search_matches_a_full_build_after_an_edit(mini_project: Project, tmp_path: Path) -> None:
    """A dirty rebuild indexes only the pages it rebuilt: the preview's search must still hold every page once,
    as a full build of the same edit does (an edit to a person rebuilds their page and the pages naming them)."""
    build = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict"]
    assert mini_project.run(*build).returncode == 0
    record = mini_project.kb / "people" / "scott-bessent.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("lead negotiator", "chief negotiator"), encoding="utf-8"
    )
    (mini_project.kb / "events" / "talks-announced.yml").unlink()  # a page gone: its entries go too
    assert mini_project.run(*build).returncode == 0
    record.write_text(
        record.read_text(encoding="utf-8").replace("chief negotiator", "head negotiator"), encoding="utf-8"
    )
    about = mini_project.root / "docs" / "about.md"  # rebuilt, and now leaves the search: its old entries go
    about.write_text("---\nsearch:\n  exclude: true\n---\n\n" + about.read_text(encoding="utf-8"), encoding="utf-8")
    result = mini_project.run(*build)  # rebuilds fewer pages: the home page's entries come from the last index
    assert result.returncode == 0, result.stderr
    preview = _search_entries(mini_project.site)
    full = mini_project.run(
        sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(tmp_path / "full")
    )
    assert full.returncode == 0, full.stderr
    expected = _search_entries(tmp_path / "full")
    assert any("head negotiator" in entry for entry in preview)
    assert not any('"location": "about/' in entry for entry in preview)
    assert preview == expected


def git(cwd: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_last_changed_dates_come_from_git(mini_project: Project) -> None:
    root = mini_project.root
    assert last_changes(root) == {}  # no repository: nothing is known, nothing fails
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Add the first records", when="2025-05-01T12:00:00Z")
    person = mini_project.kb / "people" / "scott-bessent.yml"
    text = person.read_text(encoding="utf-8").replace(
        "lead negotiator with Japan.", "lead negotiator with Japan, and more."
    )
    person.write_text(text + "aliases: [Bessent]\n", encoding="utf-8")
    git(root, "commit", "-qam", "Offline build toggle with vendored Zorblax shim", when="2025-06-02T12:00:00Z")
    person.write_text(person.read_text(encoding="utf-8") + "notes: Checked again.\n", encoding="utf-8")
    git(root, "commit", "-qam", "Note on Bessent", when="2025-06-03T12:00:00Z")
    changes = last_changes(root)
    assert str(changes["kb/people/scott-bessent.yml"].date) == "2025-06-02"  # notes are not what readers see
    assert changes["kb/people/scott-bessent.yml"].subject == "Offline build toggle with vendored Zorblax shim"
    assert str(changes["kb/people/ryosei-akazawa.yml"].date) == "2025-05-01"
    result = mini_project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    page = (mini_project.site / "people" / "scott-bessent" / "index.html").read_text(encoding="utf-8")
    assert 'Last changed <time datetime="2025-06-02">2 June 2025</time>: Summary changed; Aliases added' in page
    assert "Zorblax" not in page  # what changed in the record, not the commit's subject
    akazawa = (mini_project.site / "people" / "ryosei-akazawa" / "index.html").read_text(encoding="utf-8")
    assert 'Last changed <time datetime="2025-05-01">1 May 2025</time>: Record added' in akazawa
    recent = (mini_project.site / "changes" / "index.html").read_text(encoding="utf-8")
    assert recent.index("Scott Bessent") < recent.index("Ryosei Akazawa")


def test_build_without_history_says_nothing(mini_project: Project) -> None:
    result = mini_project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    page = (mini_project.site / "people" / "scott-bessent" / "index.html").read_text(encoding="utf-8")
    assert "Last changed" not in page


@pytest.fixture
def precommit_repo(tmp_path: Path) -> Path:
    """A git repository with the project's kb/, hooks and pre-commit configuration."""
    repo = tmp_path / "repo"
    for name in ("kb", "hooks"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in (".pre-commit-config.yaml", ".yamllint.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pre-commit"), "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_pre_commit_passes_on_the_repo_and_fails_on_a_duplicate_key(precommit_repo: Path) -> None:
    clean = pre_commit(precommit_repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (precommit_repo / "kb" / "people").mkdir(exist_ok=True)
    (precommit_repo / "kb" / "people" / "dup.yml").write_text("id: dup\nname: A\nname: B\n", encoding="utf-8")
    git(precommit_repo, "add", "-A")
    broken = pre_commit(precommit_repo)
    assert broken.returncode == 1
    assert 'kb/people/dup.yml:3:1: [error] duplication of key "name" in mapping (key-duplicates)' in broken.stdout
    assert "kb/people/dup.yml:3:1: name: duplicate key 'name' (first defined on line 2)" in broken.stdout
    assert "ruff check" in clean.stdout and "Passed" in clean.stdout.split("ruff check", 1)[1].splitlines()[0]
