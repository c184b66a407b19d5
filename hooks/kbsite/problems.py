"""Problems found in the knowledge base, each with a place, and the one error that carries them all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
        where = f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, so it lands on the file and line of a PR."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.col}::{text}"


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
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
