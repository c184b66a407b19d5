"""Problems found in the knowledge base, each with a place, and the one error that carries them all."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
"""What a terminal or a log would act on or hide rather than show: control characters (escape sequences start
with one), bidirectional controls and invisible characters."""


def printable(text: str) -> str:
    """A text as a terminal may print it: every character of _UNPRINTABLE written as its escape (``\\x1b``)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1] if found.group() != "'" else "'", text)


def _workflow_value(text: str) -> str:
    """A GitHub workflow command's property value (file=...): %, CR, LF, colon and comma escaped, as the runner's
    own toolkit does, so that a file name cannot end the property or start a command of its own."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _workflow_data(text: str) -> str:
    """A GitHub workflow command's message: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the knowledge base, positioned like a compiler message."""

    path: str
    """The file, relative to the project root, in posix form (``kb/people/x.yml``)."""
    line: int
    """1-based line (1 when the problem concerns the whole file)."""
    col: int
    """1-based column (1 when the problem concerns the whole file)."""
    field: str
    """Dotted path of the field inside the record (``roles.0.start``); empty for the document itself."""
    message: str
    """What was expected and what was found, and a hint where one helps."""

    def __str__(self) -> str:
        """The problem as one line for a terminal or a log: what a file name or a key could hold that a terminal
        would act on (an escape sequence, a carriage return) is shown escaped."""
        where = f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable(text)

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, so it lands on the file and line of a PR; the
        path is escaped as a property and the message as data, so neither can forge a command."""
        text = printable(f"{self.field}: {self.message}" if self.field else self.message)
        return f"::error file={_workflow_value(printable(self.path))},line={self.line},col={self.col}::{_workflow_data(text)}"


class KnowledgeBaseError(Exception):
    """Raised once, after every problem in the knowledge base has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the knowledge base.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """A path as contributors see it: relative to the project root where possible, always with slashes."""
    path = path.parent.resolve() / path.name  # the entry itself is never followed: it may be a link out of kb/
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root.resolve())).as_posix()
