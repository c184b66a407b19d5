"""HTS lists as data: parsing and checking the list files, prefix matching, and what a line's lists do to its
duty (a list of covered lines, an exclusion that wins over a coverage, a deal partner's list that applies only
to its partner), on knowledge bases of the test's own."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml

from conftest import ROOT
from kbsite import KnowledgeBaseError, build
from kbsite.htslists import parse_list
from kbsite.tariffs import Tariffs
from test_tariffs import small_kb

LINES = """hs10,hs6_code,gtap_code,description
8708100000,870810,MVH,Parts : Bumpers
8708291000,870829,MVH,Parts : Bodies : Other
8802110000,880211,OTN,Aircraft : Helicopters
9503000000,950300,OMF,Toys : Other
"""


def parsed(text: str, column: str | None = "hts10") -> tuple[object, list]:
    problems: list = []
    found = parse_list("x", "X", "kb/lists/x.csv", text, column, {}, problems)
    return found, problems


def test_a_prefix_covers_every_line_under_it_and_dots_are_allowed() -> None:
    found, problems = parsed("hts10\n8708\n8802.11\n9503000000\n")
    assert problems == []
    assert found.covers("8708291000") and found.covers("8708100000")  # the 4-digit prefix
    assert found.covers("8802110000") and not found.covers("8802120000")  # 8802.11 written with its dot
    assert found.covers("9503000000") and not found.covers("9503000001")
    assert not found.covers("8709000000")


def test_malformed_codes_and_duplicates_are_positioned_problems() -> None:
    _, problems = parsed("hts10\n8708\n870\n12345678901\n87a8\n8708\n")
    shown = [str(p) for p in problems]
    assert shown == [
        "kb/lists/x.csv:3:1: '870' is not an HTS code: write 2, 4, 6, 8 or 10 digits (dots allowed, as in 8704.21)",
        "kb/lists/x.csv:4:1: '12345678901' is not an HTS code: write 2, 4, 6, 8 or 10 digits (dots allowed, as in 8704.21)",
        "kb/lists/x.csv:5:1: '87a8' is not an HTS code: write 2, 4, 6, 8 or 10 digits (dots allowed, as in 8704.21)",
        "kb/lists/x.csv:6:1: 8708 is already listed on line 2",
    ]


def test_a_text_list_and_a_filtered_csv() -> None:
    found, problems = parsed("8708\n\n9503000000\n", column=None)
    assert problems == [] and found.covers("8708100000") and found.covers("9503000000")
    problems = []
    text = (
        "hts8,category,country_group,ch99_code\n88021100,civil_aircraft,japan,9903.96.02\n95030000,toys,eu,9903.02.77\n"
    )
    japan = parse_list("j", "J", "kb/lists/j.csv", text, "hts8", {"country_group": "japan"}, problems)
    assert problems == [] and japan.covers("8802110000") and not japan.covers("9503000000")


def with_lists(kb: Path, lists: dict[str, tuple[str, dict]]) -> Path:
    """The small knowledge base with a kb/lists/ of the test's own: {id: (codes, extra spec)}."""
    folder = kb / "lists"
    folder.mkdir()
    (folder / "lines.csv").write_text(LINES, encoding="utf-8")
    specs = {}
    for list_id, (codes, extra) in lists.items():
        (folder / f"{list_id}.txt").write_text(codes, encoding="utf-8")
        specs[list_id] = {"title": list_id, "file": f"{list_id}.txt", "sources": ["reuters-2025-04-16"], **extra}
    manifest = {
        "revised": "2026-05-11",
        "lists": specs,
        "lines": {
            "file": "lines.csv",
            "column": "hs10",
            "description": "description",
            "sources": ["reuters-2025-04-16"],
        },
    }
    (folder / "lists.yml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return kb


PARTS = {"parts": {"name": "Parts", "parent": "all-goods", "hs_codes": ["8708"]}}


def test_a_list_covers_lines_and_an_exclusion_wins_over_a_coverage(tmp_path: Path) -> None:
    kb = build(
        with_lists(
            small_kb(
                tmp_path,
                {
                    "parts-232": {
                        "authority": "section-232",
                        "rate": {"percent": 25, "application": "additive"},
                        "products": {
                            "description": "Listed parts",
                            "categories": ["parts"],
                            "lists": ["listed"],
                            "excluded_lists": ["excluded"],
                        },
                    },
                },
                PARTS,
            ),
            {"listed": ("9503\n", {}), "excluded": ("8708291000\n", {})},
        )
    )
    tariffs = Tariffs(kb)
    day = date(2025, 2, 1)
    assert tariffs.category_of("8708100000") == "parts" and tariffs.category_of("9503000000") == "all-goods"
    bumpers = tariffs.duty("japan", "parts", day, lists=tariffs.line_lists("8708100000"))
    assert bumpers.measure_ids == ("parts-232",)  # by its category
    toys = tariffs.duty("japan", "all-goods", day, lists=tariffs.line_lists("9503000000"))
    assert toys.measure_ids == ("parts-232",)  # by the list of covered lines
    bodies = tariffs.duty("japan", "parts", day, lists=tariffs.line_lists("8708291000"))
    assert bodies.measure_ids == ()  # excluded, though its category is covered
    assert tariffs.duty("japan", "parts", day).measure_ids == ("parts-232",)  # the category as a whole


def test_a_deal_partners_list_applies_only_to_its_partner(tmp_path: Path) -> None:
    kb = build(
        with_lists(
            small_kb(
                tmp_path,
                {
                    "reciprocal": {
                        "all_countries": True,
                        "targets": [],
                        "rate": {"percent": 15, "application": "floor"},
                        "exemptions": [
                            {
                                "lists": ["aircraft"],
                                "origins": ["japan"],
                                "start": "2025-09-16",
                                "basis": "Civil aircraft (9903.96.02)",
                            }
                        ],
                    },
                },
            ),
            {"aircraft": ("88021100\n", {})},
        )
    )
    tariffs = Tariffs(kb)
    on = tariffs.line_lists("8802110000")
    assert on == {"aircraft"}
    assert tariffs.duty("japan", "all-goods", date(2025, 9, 15), lists=on).measure_ids == ("reciprocal",)
    japan = tariffs.duty("japan", "all-goods", date(2025, 9, 16), lists=on)
    assert japan.measure_ids == () and japan.not_applied[0].reason == "exempt: Civil aircraft (9903.96.02)"
    assert tariffs.duty("south-korea", "all-goods", date(2025, 9, 16), lists=on).measure_ids == ("reciprocal",)
    assert tariffs.duty("japan", "all-goods", date(2025, 9, 16)).measure_ids == ("reciprocal",)  # lines off the list


def test_a_category_exemption_speaks_for_its_lines_over_a_list(tmp_path: Path) -> None:
    """A line on an exemption list whose category has a dated exemption of its own follows the category."""
    kb = build(
        with_lists(
            small_kb(
                tmp_path,
                {
                    "baseline": {
                        "exemptions": [
                            {"lists": ["annex"], "basis": "Annex"},
                            {"products": ["parts"], "start": "2025-11-13", "basis": "Later order"},
                        ]
                    },
                },
                PARTS,
            ),
            {"annex": ("8708\n9503\n", {})},
        )
    )
    tariffs = Tariffs(kb)
    parts = tariffs.line_lists("8708100000")
    assert tariffs.duty("japan", "parts", date(2025, 6, 1), lists=parts).measure_ids == ("baseline",)
    assert tariffs.duty("japan", "parts", date(2025, 11, 13), lists=parts).measure_ids == ()
    assert (
        tariffs.duty("japan", "all-goods", date(2025, 6, 1), lists=tariffs.line_lists("9503000000")).measure_ids == ()
    )


def test_a_typo_in_a_list_id_and_a_bad_code_fail_the_check(tmp_path: Path) -> None:
    kb = with_lists(
        small_kb(
            tmp_path,
            {
                "reciprocal": {"exemptions": [{"lists": ["aircraf"], "basis": "Civil aircraft"}]},
            },
        ),
        {"aircraft": ("88021100\n8802.1\n", {})},
    )
    try:
        build(kb, tmp_path)
    except KnowledgeBaseError as error:
        report = error.report()
    else:
        raise AssertionError("the build accepted a list typo")
    assert "kb/measures/reciprocal.yml:" in report
    assert "exemptions.0.lists.0: no HTS list has the id 'aircraf'; did you mean 'aircraft'?" in report
    assert "kb/lists/aircraft.txt:2:1: '8802.1' is not an HTS code" in report
    result = subprocess.run(
        [sys.executable, "-m", "kbsite", "--kb", str(kb), "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "hooks")},
    )
    assert result.returncode == 1 and "did you mean 'aircraft'?" in result.stdout and "Traceback" not in result.stderr
