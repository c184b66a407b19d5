"""Duties by tariff line: reference cases on real HTS-10 lines, read back from tariff-lines.csv of a real build
(not recomputed), and the lookup page's data file agreeing with tariff-lines.csv and with tariff-rates.csv.

A case gives a line, an origin, a day, and the row expected on that day: (beyond MFN, all-in, measures), None
for an empty cell, or NO_ROW where no measure has applied yet (the line pays its MFN rate only). Once a measure
has applied, a day on which none does is a row of its own, with no measures and nothing beyond MFN."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Project

NO_ROW = "no row"

LATER = "0106120100"  # on the IEEPA exemption list (its row 3), not in the line descriptions (a later revision)
BEEF = "0201100510"
CAR, TRUCK, PART = "8703230110", "8704210100", "8708911000"
MEDICINE, AIRCRAFT_STEEL, STEEL, COFFEE, TOYS = "3004101010", "7301100000", "7301201000", "0901110045", "9503000090"

CASES = [
    # Passenger car (8703.23, MFN 2.5%): Proclamation 10908 adds 25% from 3 April 2025; the Commerce notice of 16
    # September 2025 (90 FR 44638, 9903.94.41) makes Japanese cars 15% all-in (trade-facts.md, 2025-09-15/16 row).
    ("japan", CAR, "2025-04-02", NO_ROW),
    ("japan", CAR, "2025-04-03", (25, 27.5, "us-s232-autos-25")),
    ("japan", CAR, "2025-09-16", (12.5, 15, "us-s232-autos-japan-15-floor")),
    # The EU's 15% all-in rate on cars from 1 August 2025, applied retroactively (trade-facts-2026.md, section 1).
    ("european-union", CAR, "2025-08-01", (12.5, 15, "us-s232-autos-eu-15-floor")),
    # Light truck (8704.21, MFN 25%, the "chicken tax"): 50% under Proclamation 10908, then 25% once the 15% all-in
    # rate applies, which adds nothing to it (trade-facts-2026.md, section 1; 9903.94.40).
    ("japan", TRUCK, "2025-04-03", (25, 50, "us-s232-autos-25")),
    ("japan", TRUCK, "2025-09-16", (0, 25, "us-s232-autos-japan-15-floor")),
    # An auto part of the Section 232 list (8708.91.10, radiators): the baseline 10% until the auto-parts tariff of
    # 3 May 2025 (Proclamation 10908), then 15% all-in for Japan from 16 September 2025; its MFN rate varies by line.
    ("japan", PART, "2025-05-02", (10, None, "us-ieepa-baseline-10")),
    ("japan", PART, "2025-05-03", (25, None, "us-s232-auto-parts-25")),
    ("japan", PART, "2025-09-16", (None, None, "us-s232-autos-japan-15-floor")),
    # A medicine of chapter 30 on the EO 14257 Annex II list: exempt from the baseline and reciprocal tariffs
    # (EO 14257 Annex II; trade-facts-2026.md C5) and from Section 122 (Proclamation 11012's exemption annex).
    ("japan", MEDICINE, "2025-05-01", NO_ROW),
    ("european-union", MEDICINE, "2025-10-01", NO_ROW),
    ("japan", MEDICINE, "2026-03-01", NO_ROW),
    # A civil aircraft article from Japan (7301.10, on the 9903.96.02 list): the 50% Section 232 steel duty until
    # the Commerce notice of 16 September 2025 freed Japan's civil aircraft from the reciprocal and Section 232
    # metals tariffs (trade-facts.md, 9903.96.02 row); the same line from the EU still pays 50%.
    ("japan", AIRCRAFT_STEEL, "2025-09-15", (50, None, "us-s232-steel-aluminium-50")),
    ("japan", AIRCRAFT_STEEL, "2025-09-16", (0, None, "")),
    ("european-union", AIRCRAFT_STEEL, "2025-09-16", (50, None, "us-s232-steel-aluminium-50")),
    # A steel product (7301.20.10, annex 1a of April 2026): 25% until the 50% rate of 4 June 2025, then the April
    # 2026 metals regime at 50% from 6 April 2026 (trade-facts-2026.md C2 and C9). Japan paid it from 2018.
    ("japan", STEEL, "2018-03-23", (25, None, "us-s232-steel-2018")),
    ("japan", STEEL, "2025-06-03", (25, None, "us-s232-steel-aluminium-25")),
    ("japan", STEEL, "2025-06-04", (50, None, "us-s232-steel-aluminium-50")),
    ("japan", STEEL, "2026-04-05", (50, None, "us-s232-steel-aluminium-50")),
    ("japan", STEEL, "2026-04-06", (50, None, "us-s232-metals-2026")),
    # A line on the Section 122 exemption list (coffee, 0901.11.00.45): no surcharge from 24 February 2026, where an
    # ordinary line (toys, 9503.00.00.90) pays the 10% on top of MFN (Proclamation 11012).
    ("japan", COFFEE, "2026-03-01", (0, None, "")),
    ("japan", TOYS, "2026-03-01", (10, None, "us-s122-surcharge-10")),
    # An ordinary line paying the 15% all-in floor of EO 14345 (90 FR 43535): the MFN rate varies by line, so
    # neither column is one number; the measure names the floor.
    ("japan", TOYS, "2025-10-01", (None, None, "us-ieepa-reciprocal-japan-15-floor")),
    ("japan", TOYS, "2025-04-05", (10, None, "us-ieepa-baseline-10")),
    # A code of the IEEPA exemption list (EO 14257 Annex II as amended) that the line descriptions do not have:
    # still exempt from the IEEPA tariffs, and paying the Section 122 surcharge, whose list does not name it.
    ("japan", LATER, "2025-05-01", NO_ROW),
    ("japan", LATER, "2025-10-01", NO_ROW),
    ("japan", LATER, "2026-03-01", (10, None, "us-s122-surcharge-10")),
    # Beef (0201.10.05.10, on the amended Annex II list, also a code the descriptions lack): the farm-goods order
    # of 14 November 2025 exempts it from 13 November 2025 (trade-facts-2026.md, 2025-11-13 row), the date its
    # category records, not the list's; before, the 15% floor adds nothing to its 26.4% over-quota MFN (C3).
    ("japan", BEEF, "2025-10-01", (0, 26.4, "us-ieepa-reciprocal-japan-15-floor")),
    ("japan", BEEF, "2025-11-13", (0, 26.4, "")),
]

WANTED = {line for _, line, _, _ in CASES}


@pytest.fixture(scope="module")
def lines(real_site: Project) -> dict[tuple[str, str], list[dict[str, str]]]:
    """The rows of tariff-lines.csv, by origin and line."""
    found: dict[tuple[str, str], list[dict[str, str]]] = {}
    with (real_site.site / "data" / "tariff-lines.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            found.setdefault((row["jurisdiction"], row["hts10"]), []).append(row)
    return found


def on(rows: list[dict[str, str]], day: str) -> dict[str, str] | None:
    return next((r for r in rows if r["from"] <= day and (not r["until"] or day < r["until"])), None)


def number(cell: str) -> float | None:
    return float(cell) if cell else None


@pytest.mark.parametrize(("jurisdiction", "line", "day", "expected"), CASES)
def test_reference_case(lines: dict, jurisdiction: str, line: str, day: str, expected: object) -> None:
    row = on(lines.get((jurisdiction, line), []), day)
    if expected == NO_ROW:
        assert row is None, row
        return
    assert row is not None, f"no row for {line} from {jurisdiction} on {day}"
    beyond, all_in, measures = expected  # type: ignore[misc]
    assert (number(row["beyond_mfn_percent"]), number(row["all_in_percent"]), row["measures"]) == (
        beyond,
        all_in,
        measures,
    )


def test_the_line_table_has_the_published_header(real_site: Project) -> None:
    with (real_site.site / "data" / "tariff-lines.csv").open(encoding="utf-8") as file:
        assert file.readline() == "jurisdiction,hts10,from,until,beyond_mfn_percent,all_in_percent,measures\n"
    data = (real_site.site / "data" / "index.html").read_text(encoding="utf-8")
    assert "tariff-lines.csv" in data and "beyond_mfn_percent" in data


def lookup_data(site: Path) -> dict:
    text = (site / "data" / "tariff-lines.js").read_text(encoding="utf-8")
    prefix = "window.KB_TARIFF_LINES="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def test_the_lookup_data_agrees_with_both_tables(real_site: Project, lines: dict) -> None:
    """For a sample of lines, the page's data gives the rows of tariff-lines.csv; for lines that no list singles
    out, those are the rows of their category in tariff-rates.csv."""
    data = lookup_data(real_site.site)
    with (real_site.site / "data" / "tariff-rates.csv").open(encoding="utf-8", newline="") as file:
        rates: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in csv.DictReader(file):
            rates.setdefault((row["jurisdiction"], row["category"]), []).append(row)
    codes = [data["codes"][i : i + 10] for i in range(0, len(data["codes"]), 10)]
    assert len(codes) == len(data["group"]) == len(data["descriptions"]) > 18000
    groups = list(data["group"])
    for code, group in data["later"]:  # the list codes the descriptions lack, looked up as they stand
        if len(code) == 10:
            codes.append(code)
            groups.append(group)
    sample = sorted(set(range(0, len(codes), 250)) | {codes.index(line) for line in WANTED})
    compared = 0
    for index in sample:
        group = data["groups"][groups[index]]
        for jurisdiction, history in group["by"].items():
            shown = [(iv[0], iv[1] or "", iv[2], iv[3], " ".join(iv[5])) for iv in history["h"]]
            published = [
                (r["from"], r["until"], number(r["beyond_mfn_percent"]), number(r["all_in_percent"]), r["measures"])
                for r in lines.get((jurisdiction, codes[index]), [])
            ]
            assert shown == published, codes[index]
            if not group["lists"]:
                category = [
                    (r["from"], r["until"], number(r["beyond_mfn_percent"]), r["measures"])
                    for r in rates.get((jurisdiction, group["product"]), [])
                ]
                assert [s[:3] + s[4:] for s in shown] == category, (codes[index], group["product"])
                compared += 1
    assert compared > 50


def test_list_codes_missing_from_the_descriptions_are_looked_up_as_they_stand(real_site: Project, lines: dict) -> None:
    """The IEEPA list's codes of a later revision have rows in tariff-lines.csv and answers in the lookup data;
    the Section 122 list's 8-digit codes of that revision are answered by the lookup and have no rows (the
    table's lines have ten digits)."""
    data = lookup_data(real_site.site)
    later = dict(data["later"])
    assert LATER in later and LATER not in data["codes"]
    assert "ieepa-exempt" in data["groups"][later[LATER]]["lists"]
    assert len([c for c in later if len(c) == 10]) == 882
    assert "s122-exempt" in data["groups"][later["02011005"]]["lists"]  # row 2 of the Section 122 list
    assert {len(code) for _, code in lines} == {10}
    assert ("japan", LATER) in lines and ("european-union", LATER) in lines
    page = (real_site.site / "tariffs" / "lookup" / "index.html").read_text(encoding="utf-8")
    assert "882 of 10 digits are not in the line descriptions" in page


def test_the_page_says_the_lists_carry_no_dates(real_site: Project) -> None:
    page = (real_site.site / "tariffs" / "lookup" / "index.html").read_text(encoding="utf-8")
    assert "No list gives the day each of its codes joined it" in page
    assert "from April 2025, although it paid them until the order that added it took effect" in page


def test_the_page_script_looks_up_under_node_as_the_bench_times_it(real_site: Project) -> None:
    """bench/lookup.py times docs/assets/lookup.js's own functions under Node: they find the lines a reader
    would (the seven lines of 8703.23, and an 8-digit list code with the lines typed under it)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("no node")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [
            node,
            str(root / "bench" / "lookup_node.js"),
            str(real_site.site / "data" / "tariff-lines.js"),
            str(root / "docs" / "assets" / "lookup.js"),
            "2",
            "870323|2025-09-20|japan",
            "0201.10.05.10|2026-03-01|japan",
            "passenger motor vehicles|2025-09-20|japan",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    measured = json.loads(done.stdout)
    assert measured["lines"] > 19000 and measured["load_ms"] > 0
    assert [item["matches"] for item in measured["lookups"][:2]] == [7, 2]
    assert measured["lookups"][2]["matches"] > 10


def test_the_line_table_is_published_gzipped_too(real_site: Project) -> None:
    """tariff-lines.csv.gz unpacks to tariff-lines.csv byte for byte, carries no timestamp or file name (the
    same bytes on every build), and the data page links both."""
    data = real_site.site / "data"
    packed = (data / "tariff-lines.csv.gz").read_bytes()
    table = (data / "tariff-lines.csv").read_bytes()
    assert gzip.decompress(packed) == table
    assert packed[:2] == b"\x1f\x8b" and packed[4:8] == b"\0\0\0\0" and not packed[3] & 0x08  # mtime 0, no name
    assert len(packed) < len(table) / 10
    page = (data / "index.html").read_text(encoding="utf-8")
    assert 'href="tariff-lines.csv.gz"' in page and 'href="tariff-lines.csv"' in page
