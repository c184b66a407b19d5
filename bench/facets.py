"""`make bench`, facets: what the kind indexes' facets cost at one size (10,000 records by default).

- build: the facet data of each faceted index (render/facets.py: the controls with their counts and each row's
  ``data-facet-*`` attributes), timed in this process on the generated knowledge base, median of several runs;
- size: the bytes that data adds to the index page, beside the whole page as built;
- filter: the work of docs/assets/facets.js when a reader picks a value (hide the rows that do not match, recount
  every value), timed in Node against a stand-in for the DOM (bench/facets_filter.js): the script's own work,
  without the browser's layout and painting, which no browser-less run can measure.

run.py calls :func:`facets_bench` on the project it built; alone, this file builds one size and adds its numbers to
the matching row of bench/results.json (``python bench/facets.py [--size 10000] [--out bench/results.json]``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

SCRIPT = ROOT / "docs" / "assets" / "facets.js"
HARNESS = ROOT / "bench" / "facets_filter.js"
_ROW = re.compile(r"<tr((?: data-facet-[a-z-]+=\"[^\"]*\")+)>")
_ATTRIBUTE = re.compile(r' data-facet-([a-z-]+)="([^"]*)"')
_SELECT = re.compile(r'<select data-facet="([a-z-]+)">(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="([^"]+)" data-label="([^"]*)">')


def facet_data(project: Path, runs: int = 5) -> dict[str, dict[str, float | int]]:
    """Build time (ms, median of ``runs``) and bytes of each faceted kind's facet data."""
    from kbsite import build
    from kbsite.models import KINDS
    from kbsite.render import facets

    kb = build(project / "kb", project)
    found = {}
    for kind in facets.FACETS:
        records = sorted(kb.by_kind.get(kind, ()), key=lambda record: record.id)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            controls, rows = facets.facets(kb, kind, records)
            times.append((time.perf_counter() - started) * 1000)
        found[KINDS[kind].plural] = {
            "records": len(records),
            "build_ms": statistics.median(times),
            "controls_bytes": len(controls.encode()),
            "row_attributes_bytes": sum(len(row.encode()) for row in rows),
        }
    return found


def page_tables(page: str) -> dict[str, object]:
    """An index page's facet controls and rows, as the build wrote them, for the filter harness."""
    rows = [{name: html.unescape(value) for name, value in _ATTRIBUTE.findall(attrs)} for attrs in _ROW.findall(page)]
    selects = [
        {"facet": name, "options": [{"value": v, "label": html.unescape(label)} for v, label in _OPTION.findall(body)]}
        for name, body in _SELECT.findall(page)
    ]
    return {"rows": rows, "selects": selects}


def facet_filter(page: str) -> dict[str, float | int]:
    """The filter script's work on one built index page: set-up, and each change of a facet (ms)."""
    node = shutil.which("node")
    if node is None:
        return {}
    result = subprocess.run(
        [node, str(HARNESS), str(SCRIPT)],
        input=json.dumps(page_tables(page)),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    out = json.loads(result.stdout)
    changes = out["change_ms"]
    return {
        "rows": out["rows"],
        "setup_ms": out["setup_ms"],
        "changes": len(changes),
        "change_median_ms": statistics.median(changes) if changes else 0.0,
        "change_max_ms": max(changes, default=0.0),
    }


def facets_bench(project: Path, runs: int = 5) -> dict[str, dict[str, float | int]]:
    """Every faceted index's numbers, by folder; ``project`` has been built (its site/ is there)."""
    found = facet_data(project, runs)
    for folder, row in found.items():
        page = (project / "site" / folder / "index.html").read_text(encoding="utf-8")
        row["page_bytes"] = len(page.encode())
        row["filter"] = facet_filter(page)  # type: ignore[assignment]
    return found


def main() -> int:
    import argparse
    import os
    import tempfile

    from run import make_project, timed  # noqa: PLC0415 - run.py imports this module too

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="kbsite-bench-facets-") as where:
        project = make_project(Path(where), args.size)
        timed([sys.executable, "-m", "mkdocs", "build", "--strict"], project, env)
        found = facets_bench(project, args.runs)
    print(json.dumps(found, indent=2))
    out = Path(args.out)
    report = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {"results": []}
    rows = [row for row in report["results"] if row.get("records") == args.size]
    if rows:
        rows[0]["facets"] = found
    else:
        report["results"].append({"records": args.size, "facets": found})
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    sys.exit(main())
