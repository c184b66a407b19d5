"""The open-data exports: deterministic, and each one read back by a library made for its format."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import posixpath
import re
import subprocess
import sys
from datetime import date

import feedparser
import icalendar
import jsonschema
import pytest

from conftest import KB, ROOT
from kbsite import KnowledgeBase, build
from kbsite.models import KINDS
from kbsite.render.exports import MEASURE_COLUMNS, exports, fold, ics_text
from kbsite.schemas import schema_texts


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build(KB)


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, str]:
    return exports(kb)


def test_the_files(files: dict[str, str]) -> None:
    expected = {
        "data/kb.json",
        "data/timeline.ics",
        "data/timeline.atom",
        "data/index.md",
        "data/tariff-rates.csv",
        "data/tariff-rates.json",
    }
    expected |= {f"data/{model.plural}.csv" for model in KINDS.values()}
    assert set(files) == expected
    assert list(files) == sorted(files)


def test_deterministic(kb: KnowledgeBase, files: dict[str, str]) -> None:
    assert exports(kb) == files
    assert exports(build(KB)) == files


_DIGEST = (
    "import hashlib, json, pathlib, kbsite; from kbsite.render.exports import exports; "
    "print(hashlib.sha256(json.dumps(exports(kbsite.build(pathlib.Path(r'{kb}')))).encode()).hexdigest())"
)


def test_deterministic_across_processes(files: dict[str, str]) -> None:
    """Set and dict orders differ between interpreters with other hash seeds; the bytes must not."""
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "hooks")}
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST.format(kb=KB)], env=env, capture_output=True, text=True, check=True
        )
        digests.add(result.stdout.strip())
    assert digests == {hashlib.sha256(json.dumps(files).encode()).hexdigest()}


def test_json_records_match_their_schemas(kb: KnowledgeBase, files: dict[str, str]) -> None:
    data = json.loads(files["data/kb.json"])
    assert data["counts"] == kb.counts()
    published = {f"schemas/{name}" for name in schema_texts()}
    schemas = {name.removesuffix(".schema.json"): json.loads(text) for name, text in schema_texts().items()}
    for kind, records in data["kinds"].items():
        assert posixpath.normpath(posixpath.join("data", data["schemas"][kind])) in published
        assert len(records) == kb.counts()[kind]
        assert [record["id"] for record in records] == sorted(record["id"] for record in records)
        validator_class = jsonschema.validators.validator_for(schemas[kind])
        validator_class.check_schema(schemas[kind])
        validator = validator_class(schemas[kind], format_checker=validator_class.FORMAT_CHECKER)
        for record in records:
            errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(record)]
            assert not errors, f"{kind} {record['id']}: {errors}"


def test_json_schema_rejects_a_broken_record(files: dict[str, str]) -> None:
    """The check above has teeth: the published schemas forbid what the records must not have."""
    person = json.loads(files["data/kb.json"])["kinds"]["person"][0]
    schema = json.loads(schema_texts()["person.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**person, "unknown_field": 1}, schema)


def test_csv_has_a_row_per_record(kb: KnowledgeBase, files: dict[str, str]) -> None:
    for kind, model in KINDS.items():
        text = files[f"data/{model.plural}.csv"]
        assert "\r" not in text  # lineterminator "\n", and the records hold no carriage returns
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == kb.counts()[kind]
        header = next(csv.reader(io.StringIO(text, newline="")))
        assert header == list(model.model_fields) + (list(MEASURE_COLUMNS) if kind == "measure" else [])
        assert [row["id"] for row in rows] == sorted(record.id for record in kb.by_kind[kind])


def test_csv_flattens_measures(kb: KnowledgeBase, files: dict[str, str]) -> None:
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(files["data/measures.csv"], newline=""))}
    for measure in kb.by_kind["measure"]:
        row = rows[measure.id]
        assert row["status"] == measure.status
        assert json.loads(row["status_history"])[0]["date"] == str(measure.status_history[0].date)
        assert row["target_ids"] == ("*" if measure.all_countries else "; ".join(measure.targets))
        if measure.rate:
            assert float(row["rate_percent"]) == measure.rate.percent
            assert row["rate_application"] == measure.rate.application
        in_force = measure.first("in-force")
        assert row["in_force_from"] == (str(in_force.date) if in_force else "")
        assert row["sources"].startswith("[{") and json.loads(row["sources"])[0]["source"] == measure.sources[0].source


def test_ics_has_an_event_per_entry(kb: KnowledgeBase, files: dict[str, str]) -> None:
    text = files["data/timeline.ics"]
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == len(kb.timeline)
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert [str(event["SUMMARY"]) for event in events] == [entry.text for entry in kb.timeline]
    latest = max(entry.date.earliest for entry in kb.timeline)
    for event, entry in zip(events, kb.timeline):
        start = event.decoded("DTSTART")
        assert type(start) is date and start == entry.date.earliest
        assert event.decoded("DTEND") > start
        assert event.decoded("DTSTAMP").date() == latest
        assert str(event["UID"]) == f"{entry.record_id}-{entry.sequence}@kbsite"
        if entry.date.precision != "day":
            assert f"only the {entry.date.precision}" in str(event["DESCRIPTION"])


def test_ics_escapes_and_folds() -> None:
    value = 'Tariffs, 15%; "floor"\\ and\nmore ' + "赤澤" * 40
    line = fold(f"SUMMARY:{ics_text(value)}")
    assert all(len(part.encode("utf-8")) <= 75 for part in line.split("\r\n"))
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    assert str(event["SUMMARY"]) == value


def test_atom_has_an_entry_per_timeline_entry(kb: KnowledgeBase, files: dict[str, str]) -> None:
    feed = feedparser.parse(files["data/timeline.atom"].encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(kb.timeline)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    newest_first = list(reversed(kb.timeline))
    assert [entry.title for entry in feed.entries] == [entry.text for entry in newest_first]
    assert feed.feed.updated == f"{max(e.date.earliest for e in kb.timeline).isoformat()}T00:00:00Z"
    days = [entry.updated for entry in feed.entries]
    assert days == sorted(days, reverse=True)
    for parsed, entry in zip(feed.entries, newest_first):
        record = kb[entry.record_id]
        assert parsed.link == f"../{record.plural}/{record.id}/"
        assert parsed.id.startswith("tag:kbsite,2025:timeline/")
        assert parsed.summary


def test_atom_links_follow_the_url_style(kb: KnowledgeBase) -> None:
    feed = feedparser.parse(exports(kb, directory_urls=False)["data/timeline.atom"].encode("utf-8"))
    record = kb[feed.entries[0].id.split("/")[1]]
    assert feed.entries[0].link == f"../{record.plural}/{record.id}.html"


def test_index_page_links_every_export(kb: KnowledgeBase, files: dict[str, str]) -> None:
    page = files["data/index.md"]
    links = set(re.findall(r"\]\(([^)]+)\)", page))
    # written by the renderer with the lookup page (render/lookup.py)
    rendered = {"data/tariff-lines.csv", "data/tariff-lines.csv.gz"}
    assert {f"data/{link}" for link in links if "/" not in link} - rendered == set(files) - {"data/index.md"}
    assert "../schemas/index.md" in links
    for model in KINDS.values():
        assert f"[{model.plural}.csv]({model.plural}.csv)" in page
    assert f"All {len(kb.records)} records" in page
