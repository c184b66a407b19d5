"""Currency: the as-of date on every page, scheduled dates that pass with no outcome, sources not read again.

A scheduled date before the as-of date with no recorded outcome is one warning from `make check` naming its file
and line (the check still passes), one entry on the Needs review page, and a sentence on the record's page;
moving the as-of date before it takes all three away.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import Project
from kbsite import build
from kbsite.render import Site

MEASURE = "kb/measures/us-autos-25.yml"
SCHEDULED = """scheduled:
  - date: 2026-07-24
    status: expired
    description: The 150 days of the duty end
  - date: 2027-03-01
    description: A review falls due
"""
"""Two scheduled dates for the mini measure: one before the as-of date used below, one after it."""


def _schedule(project: Project, as_of: str, text: str = SCHEDULED) -> int:
    """Give the mini measure its scheduled dates and the knowledge base an as-of date; the line of the first entry."""
    path = project.root / MEASURE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    path.write_text("".join(lines[:at]) + text + "".join(lines[at:]), encoding="utf-8")
    project.write("kb/config.yml", f"as_of: {as_of}\n")
    return at + 2  # 1-based line of "  - date: 2026-07-24"


def _warnings(output: str, field: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(rf"^\S+:\d+:\d+: {re.escape(field)}", line)]


def test_an_overdue_date_is_one_warning_naming_file_and_line(mini_project: Project) -> None:
    line = _schedule(mini_project, "2026-12-01")
    checked = mini_project.check()
    assert checked.returncode == 0, checked.stdout + checked.stderr  # a warning, not a failure
    scheduled = _warnings(checked.stdout, "scheduled.")
    assert len(scheduled) == 1, checked.stdout
    assert scheduled[0].startswith(f"{MEASURE}:{line}:5: scheduled.0: scheduled to end on 24 July 2026")
    assert "no outcome is recorded: The 150 days of the duty end" in scheduled[0]
    assert "0 problems" in checked.stdout and "warning" in checked.stdout


def test_moving_the_as_of_date_earlier_removes_the_warning(mini_project: Project) -> None:
    _schedule(mini_project, "2026-07-24")  # the day itself: not yet past
    checked = mini_project.check()
    assert checked.returncode == 0
    assert _warnings(checked.stdout, "scheduled.") == []


def test_a_recorded_outcome_or_status_change_settles_the_date(mini_project: Project) -> None:
    _schedule(
        mini_project, "2026-12-01", SCHEDULED.replace("the duty end\n", "the duty end\n    outcome: It ended.\n", 1)
    )
    assert _warnings(mini_project.check().stdout, "scheduled.") == []


def test_the_measure_page_says_the_outcome_is_not_recorded(mini_project: Project) -> None:
    _schedule(mini_project, "2026-12-01")
    site = Site(build(mini_project.kb, mini_project.root))
    html = site.pages["measures/us-autos-25.md"].html
    assert "The 150 days of the duty end: scheduled to end on 24 July 2026; outcome not yet recorded." in html
    assert 'Facts checked up to <time datetime="2026-12-01">1 December 2026</time>.' in html
    assert "A review falls due (scheduled for 1 March 2027)" in html and "Still ahead." in html
    review = site.pages["review/index.md"].html
    assert f"<code>{MEASURE}:" in review and "The 150 days of the duty end: scheduled to end on 24 July 2026" in review
    earlier = mini_project.root / "kb" / "config.yml"
    earlier.write_text("as_of: 2026-06-30\n", encoding="utf-8")
    site = Site(build(mini_project.kb, mini_project.root))
    assert "outcome not yet recorded" not in site.pages["measures/us-autos-25.md"].html
    assert "outcome not yet recorded" not in site.pages["review/index.md"].html


def test_sources_of_uncertain_facts_not_read_for_a_year(mini_project: Project) -> None:
    mini_project.write("kb/config.yml", "as_of: 2026-12-01\n")
    topic = mini_project.root / "kb" / "topics" / "autos.yml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace("confidence: high", "confidence: medium"), encoding="utf-8"
    )
    source = mini_project.root / "kb" / "sources" / "reuters-2025-04-16.yml"
    original = source.read_text(encoding="utf-8")
    checked = mini_project.check()
    stale = _warnings(checked.stdout, "accessed")
    assert checked.returncode == 0 and len(stale) == 1, checked.stdout
    assert (
        stale[0].startswith(
            "kb/sources/reuters-2025-04-16.yml:5:1: accessed: no reading recorded since it was "
            "published (16 April 2025)"
        )
        and "(autos, talks-announced)" in stale[0]
    )
    source.write_text(original + "accessed: 2025-11-30\n", encoding="utf-8")
    stale = _warnings(mini_project.check().stdout, "accessed")
    assert len(stale) == 1 and stale[0].startswith(
        "kb/sources/reuters-2025-04-16.yml:7:1: accessed: last read 30 November 2025"
    )
    source.write_text(original + "accessed: 2025-12-01\n", encoding="utf-8")  # a year to the day: not yet stale
    assert _warnings(mini_project.check().stdout, "accessed") == []


@pytest.mark.parametrize("as_of", ["2026-12-01"])
def test_the_as_of_date_is_on_every_page(mini_project: Project, as_of: str) -> None:
    mini_project.write("kb/config.yml", f"as_of: {as_of}\n")
    built = mini_project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    pages = list(mini_project.site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        japanese = page.relative_to(mini_project.site).parts[0] == "ja"
        line = (
            "2026年12月1日</time>時点の情報です"
            if japanese
            else 'Facts checked up to <time datetime="2026-12-01">1 December 2026</time>'
        )
        assert line in page.read_text(encoding="utf-8"), page
    home = (mini_project.site / "index.html").read_text(encoding="utf-8")
    assert (
        'Facts checked up to <time datetime="2026-12-01">1 December 2026</time>.'
        in home[home.index("<h1") : home.index("</article>")]
    )
    review = (mini_project.site / "review" / "index.html").read_text(encoding="utf-8")
    assert "Needs review" in review


def test_without_an_as_of_date_nothing_is_overdue(mini_project: Project) -> None:
    _schedule(mini_project, "2026-12-01")
    (mini_project.root / "kb" / "config.yml").unlink()
    checked = mini_project.check()
    assert checked.returncode == 0 and "warning" not in checked.stdout + checked.stderr
    assert sys.executable  # the check ran in this interpreter's environment
