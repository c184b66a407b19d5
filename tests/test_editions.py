"""Both editions from one `mkdocs build --strict`: every English page has its Japanese twin at the same path
and back, each says its language, and each links its twin as its hreflang alternate."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Project


def pages(root: Path) -> set[str]:
    """The HTML pages of an edition, by path below its root (the English edition's without the Japanese)."""
    found = (path.relative_to(root) for path in root.rglob("*.html"))
    return {path.as_posix() for path in found if path.parts[0] != "ja"}


def test_every_page_has_its_twin_in_the_other_language(real_site: Project) -> None:
    english, japanese = pages(real_site.site), pages(real_site.site / "ja")
    assert len(english) > 500
    assert english == japanese


def test_each_edition_says_its_language_and_names_its_twin(real_site: Project) -> None:
    measure = "measures/us-ieepa-reciprocal-japan-15-additive/"
    for folder, up in (("", "."), (measure, "../..")):
        english = (real_site.site / folder / "index.html").read_text(encoding="utf-8")
        japanese = (real_site.site / "ja" / folder / "index.html").read_text(encoding="utf-8")
        assert '<html lang="en"' in english and '<html lang="ja"' in japanese
        assert f'<a href="{up}/ja/{folder}" hreflang="ja" lang="ja" class="md-select__link">' in english


def test_the_japanese_edition_reads_japanese(real_site: Project) -> None:
    home = (real_site.site / "ja/index.html").read_text(encoding="utf-8")
    assert "日米関税交渉ナレッジベース" in home  # the Japanese site name
    timeline = (real_site.site / "ja/timeline/index.html").read_text(encoding="utf-8")
    assert re.search(r"2025年4月\d+日", timeline)
