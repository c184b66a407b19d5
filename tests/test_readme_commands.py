"""Every command the README gives, run as a user runs it: `make ...` in a clean copy of the repository.

The copy holds the tracked files only (what a fresh clone has). Its .venv is a folder of links to the project's
installed one, in the place the Makefile looks (make's own relative path, as a user has it), so that no test run
installs anything.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked files of the repository in a temp folder, as `git clone` leaves them, and a venv of links."""
    where = tmp_path_factory.mktemp("clone")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode("utf-8").split("\0"):
        if name and (ROOT / name).is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, where / name)
    real = (ROOT / ".venv").resolve()
    venv = where / ".venv"
    venv.mkdir()
    for part in ("bin", "lib", "include"):
        if (real / part).exists():
            (venv / part).symlink_to(real / part)
    if (real / "lib64").exists():
        (venv / "lib64").symlink_to(real / "lib")
    shutil.copy2(real / "pyvenv.cfg", venv / "pyvenv.cfg")
    (venv / ".installed").touch()  # newer than the copied requirements.txt: make installs nothing
    return where


def make(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "GITHUB_ACTIONS", "VIRTUAL_ENV")
    }
    return subprocess.run(["make", *args], cwd=clone, env=env, capture_output=True, text=True, timeout=600)


def test_the_readme_names_these_commands() -> None:
    commands = set(re.findall(r"^make (\w+)", README, re.M)) | set(re.findall(r"`make (\w+)", README))
    assert {"site", "offline", "check", "schemas", "serve", "test", "unit", "lint", "translated"} <= commands


def test_make_check(clone: Path) -> None:
    result = make(clone, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ records, 0 problems", result.stdout, re.M)


def _build_with_mkdocs(clone: Path) -> Path:
    """`make site`, kept aside as site-mkdocs/ for the comparison with the other engine."""
    kept = clone / "site-mkdocs"
    if not kept.is_dir():
        result = make(clone, "site")
        assert result.returncode == 0, result.stdout + result.stderr
        shutil.copytree(clone / "site", kept)
    return kept


def test_make_site(clone: Path) -> None:
    site = _build_with_mkdocs(clone)
    assert (site / "index.html").is_file() and (site / "people" / "index.html").is_file()
    assert 'content="mkdocs-1.6.1, mkdocs-material-' in (site / "index.html").read_text(encoding="utf-8")


_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_make_site_with_properdocs_builds_the_same_site(clone: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.x, builds the same site, page by page, from the same mkdocs.yml,
    theme and hooks: only the generator's name differs."""
    with_mkdocs = _build_with_mkdocs(clone)
    result = make(clone, "site", "ENGINE=properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    with_properdocs = clone / "site"
    assert 'content="mkdocs-ProperDocs 1.6.7,' in (with_properdocs / "index.html").read_text(encoding="utf-8")
    files = sorted(path.relative_to(with_mkdocs) for path in with_mkdocs.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(with_properdocs) for path in with_properdocs.rglob("*") if path.is_file())
    assert len(files) > 300
    differing = [
        str(name)
        for name in files
        if _GENERATOR.sub(b"", (with_mkdocs / name).read_bytes())
        != _GENERATOR.sub(b"", (with_properdocs / name).read_bytes())
    ]
    assert differing == []


def test_make_offline_writes_the_zip_the_readme_promises(clone: Path) -> None:
    result = make(clone, "offline")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "site-offline.zip: unzip anywhere and open index.html" in result.stdout
    with zipfile.ZipFile(clone / "site-offline.zip") as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
    assert {"index.html", "people/index.html", "timeline/index.html"} <= names
    assert {"ja/index.html", "ja/people/index.html", "ja/search/search_index.js"} <= names  # the Japanese edition
    assert not any(name.startswith(("site-offline/", "/", "..")) for name in names)


def test_make_new_then_make_schemas(clone: Path) -> None:
    result = make(clone, "new", "KIND=person", "ID=kenji-example")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wrote kb/people/kenji-example.yml" in result.stdout
    assert (clone / "kb" / "people" / "kenji-example.yml").is_file()
    usage = make(clone, "new")
    assert usage.returncode == 2 and "usage: make new KIND=person ID=yoji-muto" in usage.stderr
    result = make(clone, "schemas")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 generated file(s) updated." in result.stdout
    (clone / "kb" / "people" / "kenji-example.yml").unlink()


def test_make_translated_and_the_strict_check_of_translations(clone: Path) -> None:
    person = clone / "kb" / "people" / "ryosei-akazawa.yml"
    kept = person.read_text(encoding="utf-8")
    try:
        result = make(clone, "translated")
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.search(r"^\d+ translations marked in \d+ files\.$", result.stdout, re.M)
        strict = make(clone, "check", "STRICT_I18N=1")
        assert strict.returncode == 0, strict.stdout + strict.stderr
        assert "translation into Japanese (records: translated / stale / missing):" in strict.stdout
        english = re.search(r"^name:\n  en: (.+)$", kept, re.M)
        assert english, "ryosei-akazawa.yml no longer has a translated name: update this test"
        person.write_text(kept.replace(english.group(0), f"name:\n  en: {english.group(1)} (Akazawa)"), "utf-8")
        stale = make(clone, "check", "STRICT_I18N=1")
        assert stale.returncode != 0 and "name.ja: the Japanese translation was made from an earlier" in stale.stdout
        assert make(clone, "check").returncode == 0  # a report, not a failure, unless asked
        assert make(clone, "translated", "FILES=kb/people/ryosei-akazawa.yml").returncode == 0
        assert make(clone, "check", "STRICT_I18N=1").returncode == 0
    finally:
        person.write_text(kept, encoding="utf-8")


def test_kb_languages_en_builds_the_english_site_alone(clone: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    result = subprocess.run(
        ["make", "site"], cwd=clone, env={**env, "KB_LANGUAGES": "en"}, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (clone / "site" / "index.html").is_file() and not (clone / "site" / "ja").exists()


def test_make_publish_puts_the_zip_beside_the_site_and_names_its_size(clone: Path) -> None:
    result = make(clone, "publish")
    assert result.returncode == 0, result.stdout + result.stderr
    zipped = clone / "site" / "site-offline.zip"
    assert zipped.is_file() and zipped.stat().st_size == (clone / "site-offline.zip").stat().st_size
    size = f"{zipped.stat().st_size / 1_000_000:.1f} MB"
    home = (clone / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="site-offline.zip" download' in home and size in home
    japanese = (clone / "site" / "ja" / "index.html").read_text(encoding="utf-8")
    assert 'href="../site-offline.zip" download' in japanese and size in japanese  # the one zip, from /ja/ too
