"""A kind is one class: what the site needs to know about a record kind is declared on its model (models.py),
and every part of the site reads it from there.

The acceptance test adds a throwaway kind to a copy of the project, as a maintainer would (its class and its
template, then `make schemas`), and checks that it shows up everywhere: its index page, the nav, the timeline
and its filter, the JSON Schemas, the field reference, the exports and the editor settings.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, Project, make_project
from kbsite import generated
from kbsite.models import KINDS, Column, Fact
from kbsite.render.pages import kind_problems
from kbsite.types import PartialDate, Text

RUMOUR = '''

class Rumour(Fact):
    """Something reported as heard, not confirmed."""

    kind = "rumour"
    plural = "rumours"
    index_title = "Rumours heard"
    nav_title, nav_position = "Rumours", 13
    in_short = "something reported as heard, not confirmed"
    label_field = "title"
    index_columns = (Column("Heard", "heard", "date"), Column("Where", "where", "text"))
    index_by_date = True
    timeline_filter = "Rumour"
    timeline_categories = (Category("rumour", "Rumour", 7),)
    reverse = {**Fact.reverse, "about": "Rumoured about"}

    title: Text
    """What was heard, as a headline."""
    heard: PartialDate
    """When it was first reported."""
    where: Text
    """Where it was reported ("a trade newsletter")."""
    about: list[JurisdictionRef] = empty()
    """The jurisdictions it concerns."""

    def dates(self) -> Iterator[PartialDate]:
        return iter([self.heard])

    def timeline_entries(self, involves: frozenset[str], records: Mapping[str, Record]) -> Iterator[Entry]:
        yield Entry(self.heard, "", self.id, 0, "rumour", f"Heard: {self.title}", None, involves)

'''

TEMPLATE = '{% extends "_record.html.j2" %}\n{% set facts = ["heard", "where"] %}\n'

RECORD = """\
id: a-quiet-deal
title: A quiet deal on rice
heard: 2025-05-02
where: a trade newsletter
about: [japan]
sources: [reuters-2025-04-16]
confidence: low
"""


def test_every_kind_has_what_the_site_needs() -> None:
    assert kind_problems() == []


def test_generated_files_follow_the_kinds() -> None:
    assert generated.stale(ROOT) == [], "run `make schemas` and commit what it writes"


def test_readme_and_nav_list_the_kinds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for kind, model in KINDS.items():
        assert f"| {kind} | `kb/{model.plural}/` |" in readme
        if model.nav_title:
            assert f"  - {model.nav_title}: {model.plural}/index.md\n" in nav


def test_a_forgotten_piece_is_named_with_its_kind() -> None:
    class Half(Fact):
        """A kind left half-done."""

        kind = "half"
        plural = "halves"
        in_short = "half a kind"
        index_columns = (Column("When", "when", "date"), Column("Title", "title", "shout"))
        label_field = "title"

        title: Text
        """Its title."""
        date: PartialDate
        """Its date."""

    problems = kind_problems({"half": Half})
    assert any("'half'" in p and "no index_title" in p for p in problems), problems
    assert any("'half'" in p and "no template" in p and "half.html.j2" in p for p in problems), problems
    assert any("'half'" in p and "'When'" in p and "'when', which is not one of its fields" in p for p in problems)
    assert any("'half'" in p and "'shout'" in p for p in problems), problems


def _with_rumours(project: Project) -> Project:
    models = project.root / "hooks" / "kbsite" / "models.py"
    text = models.read_text(encoding="utf-8")
    assert text.count("\n\nclass Settings(Part):") == 1 and text.count("        Claim,\n        Term,\n") == 1
    text = text.replace("\n\nclass Settings(Part):", RUMOUR + "\nclass Settings(Part):")
    models.write_text(
        text.replace("        Claim,\n        Term,\n", "        Claim,\n        Rumour,\n        Term,\n"),
        encoding="utf-8",
    )
    (project.root / "hooks" / "kbsite" / "templates" / "rumour.html.j2").write_text(TEMPLATE, encoding="utf-8")
    project.write("kb/rumours/a-quiet-deal.yml", RECORD)
    for name in ("README.md", ".vscode/settings.json"):
        (project.root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project.root / name)
    return project


def test_a_new_kind_is_its_class_and_its_template(tmp_path: Path) -> None:
    project = _with_rumours(make_project(tmp_path / "project", FIXTURES / "mini"))
    made = project.run(sys.executable, "-m", "kbsite", "schemas")
    assert made.returncode == 0, made.stderr
    for name in ("mkdocs.yml", "README.md", ".vscode/settings.json", "schemas/rumour.schema.json"):
        assert name in made.stdout, made.stdout
    assert project.check().returncode == 0
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    site = project.site

    index = (site / "rumours" / "index.html").read_text(encoding="utf-8")
    assert "Rumours heard" in index and "A quiet deal on rice" in index and "a trade newsletter" in index
    assert "<th>Heard</th>" in index and "2 May 2025" in index
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ">Rumours heard</a>" in home
    assert "Rumours" in home.split('class="md-nav__list"', 1)[1]  # in the nav, which every page carries
    page = (site / "rumours" / "a-quiet-deal" / "index.html").read_text(encoding="utf-8")
    assert "A quiet deal on rice" in page and "Rumoured about" in (
        site / "jurisdictions" / "japan" / "index.html"
    ).read_text(encoding="utf-8")
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "Heard: A quiet deal on rice" in timeline
    assert '<option value="rumour">Rumour</option>' in timeline  # the category filter
    assert '<select name="rumour">' in timeline and 'data-rumour="a-quiet-deal"' in timeline  # the record filter
    schema = json.loads((site / "schemas" / "rumour.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "rumour.schema.json" and "heard" in schema["properties"]
    assert "kb/rumours/" in (site / "schemas" / "index.html").read_text(encoding="utf-8")
    assert "<code>heard</code>" in (site / "reference" / "index.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((site / "data" / "rumours.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == ["a-quiet-deal"]
    assert "a-quiet-deal" in {r["id"] for r in json.loads((site / "data" / "kb.json").read_text())["kinds"]["rumour"]}
    assert "Rumours heard" in (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "Heard: A quiet deal on rice" in (site / "data" / "timeline.ics").read_text(encoding="utf-8")
    settings = json.loads((project.root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["kb/schemas/rumour.schema.json"] == ["kb/rumours/*.yml"]
    assert "| rumour | `kb/rumours/` | something reported as heard, not confirmed |" in (
        project.root / "README.md"
    ).read_text(encoding="utf-8")

    new = project.run(sys.executable, "-m", "kbsite", "new", "rumour", "another-one", "--source", "reuters-2025-04-16")
    assert new.returncode == 0, new.stderr
    assert (project.kb / "rumours" / "another-one.yml").is_file()


def test_a_kind_without_its_template_stops_the_build_with_a_message(tmp_path: Path) -> None:
    project = _with_rumours(make_project(tmp_path / "project", FIXTURES / "mini"))
    (project.root / "hooks" / "kbsite" / "templates" / "rumour.html.j2").unlink()
    assert project.run(sys.executable, "-m", "kbsite", "schemas").returncode == 0
    built = project.mkdocs_build()
    assert built.returncode != 0
    assert "record kind 'rumour'" in built.stderr and "no template" in built.stderr, built.stderr
    assert "Traceback" not in built.stderr, built.stderr
