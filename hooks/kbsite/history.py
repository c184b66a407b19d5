"""When each record last changed, read from git history; without git or history, nothing is known."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .types import PartialDate


@dataclass(frozen=True)
class Change:
    """The last commit that touched a file."""

    date: PartialDate
    """The commit's date (UTC)."""
    subject: str
    """The first line of the commit message."""
    commit: str
    """The abbreviated commit hash."""


def last_changes(root: Path, folder: str = "kb") -> dict[str, Change]:
    """The last change of every file under ``folder``, keyed by its path relative to ``root`` (posix).

    One `git log` over the folder, newest first; the first time a path appears is its last change.
    """
    marker = "\x1e"
    try:
        result = subprocess.run(
            ["git", "log", "--relative", "--no-renames", "--name-only", f"--format={marker}%cs%x09%h%x09%s", "--", folder],
            cwd=root, capture_output=True, text=True, timeout=60, env={"GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    changes: dict[str, Change] = {}
    for block in result.stdout.split(marker)[1:]:
        header, *paths = block.strip("\n").split("\n")
        day, commit, subject = (header.split("\t", 2) + ["", ""])[:3]
        change = Change(PartialDate.parse(day), subject, commit)
        for path in paths:
            if path and path not in changes:
                changes[path] = change
    return changes
