"""Reproducible builds: two builds of the same kb/ in two folders are byte-identical, but for MkDocs' date stamps.

The two builds run at the same time, from copies at different paths, with different PYTHONHASHSEED values (so
an output that depends on set or dict-of-set order, or on where the project lives, shows up as a difference).
"""

from __future__ import annotations

import difflib
import gzip
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checkers.support import KB, mkdocs_build
from conftest import Project, make_project


def _sitemap(data: bytes) -> bytes:
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod>(build date)</lastmod>", data)


STAMPED: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    # file: (what is compared instead of its bytes, why its bytes may differ)
    "sitemap.xml": (
        _sitemap,
        "MkDocs writes every page's <lastmod> as the build date (Page.update_date is today's date, in "
        "mkdocs/structure/pages.py; with site_url empty, as here, it lists no URL at all). Compared without them.",
    ),
    "sitemap.xml.gz": (
        lambda data: _sitemap(gzip.decompress(data)),
        "The same sitemap gzipped, with the build date as the gzip header's mtime (mkdocs/commands/build.py, "
        "utils.get_build_timestamp). Compared by its decompressed content, without the dates.",
    ),
}
"""The files MkDocs itself stamps with the build date: identical on the same day (UTC), not across midnight.
SOURCE_DATE_EPOCH pins that date; these builds do not set it, as `make site` does not."""


@pytest.fixture(scope="module", params=["normal", "offline"])
def two_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of the real kb/: the normal site, or the offline copy (OFFLINE=true)."""
    projects = [
        make_project(tmp_path_factory.mktemp(f"{name}-{request.param}") / "project", KB)
        for name in ("first-build", "second")
    ]
    offline = "true" if request.param == "offline" else "false"

    def build(project: Project, seed: str) -> None:
        result = mkdocs_build(project.root, env={"PYTHONHASHSEED": seed, "OFFLINE": offline})
        assert result.returncode == 0, result.stderr

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(build, project, seed) for project, seed in zip(projects, ("1", "2"), strict=True)]:
            future.result()
    return projects[0].site, projects[1].site


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_both_builds_have_the_same_files(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    assert files(first) == files(second)
    assert len(files(first)) > 300


def test_every_file_is_identical_but_mkdocs_date_stamps(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    different = []
    for name in files(first):
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if name in STAMPED:
            normalize = STAMPED[name][0]
            a, b = normalize(a), normalize(b)
        if a != b:
            different.append(name)
    details = []
    for name in different[:5]:
        a = (first / name).read_text(encoding="utf-8", errors="replace").splitlines()
        b = (second / name).read_text(encoding="utf-8", errors="replace").splitlines()
        details += list(difflib.unified_diff(a, b, f"first/{name}", f"second/{name}", lineterm="", n=1))[:30]
    assert not different, f"{len(different)} files differ between two builds of the same kb/:\n" + "\n".join(details)


def test_the_stamped_files_exist(two_builds: tuple[Path, Path]) -> None:
    """STAMPED names files MkDocs really writes: a stale entry would excuse nothing and mislead."""
    for name in STAMPED:
        assert (two_builds[0] / name).is_file(), name
