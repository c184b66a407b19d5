"""`make bench`: check and build times of synthetic knowledge bases against MkDocs' own floor.

For each size it measures, as the median of several runs in fresh processes:
- check: `python -m kbsite check` (the whole command, interpreter start included);
- build: `mkdocs build` of the site, hooks and all;
- build: also with the English edition alone (``KB_LANGUAGES=en``), so that the Japanese edition's cost shows:
  the records are read and validated once for both;
- floor: the same mkdocs.yml without hooks, building the same number of plain Markdown pages of the same
  lengths (what MkDocs and the theme cost on their own);
- build/floor: each build is timed next to a floor build, and the ratio is the median of those pairs' ratios;
- peak memory of the build process;
- at one size (3,000 by default), the edit loop of `make serve`: saving one kb/ file until the rebuilt page is
  served (bench/edit_loop.py);
- on the real knowledge base, the tariff-line lookup: its data's size and build time, loading it and answering
  lookups under Node and in Chromium (bench/lookup.py).
- at one size (10,000 by default), the facets of the kind indexes: their data's build time and bytes, and the
  filter script's work per change without a browser (bench/facets.py).
It prints a table and writes bench/results.json.

    python bench/run.py [--sizes 1000,3000,10000] [--runs 5] [--edit-loop 3000] [--lookup-runs 5] [--facets 10000]
                        [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))

from edit_loop import edit_loop  # noqa: E402
from facets import facets_bench  # noqa: E402
from generate import generate  # noqa: E402
from lookup import lookup_bench  # noqa: E402
from lookup import report as lookup_report  # noqa: E402

FILLER = (
    "Tariff talks continued as negotiators met in Washington and Tokyo to review the schedule of duties "
    "on steel, vehicles and parts. "
)


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of one command, which must succeed."""
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a chatty build must not block on a full pipe
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{log.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024


def make_project(where: Path, size: int) -> Path:
    project = where / f"kb-{size}"
    project.mkdir(parents=True, exist_ok=True)
    for config in ROOT.glob("mkdocs*.yml"):  # mkdocs.yml and each edition's mkdocs.<language>.yml
        shutil.copy2(config, project / config.name)
    for folder in ("docs", "hooks"):
        shutil.copytree(
            ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
        )
    for hooks in (ROOT / "hooks", project / "hooks"):  # bytecode compiled once, as Python does on a first run
        compileall.compile_dir(hooks, quiet=1)  # (PYTHONDONTWRITEBYTECODE would have every run compile it again)
    generate(size, project / "kb")
    return project


def make_floor(project: Path) -> Path:
    """The same site's pages as plain Markdown of the same lengths, built by the same config with no hooks."""
    from kbsite import build
    from kbsite.render import Site

    floor = project.parent / f"{project.name}-floor"
    shutil.copytree(project / "docs", floor / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns("ja"))
    if (project / "hooks" / "theme").is_dir():  # the theme's overrides (mkdocs.yml's custom_dir) are not hooks
        shutil.copytree(project / "hooks" / "theme", floor / "hooks" / "theme", dirs_exist_ok=True)
    site = Site(build(project / "kb", project))
    for uri, page in site.pages.items():
        text = page.html  # the floor page is as long as the HTML our page hands the theme
        body = (FILLER * (len(text) // len(FILLER) + 1))[: max(len(text) - 40, 10)]
        paragraphs = "\n\n".join(body[i : i + 400] for i in range(0, len(body), 400))
        target = floor / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# Page {uri}\n\n{paragraphs}\n", encoding="utf-8")
    for uri, text in site.files.items():  # the exports, charts and schemas are copied in both builds alike
        target = floor / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks:\n  - hooks/kb_hooks.py\n", "").replace("  - kb\n  - hooks\n", "  - docs\n")
    config = config.replace("exclude_docs: |\n  /ja/\n", "")
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")
    return floor


def measure(size: int, runs: int, where: Path, edit_loop_size: int, facets_size: int = 0) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    project = make_project(where, size)
    floor = make_floor(project)
    python = sys.executable
    checks = [timed([python, "-m", "kbsite", "check"], project, env)[0] for _ in range(max(runs, 5))]
    english = {**env, "KB_LANGUAGES": "en"}
    builds, english_builds, floors, memory = [], [], [], 0
    for _ in range(runs):  # interleaved, so that a slow spell of the machine hits them alike
        elapsed, peak = timed([python, "-m", "mkdocs", "build", "--strict"], project, env)
        builds.append(elapsed)
        memory = max(memory, peak)
        english_builds.append(timed([python, "-m", "mkdocs", "build", "--strict"], project, english)[0])
        floors.append(timed([python, "-m", "mkdocs", "build"], floor, env)[0])
    row = {
        "records": size,
        "check_s": statistics.median(checks),
        "build_s": statistics.median(builds),
        "build_english_s": statistics.median(english_builds),
        # what the Japanese edition adds to the English one's build, as the median of the pairs' ratios
        "both_over_english": statistics.median(both / alone for both, alone in zip(builds, english_builds)),
        "floor_s": statistics.median(floors),
        "peak_memory_bytes": memory,
        # a slow spell of the machine hits a build and its floor alike; the median of the pairs' ratios (the
        # floor is one site of plain pages: it is set against the English edition built alone)
        "build_over_floor": statistics.median(build / floor for build, floor in zip(english_builds, floors)),
        "pages": sum(
            1 for path in (project / "site").rglob("*.html") if "ja" not in path.relative_to(project / "site").parts[:1]
        ),
        "runs_s": {"check": checks, "build": builds, "build_english": english_builds, "floor": floors},
    }
    if size == facets_size:  # after the builds: the index pages are in project/site
        row["facets"] = facets_bench(project, runs)
    if size == edit_loop_size:
        row["edit_loop_s"] = edit_loop(project, edits=runs, dirty=True)["edit_to_served_s"]
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edit-loop", type=int, default=3000, help="the size whose `make serve` edit loop is timed")
    parser.add_argument("--facets", type=int, default=10000, help="the size whose index facets are measured")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument(
        "--lookup-runs", type=int, default=5, help="runs of the lookup's timing (bench/lookup.py); 0: none"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="kbsite-bench-") as where:
        for size in sizes:
            results.append(measure(size, args.runs, Path(where), args.edit_loop, args.facets))
            print(f"measured {size} records", file=sys.stderr)
    base = results[0]["build_english_s"] / results[0]["records"]
    header = (
        f"{'records':>8} {'check s':>8} {'en+ja s':>8} {'en s':>8} {'en+ja/en':>8} {'floor s':>8} {'en/floor':>8} "
        f"{'rec/s':>7} {'per-record vs first':>19} {'peak MB':>8}"
    )
    print(header)
    for row in results:
        per_record = row["build_english_s"] / row["records"]
        row["records_per_s"] = row["records"] / row["build_english_s"]
        row["per_record_vs_first"] = per_record / base
        print(
            f"{row['records']:>8} {row['check_s']:>8.2f} {row['build_s']:>8.2f} {row['build_english_s']:>8.2f} "
            f"{row['both_over_english']:>8.2f} {row['floor_s']:>8.2f} {row['build_over_floor']:>8.2f} "
            f"{row['records_per_s']:>7.0f} {row['per_record_vs_first']:>19.2f} {row['peak_memory_bytes'] / 2**20:>8.0f}"
        )
    for row in results:
        if "edit_loop_s" in row:
            print(
                f"edit loop at {row['records']} records (make serve: save a kb/ file -> rebuilt page served): "
                f"{row['edit_loop_s']:.2f} s, median of {args.runs}"
            )
    for row in results:
        for folder, facet in row.get("facets", {}).items():
            work = facet.get("filter") or {}
            print(
                f"facets at {row['records']} records, {folder} ({facet['records']} rows): data built in "
                f"{facet['build_ms']:.1f} ms, {facet['row_attributes_bytes'] + facet['controls_bytes']:,} bytes of a "
                f"{facet['page_bytes']:,}-byte page; filter script per change: median "
                f"{work.get('change_median_ms', float('nan')):.2f} ms, max {work.get('change_max_ms', float('nan')):.2f} ms"
            )
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": args.runs,
        "results": results,
    }
    if args.lookup_runs:
        report["lookup"] = lookup_bench(args.lookup_runs)
        print(lookup_report(report["lookup"]))
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
