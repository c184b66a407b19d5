"""`make bench`, the tariff-line lookup: what the lookup's data costs the build and how fast the page answers.

On the repository's own knowledge base it measures:
- build: the time the build spends on the lookup's outputs (the line groups, data/tariff-lines.js and
  data/tariff-lines.csv with its gzip), once the knowledge base is loaded, and their sizes;
- node: in fresh Node processes, loading data/tariff-lines.js once (read, evaluate, prepare) and answering
  lookups with docs/assets/lookup.js's own functions (search, pick the line, the duty on the day), each query
  repeated; bench/lookup_node.js does the timing;
- browser: in Chromium (/usr/bin/chromium, by Playwright, where both are installed), a page with the lookup's
  form opened from file://: from the first script to the form shown (the data file loaded and prepared), and
  each lookup as the page answers it, from the typed query to the result drawn and laid out.
Times are medians over the runs (fresh processes and pages), in milliseconds.

    python bench/lookup.py [--runs 5] [--out FILE]

make bench runs it from bench/run.py and keeps its results under "lookup" in bench/results.json;
bench/lookup-results.json holds a run of this script alone (--out bench/lookup-results.json).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

SCRIPT = ROOT / "docs" / "assets" / "lookup.js"
NODE_HARNESS = ROOT / "bench" / "lookup_node.js"
CHROMIUM = "/usr/bin/chromium"
REPEATS = 20
QUERIES = [
    ("870323", "2025-09-20", "japan"),  # a code: the passenger cars of 8703.23
    ("8704.21", "2025-05-01", "japan"),
    ("3004.10.10.10", "2025-05-01", "european-union"),
    ("0106.12.01.00", "2025-05-01", "japan"),  # a list code of a later revision than the descriptions
    ("87", "2026-03-01", "japan"),  # a short code: a whole chapter matches
    ("passenger motor vehicles", "2025-09-20", "japan"),  # words: every description is searched
    ("steel", "2026-04-06", "european-union"),
]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>lookup bench</title>
<script>window.benchStart = performance.now();</script></head><body>
<div id="kb-lookup" class="kb-lookup" data-src="tariff-lines.js">
<form class="kb-lookup-form" role="search" hidden>
<input type="search" name="q"><input type="date" name="date">
<select name="from">{options}</select></form>
<p class="kb-lookup-status"></p><div class="kb-lookup-matches"></div><div class="kb-lookup-result"></div></div>
<script>
new MutationObserver(function (changes, observer) {{
  if (!document.querySelector(".kb-lookup-form").hidden) {{ window.benchReady = performance.now(); observer.disconnect(); }}
}}).observe(document.querySelector(".kb-lookup-form"), {{attributes: true}});
</script>
<script src="lookup.js"></script></body></html>
"""
ANSWER = """([query, day, origin]) => {
  const form = document.querySelector(".kb-lookup-form"), result = document.querySelector(".kb-lookup-result");
  form.elements.date.value = day;
  form.elements.from.value = origin;
  const started = performance.now();
  form.elements.q.value = query;
  form.elements.q.dispatchEvent(new Event("input"));
  void result.offsetHeight;  // the result laid out, as the reader sees it
  return [performance.now() - started, document.querySelectorAll(".kb-lookup-list li").length];
}"""


def build_outputs(where: Path) -> dict[str, Any]:
    """Write the lookup's outputs of the real knowledge base to ``where``; their build time and sizes."""
    from kbsite import build
    from kbsite.render import lookup
    from kbsite.tariffs import Tariffs

    kb = build(ROOT / "kb", ROOT)
    started = time.perf_counter()
    tariffs = Tariffs(kb)
    groups, lines = lookup.line_groups(tariffs)
    ids = [*{m.id for j in tariffs.jurisdictions for m in tariffs.aimed_at(j)}, *(p.id for p in tariffs.products)]
    data = lookup.lookup_data(tariffs, groups, lines, {i: f"#{i}" for i in ids}, "", kb.as_of)
    table = lookup.lines_csv(lookup.line_rows(tariffs, groups, lines))
    gz = getattr(lookup, "gzipped", None)
    packed = gz(table) if gz else None
    elapsed = time.perf_counter() - started
    (where / "tariff-lines.js").write_text(data, encoding="utf-8")
    return {
        "build_s": elapsed,
        "lines": len(lines),
        "groups": len(groups),
        "data_js_bytes": len(data.encode("utf-8")),
        "csv_bytes": len(table.encode("utf-8")),
        **({"csv_gz_bytes": len(packed)} if packed is not None else {}),
        "origins": list(tariffs.jurisdictions),
    }


def node_runs(where: Path, runs: int) -> dict[str, Any] | None:
    node = shutil.which("node")
    if node is None:
        return None
    queries = ["|".join(q) for q in QUERIES]
    outputs = []
    for _ in range(runs):
        done = subprocess.run(
            [node, str(NODE_HARNESS), str(where / "tariff-lines.js"), str(SCRIPT), str(REPEATS), *queries],
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return {
        "node": version,
        "load_ms": statistics.median(o["load_ms"] for o in outputs),
        "lookups": [
            {
                "query": q,
                "date": day,
                "from": origin,
                "matches": outputs[0]["lookups"][i]["matches"],
                "first_ms": statistics.median(o["lookups"][i]["first_ms"] for o in outputs),
                "median_ms": statistics.median(o["lookups"][i]["median_ms"] for o in outputs),
                "max_ms": max(o["lookups"][i]["max_ms"] for o in outputs),
            }
            for i, (q, day, origin) in enumerate(QUERIES)
        ],
        "runs_load_ms": [o["load_ms"] for o in outputs],
    }


def browser_runs(where: Path, runs: int, origins: list[str]) -> dict[str, Any] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    shutil.copy2(SCRIPT, where / "lookup.js")
    options = "".join(f'<option value="{o}">{o}</option>' for o in origins)
    page_file = where / "lookup.html"
    page_file.write_text(PAGE.format(options=options), encoding="utf-8")
    loads: list[float] = []
    times: list[list[float]] = [[] for _ in QUERIES]
    firsts: list[list[float]] = [[] for _ in QUERIES]
    matches: list[int] = [0 for _ in QUERIES]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        version = browser.version
        for _ in range(runs):
            page = browser.new_page()
            page.goto(page_file.as_uri(), wait_until="load")
            page.wait_for_function("window.benchReady !== undefined")
            loads.append(page.evaluate("window.benchReady - window.benchStart"))
            for i, query in enumerate(QUERIES):
                for k in range(REPEATS):
                    elapsed, found = page.evaluate(ANSWER, list(query))
                    (firsts[i] if k == 0 else times[i]).append(elapsed)
                    matches[i] = found
            page.close()
        browser.close()
    return {
        "chromium": version,
        "load_ms": statistics.median(loads),
        "lookups": [
            {
                "query": q,
                "date": day,
                "from": origin,
                "shown": matches[i],
                "first_ms": statistics.median(firsts[i]),
                "median_ms": statistics.median(times[i]),
                "max_ms": max(firsts[i] + times[i]),
            }
            for i, (q, day, origin) in enumerate(QUERIES)
        ],
        "runs_load_ms": loads,
    }


def lookup_bench(runs: int = 5) -> dict[str, Any]:
    """The lookup's measurements (see the module's docstring), as bench/results.json keeps them."""
    with tempfile.TemporaryDirectory(prefix="kbsite-lookup-bench-") as folder:
        where = Path(folder)
        built = build_outputs(where)
        origins = built.pop("origins")
        return {
            "runs": runs,
            "repeats": REPEATS,
            **built,
            "node": node_runs(where, runs),
            "browser": browser_runs(where, runs, origins),
        }


def report(result: dict[str, Any]) -> str:
    """The measurements as a few lines of text."""
    out = [
        f"lookup data: {result['lines']:,} lines in {result['groups']} groups; tariff-lines.js "
        f"{result['data_js_bytes'] / 2**20:.2f} MB, tariff-lines.csv {result['csv_bytes'] / 2**20:.1f} MB"
        + (f" ({result['csv_gz_bytes'] / 2**20:.2f} MB gzipped)" if "csv_gz_bytes" in result else "")
        + f"; build time they add {result['build_s']:.2f} s",
    ]
    for name in ("node", "browser"):
        measured = result.get(name)
        if not measured:
            out.append(f"lookup in {name}: not measured ({name} not available)")
            continue
        slowest = max(measured["lookups"], key=lambda item: item["max_ms"])
        medians = ", ".join(f"{item['query']!r} {item['median_ms']:.1f}" for item in measured["lookups"])
        out.append(
            f"lookup in {name}: load {measured['load_ms']:.0f} ms; per lookup (median ms) {medians}; "
            f"slowest {slowest['max_ms']:.1f} ms ({slowest['query']!r})"
        )
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", help="write the measurements to this JSON file")
    args = parser.parse_args()
    result = lookup_bench(args.runs)
    print(report(result))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
