"""Reading the built site: timeline, glossary tooltips, automatic cross-links, backlinks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import KB, Project
from kbsite import build
from kbsite.models import Measure
from kbsite.names import Matcher
from html import escape as _escape


def attribute(text: str) -> str:
    return _escape(text, quote=True)


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return build(KB)


def html(site: Project, uri: str) -> str:
    return (site.site / uri / "index.html").read_text(encoding="utf-8")


def entry_links(page: str) -> list[str]:
    """The record each timeline entry links to, in page order."""
    return re.findall(r'<div class="kb-entry"[^>]*>\s*<p>.*?<a href="\.\./([a-z]+/[a-z0-9-]+)/"', page, re.S)


def test_timeline_entries_are_in_date_order_and_every_dated_record_appears(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    page = html(real_site, "timeline")
    linked = entry_links(page)
    assert len(linked) == len(kb.timeline) > 50
    assert linked == [f"{kb[e.record_id].plural}/{e.record_id}" for e in kb.timeline]
    dates = [e.date.earliest for e in kb.timeline]
    assert dates == sorted(dates)
    dated = {r.id for r in kb.records.values() if r.kind != "source" and any(True for _ in r.dates())}
    assert dated == {e.record_id for e in kb.timeline}


def test_timeline_shows_dates_at_their_precision_and_time_zones(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    page = html(real_site, "timeline")
    for entry in kb.timeline[:40]:
        assert f'<strong><time datetime="{entry.date}">{entry.date.human()}</time></strong>' in page
    assert "(Japan time)" in page and "US Eastern time" in page
    assert re.search(r"<h2[^>]*>2025", page) and re.search(r"<h3[^>]*>April 2025", page)


def test_record_page_shows_its_own_history(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    measure = next(r for r in kb.by_kind["measure"] if isinstance(r, Measure) and len(r.status_history) >= 3)
    page = html(real_site, f"measures/{measure.id}")
    section = page[page.index('id="history"') : page.index("<h2", page.index('id="history"'))]
    for change in measure.status_history:
        assert f'<time datetime="{change.date}">{change.date.human()}</time>' in section


def test_glossary_lists_every_term_with_sources(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    page = html(real_site, "glossary")
    terms = kb.by_kind["term"]
    assert len(terms) >= 30
    for term in terms:
        assert f'id="{term.id}"' in page, term.id
        assert f'data-term="{term.id}"' in page


def test_a_term_in_a_measure_description_has_a_tooltip_and_one_link(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    found = 0
    for measure in kb.by_kind["measure"]:
        if not measure.summary or not any(True for _ in kb.term_names.find(measure.summary)):
            continue
        page = html(real_site, f"measures/{measure.id}")
        article = page[page.index("<article") : page.index("</article>")]
        annotated = {
            term.id for term in kb.by_kind["term"] if f'<abbr title="{attribute(term.definition)}">' in article
        }
        assert annotated, measure.id
        for term_id in annotated:  # every annotated term links to its entry exactly once per page
            links = re.findall(rf'<a class="kb-term" href="\.\./\.\./glossary/{term_id}/">', article)
            assert len(links) == 1, (measure.id, term_id)
        found += 1
    assert found >= 3


def test_tooltips_leave_headings_links_and_code_alone(real_site: Project) -> None:
    for uri in ("glossary", "measures", "timeline"):
        page = html(real_site, uri)
        assert not re.search(r"<h[1-6][^>]*>[^<]*<abbr", page)
        assert not re.search(r"<a [^>]*>[^<]*<abbr(?![^<]*</abbr></a>)", page.replace('class="kb-term"', ""))
        assert "<code><abbr" not in page


def test_a_term_is_not_annotated_on_its_own_page(real_site: Project, kb) -> None:  # type: ignore[no-untyped-def]
    for term in kb.by_kind["term"]:
        page = html(real_site, f"glossary/{term.id}")
        assert f'href="../{term.id}/"' not in page and 'href="./"' not in page.split("<article")[1].split("kb-term")[0]


AUTOLINK_RECORD = """\
id: autolink-test
title: Talks in Washington
date: 2025-04-17
type: statement
summary: |
  Scott Bessent spoke first. Later Scott Bessent spoke again, and `Scott Bessent` in code stays code,
  as does [a link about Scott Bessent](https://example.org/) and the name in ```Scott Bessent```.
  Ryosei Akazawa replied; Akazawa was brief.
notes: Scott Bessent is linked in the summary already.
sources: [reuters-2025-04-16]
confidence: high
"""


def test_auto_links_once_per_page_never_in_code_or_links_never_to_itself(mini_project: Project) -> None:
    mini_project.write("kb/events/autolink-test.yml", AUTOLINK_RECORD)
    mini_project.write("kb/events/second-mention.yml", AUTOLINK_RECORD.replace("autolink-test", "second-mention"))
    mini_project.write(
        "kb/people/scott-bessent.yml",
        (
            Path(mini_project.kb / "people" / "scott-bessent.yml")
            .read_text(encoding="utf-8")
            .replace("lead negotiator with Japan.", "lead negotiator; Scott Bessent.")
        ),
    )
    result = mini_project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    for uri in ("events/autolink-test", "events/second-mention"):
        page = html(mini_project, uri)
        article = page[page.index("<article") : page.index("</article>")]
        summary = article[article.index("spoke first") : article.index("Akazawa was brief")]
        prose_links = re.findall(
            r'<a href="\.\./\.\./people/scott-bessent/">Scott Bessent</a>',
            article.split("</header>")[-1].split('id="timeline"')[0],
        )
        assert len(prose_links) == 1
        assert "<code>Scott Bessent</code>" in summary
        assert '<a href="https://example.org/">a link about Scott Bessent</a>' in summary
        assert '<a href="../../people/ryosei-akazawa/">Ryosei Akazawa</a>' in summary
        assert "Akazawa</a> was brief" not in summary  # the alias is not linked a second time
    own = html(mini_project, "people/scott-bessent")
    assert 'href="./"' not in own and '<a href="../scott-bessent/"' not in own


def test_names_are_found_where_lower_case_changes_a_text_length() -> None:
    """'İ' lower-cases to two characters: the matcher then scans the text as written, and offsets stay true."""
    matcher = Matcher([("Scott Bessent", "scott-bessent"), ("reciprocal tariff", "reciprocal-tariff")])
    text = "İstanbul: Scott Bessent on the Reciprocal Tariff; scott bessent is not the name as written."
    found = [(text[m.start : m.end], m.target) for m in matcher.find(text)]
    assert found == [("Scott Bessent", "scott-bessent"), ("Reciprocal Tariff", "reciprocal-tariff")]


def test_matcher_cost_is_one_pass() -> None:
    """The matcher reads each word once per candidate: 1,000 names over a long text stay linear."""
    names = [(f"Person{i} Surname{i}", f"p{i}") for i in range(1000)]
    matcher = Matcher(names)
    text = " ".join(f"and Person{i % 1000} Surname{i % 1000} met" for i in range(20000))
    assert sum(1 for _ in matcher.find(text)) == 20000
