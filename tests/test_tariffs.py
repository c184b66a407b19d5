"""What applied when: reference cases from the legal texts and reliable reports, read back from the published
rate table of a real build; the charts, tables and the rate table agreeing; and the engine's rules on small
knowledge bases of the test's own.

Each case gives the day before and the day of a change. `None` means the cell is empty: the MFN rate varies by
tariff line, so the figure is not one number. A day before a category's first row means nothing beyond the MFN
rate applied.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from conftest import FIXTURES, KB, Project, make_project
from kbsite import build
from kbsite.tariffs import Tariffs

MFN_ONLY = "MFN only"

CASES = [
    # Passenger cars from Japan: MFN 2.5%; Proclamation 10908 adds 25% from 3 April 2025 (9903.94.01); EO 14345 and
    # the Commerce notice of 16 September 2025 (90 FR 44638, 9903.94.41) make it 15% all-in. Section 232 goods pay no
    # IEEPA duty (EO 14257 sec. 3(b)) and no Section 122 surcharge (9903.03.06).
    ("japan", "passenger-vehicles", "2025-04-02", MFN_ONLY, None),
    ("japan", "passenger-vehicles", "2025-04-03", 27.5, 25),
    ("japan", "passenger-vehicles", "2025-04-09", 27.5, 25),
    ("japan", "passenger-vehicles", "2025-08-07", 27.5, 25),
    ("japan", "passenger-vehicles", "2025-09-15", 27.5, 25),
    ("japan", "passenger-vehicles", "2025-09-16", 15, 12.5),
    ("japan", "passenger-vehicles", "2026-02-24", 15, 12.5),
    # Light trucks from Japan: MFN 25% (the "chicken tax"); 50% under Proclamation 10908; 9903.94.40 adds nothing
    # where the column 1 rate is 15% or more, so 25% from 16 September 2025 (HTSUS text of 9903.94.40).
    ("japan", "light-trucks", "2025-04-02", MFN_ONLY, None),
    ("japan", "light-trucks", "2025-04-03", 50, 25),
    ("japan", "light-trucks", "2025-09-15", 50, 25),
    ("japan", "light-trucks", "2025-09-16", 25, 0),
    # Auto parts from Japan: 25% on top from 3 May 2025 (9903.94.05), 15% all-in from 16 September 2025
    # (9903.94.42/.43); their MFN rates vary by line.
    ("japan", "auto-parts", "2025-05-03", None, 25),
    ("japan", "auto-parts", "2025-09-15", None, 25),
    ("japan", "auto-parts", "2025-09-16", 15, None),
    # Steel from Japan: Proclamation 9705, 25% from 23 March 2018; out-of-quota steel kept paying 25% under the 2022
    # quota arrangement; Proclamation 10896 from 12 March 2025; Proclamation 10947, 50% from 4 June 2025; the metals
    # proclamation of 2 April 2026, 50% on the full value from 6 April 2026 (Ashurst, PwC).
    ("japan", "steel", "2018-03-22", MFN_ONLY, None),
    ("japan", "steel", "2018-03-23", None, 25),
    ("japan", "steel", "2022-04-01", None, 25),
    ("japan", "steel", "2025-03-12", None, 25),
    ("japan", "steel", "2025-06-03", None, 25),
    ("japan", "steel", "2025-06-04", None, 50),
    ("japan", "steel", "2026-04-06", None, 50),
    # Aluminium from Japan: 10% from 2018 (the 2022 arrangement covered steel only), 25% from 12 March 2025
    # (Proclamation 10895), 50% from 4 June 2025.
    ("japan", "aluminium", "2018-03-23", None, 10),
    ("japan", "aluminium", "2022-04-01", None, 10),
    ("japan", "aluminium", "2025-03-11", None, 10),
    ("japan", "aluminium", "2025-03-12", None, 25),
    ("japan", "aluminium", "2025-06-04", None, 50),
    # Ordinary goods from Japan: the 10% baseline from 5 April 2025 (9903.01.25), 24% on 9 April only (9903.01.53,
    # paused by EO 14266 from 10 April), 15% all-in from 7 August 2025 as settled by EO 14345, collection of IEEPA
    # duties ended on 24 February 2026, then the 10% Section 122 surcharge on top of MFN.
    ("japan", "all-goods", "2025-04-04", MFN_ONLY, None),
    ("japan", "all-goods", "2025-04-05", None, 10),
    ("japan", "all-goods", "2025-04-08", None, 10),
    ("japan", "all-goods", "2025-04-09", None, 24),
    ("japan", "all-goods", "2025-04-10", None, 10),
    ("japan", "all-goods", "2025-08-06", None, 10),
    ("japan", "all-goods", "2025-08-07", 15, None),
    ("japan", "all-goods", "2026-02-23", 15, None),
    ("japan", "all-goods", "2026-02-24", None, 10),
    ("japan", "all-goods", "2026-07-23", None, 10),
    # Beef (above the quota: 26.4%): the 10% and 24% on top; 26.4% as settled from 7 August 2025 (it already
    # exceeds the 15% floor); exempt from 13 November 2025 (9903.01.32) and from the Section 122 surcharge.
    ("japan", "beef", "2025-04-05", 36.4, 10),
    ("japan", "beef", "2025-04-09", 50.4, 24),
    ("japan", "beef", "2025-08-06", 36.4, 10),
    ("japan", "beef", "2025-08-07", 26.4, 0),
    ("japan", "beef", "2025-11-13", 26.4, 0),
    ("japan", "beef", "2026-02-24", 26.4, 0),
    # Pharmaceuticals: on Annex II of EO 14257, and exempt from Section 122; nothing beyond MFN until the Section
    # 232 tariff on patented medicines, scheduled with a 15% rate for Japan.
    ("japan", "pharmaceuticals", "2025-04-05", MFN_ONLY, None),
    ("japan", "pharmaceuticals", "2025-08-07", MFN_ONLY, None),
    ("japan", "pharmaceuticals", "2026-02-24", MFN_ONLY, None),
    ("japan", "pharmaceuticals", "2026-09-29", 15, None),
    # Civil aircraft from Japan: the reciprocal tariff no longer applies from 16 September 2025 (9903.96.02).
    ("japan", "aircraft", "2025-09-15", 15, None),
    ("japan", "aircraft", "2025-09-16", None, 0),
    ("japan", "aircraft", "2026-02-24", None, 0),
    # Medium and heavy trucks from Japan: MFN 25%, 50% from 1 November 2025 (Proclamation 10984; Jiji).
    ("japan", "medium-heavy-trucks", "2025-10-31", 25, 0),
    ("japan", "medium-heavy-trucks", "2025-11-01", 50, 25),
    # Wood products: 10% on softwood lumber; furniture and cabinets capped at 15% all-in for Japan and the EU.
    ("japan", "softwood-lumber", "2025-10-13", MFN_ONLY, None),
    ("japan", "softwood-lumber", "2025-10-14", None, 10),
    ("japan", "upholstered-furniture", "2025-10-14", 15, None),
    # EU cars: 27.5% until the notice of 25 September 2025 set 15% all-in back to 1 August 2025.
    ("european-union", "passenger-vehicles", "2025-04-03", 27.5, 25),
    ("european-union", "passenger-vehicles", "2025-07-31", 27.5, 25),
    ("european-union", "passenger-vehicles", "2025-08-01", 15, 12.5),
    ("european-union", "passenger-vehicles", "2025-09-25", 15, 12.5),
    ("european-union", "passenger-vehicles", "2026-06-01", 15, 12.5),
    ("european-union", "light-trucks", "2025-07-31", 50, 25),
    ("european-union", "light-trucks", "2025-08-01", 25, 0),
    # Ordinary EU goods: 20% on 9 April 2025, then 10%, 15% all-in from 7 August 2025, Section 122 from 2026.
    ("european-union", "all-goods", "2025-04-09", None, 20),
    ("european-union", "all-goods", "2025-04-10", None, 10),
    ("european-union", "all-goods", "2025-08-07", 15, None),
    ("european-union", "all-goods", "2026-02-24", None, 10),
    # EU steel and aluminium: exempt until 1 June 2018, then 25% and 10%; 25% from 12 March 2025; 50% from 4 June.
    ("european-union", "steel", "2018-05-31", MFN_ONLY, None),
    ("european-union", "steel", "2018-06-01", None, 25),
    ("european-union", "aluminium", "2018-06-01", None, 10),
    ("european-union", "steel", "2025-03-12", None, 25),
    ("european-union", "steel", "2025-06-04", None, 50),
    ("european-union", "aircraft", "2025-09-01", None, 0),
]


@pytest.fixture(scope="module")
def rates(real_site: Project) -> list[dict[str, str]]:
    with (real_site.site / "data" / "tariff-rates.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def row_on(rates: list[dict[str, str]], jurisdiction: str, category: str, day: str) -> dict[str, str] | None:
    found = [
        r
        for r in rates
        if r["jurisdiction"] == jurisdiction
        and r["category"] == category
        and r["from"] <= day
        and (not r["until"] or day < r["until"])
    ]
    assert len(found) <= 1, found
    return found[0] if found else None


def number(cell: str) -> float | None:
    return float(cell) if cell else None


@pytest.mark.parametrize(
    ("jurisdiction", "category", "day", "all_in", "beyond"), CASES, ids=[f"{j}-{c}-{d}" for j, c, d, _, _ in CASES]
)
def test_reference_case(
    rates: list[dict[str, str]],
    jurisdiction: str,
    category: str,
    day: str,
    all_in: float | str | None,
    beyond: float | None,
) -> None:
    row = row_on(rates, jurisdiction, category, day)
    if all_in == MFN_ONLY:
        assert row is None or (row["beyond_mfn_percent"] == "0" and not row["measures"]), row
        return
    assert row is not None, f"no rate for {category} from {jurisdiction} on {day}"
    assert (number(row["all_in_percent"]), number(row["beyond_mfn_percent"])) == (all_in, beyond), row


def test_the_rate_table_has_the_published_header_and_json_twin(real_site: Project, rates: list[dict[str, str]]) -> None:
    text = (real_site.site / "data" / "tariff-rates.csv").read_text(encoding="utf-8")
    assert (
        text.splitlines()[0]
        == "jurisdiction,category,from,until,all_in_percent,beyond_mfn_percent,mfn_percent,measures"
    )
    data = json.loads((real_site.site / "data" / "tariff-rates.json").read_text(encoding="utf-8"))
    assert len(data["rows"]) == len(rates)
    for row, twin in zip(rates, data["rows"]):
        assert twin["category"] == row["category"] and twin["from"] == row["from"]
        assert twin["all_in_percent"] == number(row["all_in_percent"])
        assert twin["measures"] == row["measures"].split()
    for jurisdiction, category in {(r["jurisdiction"], r["category"]) for r in rates}:
        own = [r for r in rates if (r["jurisdiction"], r["category"]) == (jurisdiction, category)]
        for before, after in zip(own, own[1:]):
            assert before["until"] == after["from"]  # contiguous, each change listed once
        assert own[-1]["until"] in ("",) or own[-1]["until"] > own[-1]["from"]
    measures = {p.stem for p in (KB / "measures").glob("*.yml")}
    assert all(m in measures for r in rates for m in r["measures"].split())


def test_section_122_ends_on_its_scheduled_day_and_says_so(real_site: Project, rates: list[dict[str, str]]) -> None:
    ordinary = row_on(rates, "japan", "all-goods", "2026-07-24")
    assert ordinary is not None and ordinary["measures"] == "" and ordinary["beyond_mfn_percent"] == "0"
    page = (real_site.site / "tariffs" / "japan" / "index.html").read_text(encoding="utf-8")
    assert "from a scheduled change; outcome not yet recorded" in page
    measure = (real_site.site / "measures" / "us-s122-surcharge-10" / "index.html").read_text(encoding="utf-8")
    assert "24 July 2026" in measure and "outcome not yet recorded" in measure


def test_retroactive_corrections_as_charged_at_the_time() -> None:
    tariffs = Tariffs(build(KB))
    august = date(2025, 8, 10)
    charged = tariffs.duty("japan", "beef", august, known_on=august)  # EO 14326 charged 15% on top of MFN
    assert (charged.all_in, charged.beyond_mfn) == (41.4, 15)
    assert tariffs.duty("japan", "beef", august).all_in == 26.4  # EO 14345, back to 7 August
    assert tariffs.duty("japan", "all-goods", august, known_on=august).describe() == "MFN + 15%"
    eu_cars = date(2025, 9, 1)
    assert tariffs.duty("european-union", "passenger-vehicles", eu_cars, known_on=eu_cars).all_in == 27.5
    assert tariffs.duty("european-union", "passenger-vehicles", eu_cars).all_in == 15
    late = date(2025, 11, 13)  # the farm-goods order was signed on 14 November, back to the 13th
    assert tariffs.duty("japan", "beef", late, known_on=late).measure_ids == ("us-ieepa-reciprocal-japan-15-floor",)
    assert tariffs.duty("japan", "beef", late).measure_ids == ()


def test_why_a_measure_does_not_apply() -> None:
    tariffs = Tariffs(build(KB))
    pharma = tariffs.duty("japan", "pharmaceuticals", date(2025, 8, 10))
    reasons = {n.measure.id: n.reason for n in pharma.not_applied}
    assert reasons["us-ieepa-reciprocal-japan-15-floor"] == "exempt: EO 14257, Annex II"
    cars = tariffs.duty("japan", "passenger-vehicles", date(2025, 9, 16))
    gone = {n.measure.id: (n.reason, n.by.id if n.by else None) for n in cars.not_applied}
    assert gone["us-s232-autos-25"] == ("superseded by", "us-s232-autos-japan-15-floor")
    assert gone["us-ieepa-reciprocal-japan-15-floor"][0].startswith("exempt: EO 14257, sec. 3(b)")
    steel = tariffs.duty("japan", "steel", date(2026, 4, 6))
    assert steel.measure_ids == ("us-s232-metals-2026",)  # the 50% measure it replaced no longer applies


def chart_steps(svg: str) -> list[tuple[date, float]]:
    """Read a chart back: each horizontal run of its lines as (from day, level)."""
    root = ElementTree.fromstring(svg)
    first, until = date.fromisoformat(root.get("data-first")), date.fromisoformat(root.get("data-until"))
    top = float(root.get("data-top"))
    span = (until - first).days
    left, right, top_px, bottom_px = 72, 720 - 16, 28, 280 - 40
    steps = []
    for line in root.iter("{http://www.w3.org/2000/svg}polyline"):
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        for (x1, y1), _ in zip(points[::2], points[1::2]):
            day = first + timedelta(days=round((x1 - left) / (right - left) * span))
            steps.append((day, round(top * (bottom_px - y1) / (bottom_px - top_px), 1)))
    return steps


def test_charts_tables_and_the_rate_table_agree(real_site: Project, rates: list[dict[str, str]]) -> None:
    """Every chart is read back from its SVG, and its table from the HTML, and both match the rate table."""
    for jurisdiction in ("japan", "european-union"):
        page = (real_site.site / "tariffs" / jurisdiction / "index.html").read_text(encoding="utf-8")
        charts = sorted((real_site.site / "tariffs" / jurisdiction).glob("*.svg"))
        assert charts
        for chart in charts:
            svg = chart.read_text(encoding="utf-8")
            assert f'src="{chart.name}"' in page
            title = ElementTree.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text
            axis = [
                t
                for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
                if t.get("class") == "axis"
            ]
            assert len(axis) == 1 and "(%)" in axis[0].text
            quantity = "MFN included" if title.startswith("Total duty, MFN included") else "MFN rate is zero"
            section = page[page.index(f'id="{chart.stem}"') :]
            section = section[: section.index("</table>")]
            rows = re.findall(
                r'<tr><td><time datetime="([\d-]+)">.*?</td><td>.*?</td><td><strong>(.*?)</strong></td>'
                r"<td>(.*?)</td>",
                section,
            )
            own = [r for r in rates if r["jurisdiction"] == jurisdiction and r["category"] == chart.stem]
            assert [day for day, _, _ in rows] == [r["from"] for r in own]
            for (_day, total, beyond), row in zip(rows, own):
                assert total == (
                    f"{float(row['all_in_percent']):g}%" if row["all_in_percent"] else "varies by line"
                ) or (total.startswith(f"{float(row['all_in_percent']):g}%") if row["all_in_percent"] else False)
                assert beyond == (
                    f"{float(row['beyond_mfn_percent']):g}%" if row["beyond_mfn_percent"] else "varies by line"
                )
            expected = []
            for row in own:
                if quantity == "MFN included" or not row["beyond_mfn_percent"]:
                    expected.append((row["from"], number(row["all_in_percent"])))
                else:
                    expected.append((row["from"], number(row["beyond_mfn_percent"])))
            plotted = chart_steps(svg)  # the runs in order; a level not recorded is a gap
            known = [(date.fromisoformat(day), level) for day, level in expected if level is not None]
            assert len(plotted) == len(known), chart.name
            for (day, level), (drawn_day, drawn) in zip(known, plotted):
                assert abs((drawn_day - day).days) <= 1 and drawn == pytest.approx(level, abs=0.2), (chart.name, day)
            assert "<td>1</td>" not in section  # sources are named, not numbered


def test_source_cells_name_publisher_and_date(real_site: Project) -> None:
    page = (real_site.site / "tariffs" / "japan" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a href="[^"]*sources/govinfo-fr-2025-17908/">Federal Register[^<]*, <time datetime="2025-09-16">16 September 2025</time></a>',
        page,
    )


def test_today_table_and_home_page(real_site: Project) -> None:
    index = (real_site.site / "tariffs" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-01">1 December 2026</time>' in index
    row = re.search(
        r'<tr><td><a href="[^"]*products/passenger-vehicles/">Passenger vehicles</a></td><td>2.5%</td>'
        r"<td><strong>(.*?)</strong>.*?</td><td><strong>(.*?)</strong>",
        index,
    )
    assert row and row.groups() == ("15%", "15%")
    home = (real_site.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'products/light-trucks/">Light trucks</a>: <strong>25%</strong>', home)


def test_product_page_shows_its_duty_over_time(real_site: Project) -> None:
    page = (real_site.site / "products" / "light-trucks" / "index.html").read_text(encoding="utf-8")
    assert "Duty on goods from Japan" in page and "Duty on goods from European Union" in page
    assert re.search(
        r'<time datetime="2025-09-16">16 September 2025</time></td><td>.*?</td><td><strong>25%</strong>', page
    )


# The engine's rules on knowledge bases of the test's own --------------------------------------------------------


def small_kb(tmp_path: Path, measures: dict[str, dict], products: dict[str, dict] | None = None) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURES / "mini", kb)  # its 25% car tariff from 3 April 2025 stays
    for rid, data in (products or {}).items():
        (kb / "products" / f"{rid}.yml").write_text(
            yaml.safe_dump({"id": rid, "sources": ["reuters-2025-04-16"], "confidence": "high", **data}),
            encoding="utf-8",
        )
    for rid, data in measures.items():
        base = {
            "id": rid,
            "title": rid,
            "imposing": "united-states",
            "targets": ["japan"],
            "authority": "ieepa",
            "products": {"description": "Goods", "categories": ["all-goods"]},
            "rate": {"percent": 10, "application": "additive"},
            "status_history": [{"status": "in-force", "date": "2025-01-01"}],
            "sources": ["reuters-2025-04-16"],
            "confidence": "high",
        }
        (kb / "measures" / f"{rid}.yml").write_text(yaml.safe_dump({**base, **data}), encoding="utf-8")
    return kb


def test_an_exemption_covers_narrower_categories_and_only_its_origins(tmp_path: Path) -> None:
    kb = build(
        small_kb(
            tmp_path,
            {
                "baseline": {
                    "all_countries": True,
                    "targets": [],
                    "exemptions": [
                        {
                            "products": ["passenger-vehicles"],
                            "origins": ["japan"],
                            "basis": "A deal",
                            "rate": {"percent": 15, "application": "floor"},
                        },
                        {"products": ["all-goods"], "start": "2025-06-01", "basis": "An exemption list"},
                    ],
                },
            },
            {
                "sedans": {
                    "name": "Sedans",
                    "parent": "passenger-vehicles",
                    "mfn": {"percent": 2.5, "sources": ["reuters-2025-04-16"]},
                }
            },
        )
    )
    tariffs = Tariffs(kb)
    assert tariffs.duty("japan", "sedans", date(2025, 2, 1)).all_in == 15  # the deal's rate reaches the narrower kind
    assert tariffs.duty("south-korea", "sedans", date(2025, 2, 1)).all_in == 12.5  # other origins pay the rate
    assert tariffs.duty("japan", "all-goods", date(2025, 2, 1)).beyond_mfn == 10
    exempt = tariffs.duty("japan", "all-goods", date(2025, 6, 1))
    assert exempt.measure_ids == () and exempt.not_applied[0].reason == "exempt: An exemption list"


def test_goods_under_another_authority_and_a_quota(tmp_path: Path) -> None:
    kb = build(
        small_kb(
            tmp_path,
            {
                "reciprocal": {"exemptions": [{"subject_to": ["section-232"], "basis": "Sec. 3(b)"}]},
                "machines-232": {
                    "authority": "section-232",
                    "products": {"description": "Machines", "categories": ["machines"]},
                    "rate": {"percent": 25, "application": "additive"},
                    "status_history": [{"status": "in-force", "date": "2025-04-03"}],
                    "exemptions": [{"products": ["machines"], "quota": "100 a year", "basis": "A quota"}],
                },
            },
            {
                "machines": {
                    "name": "Machines",
                    "parent": "all-goods",
                    "mfn": {"percent": 2.5, "sources": ["reuters-2025-04-16"]},
                }
            },
        )
    )
    tariffs = Tariffs(kb)
    assert tariffs.duty("japan", "machines", date(2025, 4, 2)).all_in == 12.5
    machines = tariffs.duty("japan", "machines", date(2025, 4, 3))
    assert machines.measure_ids == ("machines-232",) and machines.all_in == 27.5  # the rate beyond the quota
    assert machines.not_applied[0].reason == "exempt: Sec. 3(b)"


def test_an_unknown_reduced_rate_is_not_recorded(tmp_path: Path) -> None:
    kb = build(
        small_kb(
            tmp_path,
            {"m": {"exemptions": [{"products": ["all-goods"], "rate_unknown": True, "basis": "An agreement"}]}},
        )
    )
    duty = Tariffs(kb).duty("japan", "all-goods", date(2025, 5, 1))
    assert (duty.all_in, duty.beyond_mfn, duty.describe()) == (None, None, "not recorded")


def test_the_cost_is_linear_in_changes_and_products(tmp_path: Path) -> None:
    """A measure with 200 status changes on 200 categories adds one section to a page, not 200, and the rate
    table grows by one row per change per category."""
    products = {f"p{i:03d}": {"name": f"Product {i}", "parent": "all-goods"} for i in range(200)}
    start = date(2025, 1, 1)
    history = [
        {"status": "in-force" if i % 2 == 0 else "paused", "date": (start + timedelta(days=i)).isoformat()}
        for i in range(200)
    ]
    kb_dir = small_kb(
        tmp_path,
        {"big": {"products": {"description": "Many", "categories": sorted(products)}, "status_history": history}},
        products,
    )
    project = make_project(tmp_path / "project", kb_dir)
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    charts = list((project.site / "tariffs" / "japan").glob("*.svg"))
    assert len(charts) == 2  # passenger vehicles (the mini KB's car tariff), and the 200 products together
    page = (project.site / "tariffs" / "japan" / "index.html").stat().st_size
    assert page < 400_000
    rows = (project.site / "data" / "tariff-rates.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) - 1 <= 201 * 200 + 200
