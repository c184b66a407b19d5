"""Reader-facing text is for readers: no page talks about the source article, the research brief, field names
or what the schema cannot say, editors' notes stay off the pages, and sources name who published them and,
apart, where the copy we read is hosted."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import FIXTURES, Project, make_project
from kbsite import build
from kbsite.models import KINDS, nested_part
from kbsite.render import Site

PHRASES = (
    "source article",
    "research brief",
    "the brief",
    "no field for",
    "there is no field",
    "the schema",
    "cannot be expressed",
    "trade-facts",
)
"""Words of editors, not readers (compared case-insensitively)."""

PROSE_FIELDS = (
    "notes",
    "name_native",
    "status_history",
    "not_stacked_with",
    "all_countries",
    "hts_headings",
    "hs_headings",
    "federal_register",
    "retroactive_to",
    "numbering_per",
    "duration_minutes",
    "legally_binding",
    "legal_reference",
    "archived_url",
    "agrees_with",
    "starter_fields",
    "as_of",
    "hs_codes",
    "rate_unknown",
    "subject_to",
    "excluded_lists",
    "accessed:",
    "sources:",
    "outcome:",
    "status:",
)
"""Field names that must not appear in a page's prose (outside code): every field name with an underscore, which
no English sentence has, and one-word fields written as YAML keys (the pages themselves label confidence as
"confidence: high", which a reader reads as a label, so it is not listed)."""

CONTRIBUTOR_PAGES = ("reference/", "schemas/", "contributing/", "data/", "review/")
"""Pages written for contributors, where field names are the subject."""


def _all_underscored_fields() -> set[str]:
    names: set[str] = set()

    def walk(model: type) -> None:
        for name, field in model.model_fields.items():
            if "_" in name:
                names.add(name)
            nested = nested_part(field.annotation)
            if nested is not None:
                walk(nested)

    for model in KINDS.values():
        walk(model)
    return names


def test_the_list_names_every_field_with_an_underscore() -> None:
    assert _all_underscored_fields() <= set(PROSE_FIELDS), sorted(_all_underscored_fields() - set(PROSE_FIELDS))


def _prose(html: str) -> str:
    """A page's article as a reader reads it, without code, scripts or markup."""
    article = html[html.find("<article") : html.find("</article>")] if "<article" in html else html
    article = re.sub(r"<(code|pre|script|style)\b.*?</\1>", " ", article, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", article).split())


def editors_words(site: Path) -> dict[str, list[str]]:
    """Each built page that reads like an editor's note, with what it says."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        uri = page.relative_to(site).as_posix()
        if uri.removeprefix("ja/").startswith(CONTRIBUTOR_PAGES):  # the Japanese edition's too
            continue
        text = _prose(page.read_text(encoding="utf-8"))
        lowered = text.casefold()
        hits = [phrase for phrase in PHRASES if phrase in lowered]
        hits += [
            name
            for name in PROSE_FIELDS
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
            and (name != "notes" or re.search(r"\bnotes:", text))
        ]
        if hits:
            found[uri] = hits
    return found


def test_no_reader_page_speaks_to_editors(real_site: Project) -> None:
    found = editors_words(real_site.site)
    assert not found, "\n".join(f"{uri}: {', '.join(hits)}" for uri, hits in found.items())


def test_notes_are_not_rendered(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURES / "mini", kb)
    person = kb / "people" / "scott-bessent.yml"
    person.write_text(
        person.read_text(encoding="utf-8") + "notes: An editors' remark about the source article.\n", encoding="utf-8"
    )
    pages = Site(build(kb)).pages
    assert not any("editors' remark" in page.html for page in pages.values())
    assert "Notes" not in pages["people/scott-bessent.md"].html


def test_sources_name_the_publisher_and_the_host_apart(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    source = project.kb / "sources" / "reuters-2025-04-16.yml"
    text = source.read_text(encoding="utf-8").replace(
        "publisher: Reuters (via Business Recorder)", "publisher: Reuters"
    )
    source.write_text(text + "host: brecorder.com\n", encoding="utf-8")
    pages = Site(build(project.kb, project.root)).pages
    person = pages["people/scott-bessent.md"].html
    assert "Trump jumps in on tariff talks with Japanese officials</a>, Reuters (copy on brecorder.com)" in person
    record = pages["sources/reuters-2025-04-16.md"].html
    assert "<dt>Publisher</dt><dd>Reuters</dd>" in record and "brecorder.com</dd>" in record
    assert "Reuters (copy on brecorder.com)" in pages["sources/index.md"].html
