"""The edit loop: with `mkdocs serve` running on a knowledge base, the time from saving one kb/ file to the
rebuilt page being served.

    python bench/edit_loop.py PROJECT [--edits 3] [--dirty]

PROJECT is a folder with mkdocs.yml, docs/, hooks/ and kb/ (bench/run.py makes them). Each edit rewrites one
person's summary with a new marker and polls that person's page until the marker is served.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def edit_loop(project: Path, edits: int = 3, dirty: bool = False) -> dict[str, object]:
    """Start `mkdocs serve`, time ``edits`` saves of one record until its page shows the change; stop the server."""
    person = sorted((project / "kb" / "people").glob("*.yml"))[0]
    original = person.read_text(encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/people/{person.stem}/"
    env = {**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("KB_LANGUAGES", "en")  # as `make serve` previews: the English edition unless asked for more
    args = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
        *(["--dirty", "--no-strict"] if dirty else []),
    ]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        server = subprocess.Popen(args, cwd=project, env=env, stdout=log, stderr=log, start_new_session=True)
        try:
            while _get(url) is None:
                if server.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"mkdocs serve stopped:\n{log.read().decode()[-3000:]}")
                time.sleep(0.2)
            first_build = time.perf_counter() - started
            times = []
            for number in range(edits):
                marker = f"edit-loop-marker-{number}-{time.time_ns()}"
                edited = re.sub(r"^summary: .*$", f"summary: {marker}", original, count=1, flags=re.M)
                assert marker in edited, "the first person has no one-line summary to edit"
                time.sleep(1.0)  # let the watcher settle after the previous build
                saved = time.perf_counter()
                person.write_text(edited, encoding="utf-8")
                while marker not in (_get(url) or ""):
                    time.sleep(0.05)
                times.append(time.perf_counter() - saved)
        finally:
            person.write_text(original, encoding="utf-8")
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    return {
        "records": sum(1 for _ in (project / "kb").rglob("*.yml")),
        "dirty": dirty,
        "first_build_s": first_build,
        "edit_to_served_s": statistics.median(times),
        "edits_s": times,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty (only changed pages rebuilt)")
    args = parser.parse_args()
    result = edit_loop(args.project.resolve(), args.edits, args.dirty)
    print(
        f"{result['records']} records: first build {result['first_build_s']:.1f} s; "
        f"save -> page served {result['edit_to_served_s']:.2f} s (median of {len(result['edits_s'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
