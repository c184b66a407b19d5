"""The Japanese edition's core: translated fields, the records as Japanese readers see them, translation status,
`make check`'s report and --strict-i18n, `make translated`, and Japanese dates. (Its pages in a real build and a
browser: tests/browser/test_editions_browser.py.)"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from conftest import FIXTURES, Project

from kbsite import build
from kbsite.i18n import using
from kbsite.i18n.records import translated, translation
from kbsite.render import Site
from kbsite.types import PartialDate, digest

AKAZAWA = "kb/people/ryosei-akazawa.yml"


def mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root / "kb")
    return root


def translate_akazawa(root: Path, made_from: str | None = None) -> None:
    path = root / AKAZAWA
    text = path.read_text(encoding="utf-8")
    stamp = f"      ja_of: '{made_from}'\n" if made_from else ""
    text = text.replace("name: Ryosei Akazawa\n", "name:\n  en: Ryosei Akazawa\n  ja: 赤澤亮正\n")
    text = text.replace(
        "  - title: Minister in charge of Economic Revitalization\n",
        "  - title:\n      en: Minister in charge of Economic Revitalization\n      ja: 経済再生担当大臣\n" + stamp,
    )
    path.write_text(text, encoding="utf-8")


def test_japanese_readers_see_the_translation_and_english_where_there_is_none(tmp_path: Path) -> None:
    root = mini(tmp_path)
    translate_akazawa(root)
    kb = build(root / "kb", root)
    assert kb["ryosei-akazawa"].name == "Ryosei Akazawa"  # the records themselves are English
    japanese = translated(kb, "ja")
    person = japanese["ryosei-akazawa"]
    assert person.name == "赤澤亮正"
    assert person.roles[0].title == "経済再生担当大臣"
    assert person.roles[1].title == "Minister of Economy, Trade and Industry"  # not translated: English
    assert japanese["scott-bessent"] is kb["scott-bessent"]  # nothing to translate: the same record
    state = translation(kb["ryosei-akazawa"], "ja")
    assert state.status == "missing"
    assert state.where("translated") == ["name", "roles.0.title"]
    assert "summary" in state.where("missing") and "roles.1.title" in state.where("missing")


def test_a_translation_made_from_an_earlier_english_is_stale(tmp_path: Path) -> None:
    root = mini(tmp_path)
    translate_akazawa(root, made_from=digest("Minister in charge of Economic Revitalisation"))  # not the English now
    kb = build(root / "kb", root)
    assert translation(kb["ryosei-akazawa"], "ja").where("stale") == ["roles.0.title"]
    root2 = mini(tmp_path / "2")
    translate_akazawa(root2, made_from=digest("Minister in charge of Economic Revitalization"))
    assert translation(build(root2 / "kb", root2)["ryosei-akazawa"], "ja").where("stale") == []


def test_translations_leave_the_english_pages_as_they_were(tmp_path: Path) -> None:
    before = Site(build(mini(tmp_path / "a") / "kb")).pages
    root = mini(tmp_path / "b")
    translate_akazawa(root)
    after = Site(build(root / "kb")).pages
    assert {uri: page.html for uri, page in before.items()} == {uri: page.html for uri, page in after.items()}


def test_a_japanese_record_page_reads_japanese_and_says_what_is_still_english(tmp_path: Path) -> None:
    root = mini(tmp_path)
    translate_akazawa(root)
    pages = Site(build(root / "kb"), language="ja").pages
    page = pages["people/ryosei-akazawa.md"]
    assert page.title == "赤澤亮正"
    assert "経済再生担当大臣" in page.html
    assert "2025年10月21日" in page.html  # the end of the role, the Japanese way
    assert 'data-kb-translation="missing"' in page.html  # the summary is still English, and the page says so
    assert 'href="../../../people/ryosei-akazawa/"' in page.html  # the English page, from /ja/people/x/
    assert "kb-translation" not in Site(build(root / "kb")).pages["people/ryosei-akazawa.md"].html


def test_dates_read_the_japanese_way_at_their_own_precision() -> None:
    with using("ja"):
        assert [PartialDate.parse(text).human() for text in ("2025", "2025-04", "2025-04-16")] == [
            "2025年",
            "2025年4月",
            "2025年4月16日",
        ]
    assert PartialDate.parse("2025-04-16").human() == "16 April 2025"


def test_check_reports_coverage_and_strict_i18n_fails_on_a_stale_translation(mini_project: Project) -> None:
    translate_akazawa(mini_project.root, made_from=digest("an earlier English title"))
    relaxed = mini_project.check()
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "translation into Japanese (records: translated / stale / missing):" in relaxed.stdout
    assert "  people             0 /   1 /     1" in relaxed.stdout, relaxed.stdout
    stale = f"{AKAZAWA}:11:7: roles.0.title.ja: the Japanese translation was made from an earlier English text"
    assert stale in relaxed.stdout, relaxed.stdout
    strict = mini_project.run(sys.executable, "-m", "kbsite", "check", "--strict-i18n")
    assert strict.returncode == 1 and stale in strict.stdout
    assert "1 stale translation (--strict-i18n)." in strict.stderr


def test_make_translated_stamps_new_translations_and_only_named_stale_ones(mini_project: Project) -> None:
    translate_akazawa(mini_project.root)
    stamped = mini_project.run(sys.executable, "-m", "kbsite", "translated")
    assert stamped.returncode == 0, stamped.stderr
    assert "2 translations marked in 1 files." in stamped.stdout
    text = (mini_project.root / AKAZAWA).read_text(encoding="utf-8")
    assert f"  ja_of: '{digest('Ryosei Akazawa')}'\n" in text
    assert text.startswith("id: ryosei-akazawa\nname:\n  en: Ryosei Akazawa\n")  # the rest of the file as it was
    (mini_project.root / AKAZAWA).write_text(text.replace("in charge of Economic", "for Economic"), encoding="utf-8")
    assert "0 translations marked" in mini_project.run(sys.executable, "-m", "kbsite", "translated").stdout
    assert "roles.0.title.ja" in mini_project.check().stdout  # still stale
    again = mini_project.run(sys.executable, "-m", "kbsite", "translated", AKAZAWA)
    assert "1 translations marked in 1 files." in again.stdout
    assert "roles.0.title.ja" not in mini_project.check().stdout


def test_amounts_are_counted_the_japanese_way() -> None:
    from kbsite.render.text import quantity

    assert quantity(550, "billion USD") == "550 billion USD"
    with using("ja"):  # the Ministry of Finance writes the investment as 5,500億米ドル
        assert quantity(550, "十億米ドル") == "5,500億米ドル"
        assert quantity(1.25, "百万トン／年") == "125万トン／年"
        assert quantity(148.2, "十億米ドル") == "1,482億米ドル"
        assert quantity(15, "%") == "15%"
