"""What changed in the records, and when, read from git history; without git or history, nothing is known.

Every byte git prints is data. Commits and paths come NUL-separated (``-z``) and are decoded with
``errors="replace"``, so no commit subject, author name or path (control characters, newlines, commas, odd
encodings) can derail the reading: at worst one oddly named file is described less well. Nothing here raises;
a repository that cannot be read is no history at all.

What changed is worked out from the files themselves: a record added or removed, and which of its top-level
fields were added, changed or removed, by comparing the file's text before and after the commit (comments and
the editors' ``notes`` are not what a reader sees, and are left out).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .types import TRANSLATIONS, PartialDate

RECENT = 200
"""How many of the latest changes the history keeps (the Recent changes page shows the records' among them)."""

HIDDEN_FIELDS = frozenset({"notes"})
"""Fields that are not shown to readers, whose changes are not described."""

_HEADER = re.compile(r"\n?commit ([0-9a-f]{7,64}) ([0-9]{4}-[0-9]{2}-[0-9]{2})\x1f(.*)", re.S)
_STATUS = re.compile(r"\n?([ACDMRTUXB])[0-9]*")
_SAFE_PATH = re.compile(r"[A-Za-z0-9._/-]+")
"""Paths whose contents are read back through `git cat-file --batch` (a line protocol): record files' paths are
always of this form; any other path is listed but not compared."""
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)")
_TRANSLATION = re.compile(r"(?:- )?(?:%s)(?:_of)?\s*:" % "|".join(TRANSLATIONS))
"""A translation's key inside a translated text (``ja:``, ``ja_of:``)."""
_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC", "PATH": "/usr/bin:/bin:/usr/local/bin", "LC_ALL": "C"}


@dataclass(frozen=True)
class Change:
    """One commit's change to one record file."""

    date: PartialDate
    """The commit's date (UTC)."""
    subject: str
    """The first line of the commit message, as data (never shown to readers as the description)."""
    commit: str
    """The abbreviated commit hash."""
    path: str = ""
    """The file, relative to the repository root (``kb/people/x.yml``)."""
    action: Literal["added", "changed", "removed"] = "changed"
    """What happened to the file."""
    added: tuple[str, ...] = ()
    """Fields the commit added to the record."""
    changed: tuple[str, ...] = ()
    """Fields whose value the commit changed."""
    removed: tuple[str, ...] = ()
    """Fields the commit removed from the record."""

    @property
    def visible(self) -> bool:
        """True when the change touches something a reader sees (the record itself, or a shown field)."""
        return self.action != "changed" or bool(self.added or self.changed or self.removed)


class History(dict[str, Change]):
    """The last change of every record file, by path; ``recent`` holds the latest changes, newest first."""

    recent: tuple[Change, ...] = ()


def last_changes(root: Path, folder: str = "kb", recent: int = RECENT) -> History:
    """The last change of every file under ``folder``, keyed by its path relative to ``root`` (posix), each
    describing what the commit changed in it; and the ``recent`` latest changes to any file."""
    try:
        result = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=false",
                "log",
                "-z",
                "--relative",
                "--no-renames",
                "--name-status",
                "--no-color",
                "--format=commit %h %cs%x1f%s",
                "--",
                folder,
            ],
            cwd=root,
            capture_output=True,
            timeout=60,
            env=_ENV,
        )
    except (OSError, subprocess.SubprocessError):
        return History()
    if result.returncode != 0:
        return History()
    events = list(_events(result.stdout))
    described = _describe(root, events)
    history = History()
    for change in described:  # newest first: a file's last change a reader can see, else its last change
        current = history.get(change.path)
        if current is None or (change.visible and not current.visible):
            history[change.path] = change
    shown = [change for change in described if change.visible]
    history.recent = tuple(shown[:recent])
    return history


def _events(output: bytes) -> Iterable[tuple[str, str, str, str, str]]:
    """(commit, date, subject, path, status letter) for each file of each commit, newest commit first. The output
    is read token by token: a header, then status and path pairs; a token that fits neither is skipped."""
    header: tuple[str, str, str] | None = None
    tokens = output.split(b"\0")
    index = 0
    while index < len(tokens):
        token = tokens[index].decode("utf-8", errors="replace")
        index += 1
        found = _HEADER.fullmatch(token)
        if found:
            header = (found.group(1), found.group(2), " ".join(found.group(3).split()))
            continue
        status = _STATUS.fullmatch(token)
        if status and header is not None and index < len(tokens):
            path = tokens[index].decode("utf-8", errors="replace")
            index += 1
            if path:
                yield (*header, path, status.group(1))


def _describe(root: Path, events: list[tuple[str, str, str, str, str]]) -> list[Change]:
    """Each event as a Change, with the fields it added, changed or removed, from the file before and after."""
    wanted: list[str] = []
    for commit, _, _, path, status in events:
        if _SAFE_PATH.fullmatch(path):
            if status != "A":
                wanted.append(f"{commit}^:./{path}")
            if status != "D":
                wanted.append(f"{commit}:./{path}")
    texts = _blobs(root, list(dict.fromkeys(wanted)))
    changes = []
    for commit, day, subject, path, status in events:
        try:
            date = PartialDate.parse(day)
        except ValueError:  # pragma: no cover - the header pattern admits only dates git writes
            date = PartialDate(1970, 1, 1)
        action: Literal["added", "changed", "removed"] = (
            "added" if status == "A" else "removed" if status == "D" else "changed"
        )
        added: tuple[str, ...] = ()
        changed: tuple[str, ...] = ()
        removed: tuple[str, ...] = ()
        if action == "changed" and _SAFE_PATH.fullmatch(path):
            before = _fields(texts.get(f"{commit}^:./{path}", ""))
            after = _fields(texts.get(f"{commit}:./{path}", ""))
            added = tuple(k for k in after if k not in before and k not in HIDDEN_FIELDS)
            removed = tuple(k for k in before if k not in after and k not in HIDDEN_FIELDS)
            changed = tuple(k for k in after if k in before and before[k] != after[k] and k not in HIDDEN_FIELDS)
        changes.append(Change(date, subject, commit, path, action, added, changed, removed))
    return changes


def _blobs(root: Path, names: list[str]) -> dict[str, str]:
    """The text of each ``commit:path`` through one `git cat-file --batch`; names git does not know are left out."""
    if not names:
        return {}
    try:
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=root,
            capture_output=True,
            timeout=60,
            env=_ENV,
            input="".join(f"{name}\n" for name in names).encode(),
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    out, position, texts = result.stdout, 0, {}
    for name in names:
        end = out.find(b"\n", position)
        if end < 0:
            break
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            texts[name] = out[position : position + size].decode("utf-8", errors="replace")
            position += size + 1  # the blob, then a newline
        elif len(header) == 3 and header[2].isdigit():  # a tree or commit named by mistake: skip its content
            position += int(header[2]) + 1
    return texts


def _fields(text: str) -> dict[str, str]:
    """A record's top-level fields, each with its value's text (comments and blank lines left out), without
    reading the YAML: the comparison must work on any text, valid or not. Translations are left out: a text
    that gains or changes its Japanese (``ja:``, ``ja_of:``) has not changed for the English reader, and
    ``name: X`` reads as ``name: {en: X}``."""
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    skipping: int | None = None  # the indentation of a translation key whose lines are being left out
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if skipping is not None and indent > skipping:
            continue
        skipping = None
        if _TRANSLATION.match(stripped) and indent:
            skipping = indent
            continue
        key = _KEY.match(line) if not line[:1].isspace() else None
        if key and not line.startswith("-"):
            current = fields.setdefault(key.group(1), [])
            current.append(line[key.end() :].split(" #", 1)[0].strip())
        elif current is not None:
            value = stripped.split(" #", 1)[0]
            if value.startswith("en:") and current and (current[-1] == "" or current[-1].endswith(":")):
                current[-1] = (current[-1] + " " + value[3:].strip()).strip()  # the English, as if written plainly
                continue
            current.append(value)
    return {key: "\n".join(lines) for key, lines in fields.items()}
