"""Hostile pull requests: each class of attack from the issue, as the contributor would send it and CI would see it.

Every test here failed before the defences it names existed: a leaked secret, a hang, a traceback after a clean
check, a page replaced, text that deceives, a cycle accepted.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from kbsite import KnowledgeBaseError, build
from kbsite.models import KINDS
from kbsite.render import Site
from kbsite.render.exports import kind_csv, kb_json, timeline_atom
from kbsite.types import Markdown
from kbsite.validate import validate

MINI = FIXTURES / "mini"
SECRET = "ghp_SECRET_TOKEN_0123456789"

PERSON = """id: {id}
name: {name}
summary: {summary}
sources: [reuters-2025-04-16]
confidence: high
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a copy of the mini knowledge base as kb/; work stays in this process."""
    monkeypatch.setenv("KBSITE_JOBS", "1")
    shutil.copytree(MINI, tmp_path / "project" / "kb")
    return tmp_path / "project"


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def lines(root: Path) -> list[str]:
    """The check's output lines, as `make check` prints them."""
    _, _, problems = validate(root / "kb", root)
    return [str(problem) for problem in problems]


def person(record_id: str, name: str = "Someone", summary: str = "A person.") -> str:
    return PERSON.format(id=record_id, name=json.dumps(name), summary=json.dumps(summary))


def timed_lines(root: Path, budget: float = 3.0) -> list[str]:
    started = time.perf_counter()
    found = lines(root)
    assert time.perf_counter() - started < budget, "the check took longer than its budget"
    return found


# Files that are not plain files ------------------------------------------------------------------------------------


def test_a_symlink_to_a_secret_is_reported_and_never_read(root: Path) -> None:
    secret = write(root.parent, "runner/credentials", f"token: {SECRET}\n")
    (root / "kb" / "people" / "leak.yml").symlink_to(secret)
    (root / "kb" / "people" / "leak2.yml").symlink_to(root.parent / "runner")  # a link to a folder
    found = lines(root)
    assert found == [
        "kb/people/leak.yml:1:1: not a regular file (a symbolic link): records must be plain files in the repository; "
        "replace it with the record's own text",
        "kb/people/leak2.yml:1:1: not a regular file (a symbolic link): records must be plain files in the "
        "repository; replace it with the record's own text",
    ]
    assert not any(SECRET in line or "runner" in line for line in found)


def test_a_symlink_to_a_record_outside_the_repository_is_not_published(root: Path) -> None:
    outside = write(root.parent, "elsewhere/ghost.yml", person("ghost", "Ghost Writer"))
    (root / "kb" / "people" / "ghost.yml").symlink_to(outside)
    records, paths, problems = validate(root / "kb", root)
    assert "ghost" not in records and [p.path for p in problems] == ["kb/people/ghost.yml"]
    with pytest.raises(KnowledgeBaseError):
        build(root / "kb", root)


def test_symlinked_folders_are_never_walked(root: Path) -> None:
    (root / "kb" / "people" / "everything").symlink_to("/")
    (root / "kb" / "topics" / "loop").symlink_to(root / "kb")
    (root / "kb" / "misc").symlink_to("/")
    found = timed_lines(root)
    assert [line.split(":")[0] for line in found] == ["kb/misc", "kb/people/everything", "kb/topics/loop"]
    assert all("not a regular file (a symbolic link)" in line for line in found)


def test_a_symlinked_kind_folder_is_refused(root: Path) -> None:
    shutil.move(root / "kb" / "sources", root.parent / "sources")
    (root / "kb" / "sources").symlink_to(root.parent / "sources")
    found = lines(root)
    assert any(line.startswith("kb/sources:1:1: not a regular file (a symbolic link)") for line in found)
    assert all(line.startswith("kb/sources:") or "no source has the id" in line for line in found)


def test_the_knowledge_base_itself_may_not_be_a_link(tmp_path: Path) -> None:
    (tmp_path / "kb").symlink_to(MINI)
    records, _, problems = validate(tmp_path / "kb", tmp_path)
    assert not records
    assert [str(p) for p in problems] == [
        "kb:1:1: the knowledge base must be a folder of the repository, found a symbolic link"
    ]


def test_a_fifo_named_like_a_record_does_not_hang_make_check(root: Path) -> None:
    os.mkfifo(root / "kb" / "people" / "pipe.yml")
    os.mkfifo(root / "kb" / "stray-pipe")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "kbsite", "check"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "kb/people/pipe.yml:1:1: not a regular file (a FIFO): records must be plain files in the repository; "
        "replace it with the record's own text",
        "kb/stray-pipe:1:1: not a regular file (a FIFO): records must be plain files in the repository; "
        "replace it with the record's own text",
    ]


def test_a_folder_named_like_a_record_is_a_problem_not_a_walk(root: Path) -> None:
    write(root, "kb/people/folder.yml/inner.yml", person("inner"))
    assert lines(root) == [
        "kb/people/folder.yml:1:1: not a regular file (a folder): records must be plain files "
        "in the repository; replace it with the record's own text"
    ]


def test_folders_nested_thousands_deep_are_reported_not_recursed(root: Path) -> None:
    top = deep = str(root / "kb" / "people")
    try:
        for _ in range(1_200):  # os.makedirs and Path.mkdir(parents=True) recurse themselves
            deep += "/a"
            os.mkdir(deep)
        Path(deep, "x.yml").write_text(person("x"), encoding="utf-8")
        found = timed_lines(root)
    finally:  # and so does the clean-up of the temp folder (shutil.rmtree): undo it here, level by level
        if os.path.exists(os.path.join(deep, "x.yml")):
            os.unlink(os.path.join(deep, "x.yml"))
        while deep != top:
            if os.path.isdir(deep):
                os.rmdir(deep)
            deep = os.path.dirname(deep)
    assert len(found) == 1 and found[0].startswith("kb/people/a/a/a/") and "not in a record folder" in found[0]


def test_nothing_outside_kb_is_opened(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = root.parent / "outside"
    write(outside, "secret.yml", person("secret"))
    write(outside, "nested/deeper.yml", person("deeper"))
    (root / "kb" / "people" / "secret.yml").symlink_to(outside / "secret.yml")
    (root / "kb" / "people" / "nested").symlink_to(outside / "nested")
    (root / "kb" / "extra").symlink_to(outside)
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.path.realpath(file) if isinstance(file, (str, Path)) else str(file))
        return real_open(file, *args, **kwargs)

    def spy_os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.path.realpath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    found = lines(root)
    monkeypatch.undo()
    assert len(found) == 3
    assert [path for path in opened if path.startswith(str(outside.resolve()))] == []
    assert all(path.startswith(str((root / "kb").resolve())) for path in opened if path.endswith(".yml"))


# Stalls ------------------------------------------------------------------------------------------------------------


def test_60_kb_of_brackets_is_refused_at_once(root: Path) -> None:
    write(root, "kb/people/brackets.yml", person("brackets", summary="[" * 60_000))
    write(root, "kb/people/open.yml", person("open", summary="see [" * 1_000))
    found = timed_lines(root)
    assert found == [
        "kb/people/brackets.yml:3:1: summary: expected at most 8,000 characters of Markdown, found 60,000; "
        "split it or shorten it",
        "kb/people/open.yml:3:1: summary: 1,000 brackets or parentheses are never closed (at most 10); "
        "write \\[ or \\( for one that is text",
    ]


def test_249_kib_of_autolink_openings_is_checked_in_linear_time(root: Path) -> None:
    write(root, "kb/people/autolinks.yml", "notes: '" + "<a:" * (249 * 1024 // 3) + "'\n" + person("autolinks"))
    assert "notes: expected at most 8,000 characters" in timed_lines(root)[0]
    started = time.perf_counter()
    assert list(Markdown._LINK.finditer("<a:" * (249 * 1024 // 3))) == []
    assert time.perf_counter() - started < 0.5


ADVERSARIAL = [
    "<a:" * 80_000,
    "<http://" * 30_000,
    "](" * 100_000,
    "[" * 200_000,
    "[\n" * 100_000,
    "\n" * 200_000,
    " " * 200_000 + "x",
    "[a]:" + " " * 100_000 + "x y",
    "[a]: <" + "x" * 100_000,
    "a-" * 100_000 + "!",
    "1" * 200_000 + "x",
    "1." + "1" * 200_000 + "e",
    "2025-" * 40_000,
    "\\" * 200_000,
    "(" * 100_000 + "]" * 100_000,
]


@pytest.mark.parametrize("name", ["link scan", "prose budget", "id", "number", "date", "raw HTML"])
def test_no_regex_of_the_check_backtracks(name: str) -> None:
    """Every pattern the check and the prose path run over contributor text, against long adversarial strings."""
    from kbsite.render.text import prose_source
    from kbsite.types import DATE_PATTERN, ID_PATTERN, prose_budget
    from kbsite.yamlfile import _FLOAT, _INT

    run = {
        "link scan": lambda text: list(Markdown._LINK.finditer(text)),
        "prose budget": prose_budget,
        "id": lambda text: re.fullmatch(ID_PATTERN, text),
        "number": lambda text: (_INT.fullmatch(text), _FLOAT.fullmatch(text)),
        "date": lambda text: re.fullmatch(DATE_PATTERN, text),
        "raw HTML": prose_source,
    }[name]
    for text in ADVERSARIAL:
        started = time.perf_counter()
        run(text)
        assert time.perf_counter() - started < 0.5, (name, text[:12])


def test_the_worst_prose_the_check_accepts_renders_quickly(root: Path) -> None:
    """At the budget's edge (10 brackets left open, nesting 5 deep, 8,000 characters, 200 lines), one page renders
    in well under a second."""
    worst = "(((( [a](b) ))))" + "\n".join(["-", "a [b] (c) *d* _e_ `f` <g"] * 99)
    worst = worst + " x" * ((8_000 - len(worst) - 10) // 2) + "[" * 10
    assert len(worst) <= 8_000
    write(root, "kb/people/worst.yml", person("worst", summary=worst))
    kb = build(root / "kb", root)
    started = time.perf_counter()
    page = Site(kb).pages["people/worst.md"]
    assert time.perf_counter() - started < 3.0
    assert "a [b] (c)" in page.html


@pytest.mark.parametrize(
    "nested",
    [
        "notes:\n  " + "- " * 10_000 + "a\n",
        "notes: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "notes: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
    ],
)
def test_nesting_10000_deep_is_a_positioned_problem(root: Path, nested: str) -> None:
    write(root, "kb/people/deep.yml", nested + person("deep"))
    found = timed_lines(root)
    assert len(found) == 1 and found[0].startswith("kb/people/deep.yml:")
    assert "nest more than 24 levels" in found[0] or "maximum nesting depth" in found[0]


# Tracebacks after a clean check ------------------------------------------------------------------------------------


MEETING = (MINI / "meetings" / "first-round.yml").read_text(encoding="utf-8")
AGREEMENT = (MINI / "agreements" / "us-japan-deal.yml").read_text(encoding="utf-8")
MEASURE = (MINI / "measures" / "us-autos-25.yml").read_text(encoding="utf-8")


def test_an_integer_of_thousands_of_digits_is_a_problem(root: Path) -> None:
    write(
        root,
        "kb/meetings/first-round.yml",
        re.sub(r"(?m)^round: .*$", "round: " + "9" * 5_000, MEETING)
        if "round:" in MEETING
        else MEETING + "round: " + "9" * 5_000 + "\n",
    )
    found = lines(root)
    assert len(found) == 1 and "round: a number of 5,000 digits is not allowed (at most 30)" in found[0]


def test_a_number_too_large_for_a_float_is_a_problem(root: Path) -> None:
    write(root, "kb/measures/us-autos-25.yml", MEASURE.replace("percent: 25", "percent: 1e400"))
    found = lines(root)
    assert found == [
        "kb/measures/us-autos-25.yml:13:17: rate.percent: 1e400 is too large to be a number (it reads as infinity)"
    ]


def test_amounts_and_counts_have_ranges(root: Path) -> None:
    write(root, "kb/agreements/us-japan-deal.yml", AGREEMENT.replace("amount: 550", "amount: 1.0e+300"))
    write(root, "kb/meetings/first-round.yml", MEETING + "duration_minutes: 99999999\n")
    found = lines(root)
    assert any("commitments.0.amount: input should be less than or equal to 1000000000000000" in line for line in found)
    assert any("duration_minutes: input should be less than or equal to 44640" in line for line in found)


def test_kb_json_is_json_for_any_accepted_number(root: Path) -> None:
    write(root, "kb/agreements/us-japan-deal.yml", AGREEMENT.replace("amount: 550", "amount: 999999999999999"))
    write(root, "kb/measures/us-autos-25.yml", MEASURE.replace("percent: 25", "percent: 0.000000000000000001"))
    text = kb_json(build(root / "kb", root))

    def refuse(constant: str) -> None:
        raise AssertionError(f"kb.json holds {constant}, which is not JSON")

    json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("year", ["0000", "9999", "1899", "2101"])
def test_years_the_knowledge_base_cannot_mean_are_problems(root: Path, year: str) -> None:
    event = (MINI / "events" / "talks-announced.yml").read_text(encoding="utf-8")
    write(root, "kb/events/talks-announced.yml", event.replace("date: 2025-04-16", f"date: {year}-01-01"))
    assert lines(root) == [
        f"kb/events/talks-announced.yml:3:1: date: '{year}-01-01' is not a year the knowledge "
        "base can mean: expected 1900 to 2100"
    ]


def test_the_extreme_years_accepted_still_build(root: Path) -> None:
    event = (MINI / "events" / "talks-announced.yml").read_text(encoding="utf-8")
    write(root, "kb/events/talks-announced.yml", event.replace("date: 2025-04-16", "date: 2100-12-31"))
    write(
        root,
        "kb/events/early.yml",
        event.replace("talks-announced", "early").replace("date: 2025-04-16", "date: 1900-01-01"),
    )
    kb = build(root / "kb", root)
    files = Site(kb).files
    assert "DTEND;VALUE=DATE:21010101" in files["data/timeline.ics"]
    ET.fromstring(files["data/timeline.atom"])


def test_the_longest_names_accepted_still_build(root: Path) -> None:
    """A name of 2,000 characters passed the check, then broke the build where names become one pattern."""
    write(root, "kb/people/long.yml", person("long", "a " * 999 + "b", summary="a " * 3_000))
    write(
        root,
        "kb/glossary/long-term.yml",
        "id: long-term\nname: " + "x" * 2_000 + "\ndefinition: A term of "
        "great length.\nscope: general\nsources: [reuters-2025-04-16]\nconfidence: high\n",
    )
    kb = build(root / "kb", root)
    started = time.perf_counter()
    assert "people/long.md" in Site(kb).pages
    assert time.perf_counter() - started < 10


# Silent hijacking --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("record_id", ["index", "con", "nul", "aux", "com1", "lpt9"])
def test_ids_the_site_or_windows_keeps_are_refused(root: Path, record_id: str) -> None:
    write(root, f"kb/people/{record_id}.yml", person(record_id))
    found = lines(root)
    assert len(found) == 1 and found[0].startswith(f"kb/people/{record_id}.yml:1:1: the id '{record_id}' is ")
    assert "reserved" in found[0] or "device name on Windows" in found[0]


def _served(src_uri: str, directory_urls: bool) -> str:
    """The file a page or file becomes in site/."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not directory_urls:
        return stem + ".html"
    return stem + ".html" if stem == "index" or stem.endswith("/index") else stem + "/index.html"
    # index.md -> index.html; people/x.md -> people/x/index.html


def test_every_generated_path_is_unique_and_portable(root: Path) -> None:
    """A synthetic knowledge base whose ids press on every way two inputs could meet in one output: ids that are
    prefixes of each other, ids equal to another kind's folder, ids like file names the site writes itself."""
    for record_id in (
        "people",
        "glossary",
        "data",
        "tariffs",
        "kb",
        "assets",
        "search",
        "sitemap",
        "a",
        "a-b",
        "a-b-c",
    ):
        write(root, f"kb/people/{record_id}.yml", person(record_id, f"Person {record_id}"))
        write(
            root,
            f"kb/organizations/org-{record_id}.yml",
            f"id: org-{record_id}\nname: Org {record_id}\ntype: agency\n"
            "sources: [reuters-2025-04-16]\nconfidence: high\n",
        )
    kb = build(root / "kb", root)
    devices = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
    for directory_urls in (True, False):
        outputs = Site(kb, directory_urls=directory_urls).outputs
        served = [_served(uri, directory_urls) for uri in outputs]
        folded = [path.casefold() for path in served]
        assert len(set(folded)) == len(folded), sorted(p for p in folded if folded.count(p) > 1)
        for path in served:
            assert not any(part.split(".")[0] in devices for part in path.split("/")), path
        for record in kb.records.values():  # each record has a page of its own, which nothing else writes
            assert f"{record.plural}/{record.id}.md" in outputs


# Text that deceives or breaks other tools --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('"tariff \\u202E%51"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("tariff\u200b15%", "U+200B (ZERO WIDTH SPACE)"),
        ('"Bell\\a"', "U+0007"),
        ('"carriage\\rreturn"', "U+000D"),
        ('"escape\\e[31m"', "U+001B"),
        ('"\\x85next"', "U+0085"),
        ('"isolate\\u2067x"', "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
        ('"not xml\\uFFFE"', "U+FFFE"),
    ],
)
def test_hidden_and_control_characters_are_refused_by_code_point(root: Path, text: str, shown: str) -> None:
    write(root, "kb/people/sneaky.yml", f"id: sneaky\nname: {text}\nsources: [reuters-2025-04-16]\nconfidence: high\n")
    found = lines(root)
    assert len(found) == 1 and found[0].startswith("kb/people/sneaky.yml:2:7: name: the character ")
    assert shown in found[0] and "remove it" in found[0]


def test_tabs_and_newlines_stay_allowed_where_text_runs_on(root: Path) -> None:
    write(
        root,
        "kb/people/prose.yml",
        "id: prose\nname: Prose Writer\nsummary: |\n  One line.\n\n  Another,\tafter a tab.\n"
        "sources: [reuters-2025-04-16]\nconfidence: high\n",
    )
    assert lines(root) == []


AWKWARD = "Q&A <script>alert(1)</script> ]]> \"quoted\" 'single' © 日本 😀 &amp; &#x27; \\ {{ x }} \t tab"
"""Everything a title may hold that an XML or HTML writer must escape."""


def test_xml_outputs_are_valid_xml_for_any_accepted_text(root: Path) -> None:
    accepted = AWKWARD
    event = (MINI / "events" / "talks-announced.yml").read_text(encoding="utf-8")
    write(
        root,
        "kb/events/talks-announced.yml",
        event.replace("title: Trump says he will join the talks", f"title: {json.dumps(accepted, ensure_ascii=False)}"),
    )
    kb = build(root / "kb", root)
    feed = ET.fromstring(timeline_atom(kb))
    titles = [element.text for element in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert " ".join(accepted.split()) in [" ".join((t or "").split()) for t in titles]
    for uri, text in Site(kb).files.items():
        if uri.endswith((".svg", ".atom", ".xml")):
            ET.fromstring(text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_tooltips_never_split_an_entity_or_a_tag(root: Path) -> None:
    write(
        root,
        "kb/glossary/ampersand.yml",
        "id: ampersand\nname: ampersand sign\naliases: [amp, lt, quot, '39', nbsp]\n"
        "definition: The sign written as an and, in names such as AT&T.\nscope: general\n"
        "sources: [reuters-2025-04-16]\nconfidence: high\n",
    )
    write(
        root, "kb/people/att.yml", person("att", 'AT&T "Q" <Lt> O\'Neil', summary='AT&T said amp & lt < gt > "quot".')
    )
    kb = build(root / "kb", root)
    html = Site(kb).pages["people/att.md"].html
    assert not re.search(r"&<|&(?:amp|lt|quot|#39)<|<abbr[^>]*>(?:amp|lt|quot|39)</abbr>;", html)
    parser = _Text()
    parser.feed(html)
    shown = "".join(parser.parts)
    assert 'AT&T "Q" <Lt> O\'Neil' in shown and 'AT&T said amp & lt < gt > "quot".' in shown
    assert "&amp;" not in shown and "&lt;" not in shown


def test_auto_links_never_split_an_entity(root: Path) -> None:
    """Record names are linked in prose before Markdown runs, where '<' is already '&lt;': an alias 'lt' or 'amp'
    must not link inside it."""
    write(root, "kb/people/lt.yml", person("lt", "Lt Person").replace("summary:", "aliases: [lt, amp, gt]\nsummary:"))
    write(
        root, "kb/people/writer.yml", person("writer", "Writer", summary="If a < b **and** AT&amp;T &gt; c, lt wins.")
    )
    kb = build(root / "kb", root)
    html = Site(kb).pages["people/writer.md"].html
    parser = _Text()
    parser.feed(html)
    shown = "".join(parser.parts)
    assert "If a < b and AT&T > c, lt wins." in shown
    assert html.count("/lt/") == 1, html  # the one real mention, "lt wins"


def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised(root: Path) -> None:
    for index, name in enumerate(['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "Plain"]):
        write(root, f"kb/people/p{index}.yml", person(f"p{index}", name))
    kb = build(root / "kb", root)
    rows = list(csv.DictReader(io.StringIO(kind_csv(kb, "person"))))
    names = {row["id"]: row["name"] for row in rows}
    assert names["p0"] == '\'=HYPERLINK("http://x","y")' and names["p1"] == "'+1+1" and names["p2"] == "'-2+3"
    assert names["p3"] == "'@SUM(A1)" and names["p4"] == "'\tTab" and names["p5"] == "Plain"
    for kind in KINDS:
        for row in csv.reader(io.StringIO(kind_csv(kb, kind))):
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), row


def test_github_annotations_escape_the_path(root: Path) -> None:
    name = "a,line=9::oops%0A\n::warning file=x::forged.yml"
    write(root, f"kb/people/{name}", person("x"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "kbsite", "check"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert len(out) == 1
    properties = out[0][len("::error ") : out[0].index("::", 2)]  # the runner reads them up to the first "::"
    assert properties.split(",") == [
        "file=kb/people/a%2Cline=9%3A%3Aoops%250A\\n%3A%3Awarning file=x%3A%3Aforged.yml",
        "line=1",
        "col=1",
    ]


def test_the_terminal_never_gets_raw_control_characters(root: Path) -> None:
    write(root, "kb/people/\x1b[2J\x1b]0;pwned\x07\rok.yml", person("ok"))
    write(root, "kb/people/bad-key.yml", '"\\e[31mred": 1\n' + person("bad-key"))
    (root / "kb" / "people" / os.fsdecode(b"not-utf8-\xe8.yml")).write_text(person("x"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "kbsite", "check"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout + result.stderr)
    assert "kb/people/\\x1b[2J\\x1b]0;pwned\\x07\\rok.yml:1:1:" in result.stdout


# Cycles ------------------------------------------------------------------------------------------------------------


def measure(record_id: str, supersedes: list[str]) -> str:
    return MEASURE.replace("id: us-autos-25", f"id: {record_id}") + f"supersedes: [{', '.join(supersedes)}]\n"


def test_a_measure_that_supersedes_itself(root: Path) -> None:
    write(root, "kb/measures/us-autos-25.yml", measure("us-autos-25", ["us-autos-25"]))
    assert lines(root) == [
        "kb/measures/us-autos-25.yml:20:14: supersedes.0: us-autos-25 -> us-autos-25: a cycle; "
        "no measure can reach itself through supersedes, directly or through others"
    ]


def test_measures_that_supersede_each_other_are_one_problem(root: Path) -> None:
    write(root, "kb/measures/a.yml", measure("a", ["b"]))
    write(root, "kb/measures/b.yml", measure("b", ["c", "us-autos-25"]))
    write(root, "kb/measures/c.yml", measure("c", ["a"]))
    write(root, "kb/measures/d.yml", measure("d", ["a"]))  # points into the cycle, is not part of it
    assert lines(root) == [
        "kb/measures/a.yml:20:14: supersedes.0: a -> b -> c -> a: a cycle; no measure can reach "
        "itself through supersedes, directly or through others"
    ]


def test_an_organization_that_is_its_own_parent(root: Path) -> None:
    org = (MINI / "organizations" / "us-treasury.yml").read_text(encoding="utf-8")
    write(root, "kb/organizations/us-treasury.yml", org + "parent: us-treasury\n")
    found = lines(root)
    assert found == [
        "kb/organizations/us-treasury.yml:8:1: parent: us-treasury -> us-treasury: a cycle; no "
        "organization can reach itself through parent, directly or through others"
    ]


def test_a_long_chain_is_no_cycle_and_costs_no_stack(root: Path) -> None:
    for index in range(3_000):
        write(root, f"kb/measures/m{index}.yml", measure(f"m{index}", [f"m{index + 1}"] if index < 2_999 else []))
    assert timed_lines(root, budget=20) == []
