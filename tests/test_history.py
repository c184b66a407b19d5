"""History from git is data: what changed in which record, and no commit subject, author name or path can break
a build. The repository here holds hostile commits: control characters and a look-alike of the log's own
header in subjects, an odd author, a message in another encoding, and paths with a comma, a newline, a unit
separator and bytes that are not UTF-8."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

from conftest import Project
from kbsite.history import _events, _fields, last_changes

HOSTILE_PATHS = [
    b"kb/people/we,ird\nname.yml",
    b"kb/people/commit 0123456 2025-01-01\x1fM.yml",
    b"kb/people/caf\xe9.yml",
    b"kb/M",
    b"kb/people/-.yml",
]


def git(
    cwd: Path, *args: str | bytes, when: str = "2025-05-01T12:00:00Z", name: str = "Test", stdin: bytes | None = None
) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, input=stdin)


def hostile_history(project: Project) -> None:
    root = project.root
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Add the first records")
    for raw in HOSTILE_PATHS:
        path = os.path.join(os.fsencode(root), raw)
        with open(path, "wb") as file:
            file.write(b"id: x\nname: \xff\xfe odd bytes\n")
    person = project.kb / "people" / "scott-bessent.yml"
    person.write_text(
        person.read_text(encoding="utf-8").replace("lead negotiator", "chief negotiator"), encoding="utf-8"
    )
    git(root, "add", "-A")
    git(
        root,
        "commit",
        "-q",
        "-m",
        "\x1b[31mred\x07 bell\x1f unit\tsep commit abc1234 2025-01-01\x1fM",
        "-m",
        "Body line\n\nM\nkb/people/fake.yml",
        when="2025-06-01T12:00:00Z",
        name="Evil, Name \x1f Jr.",
    )
    akazawa = project.kb / "people" / "ryosei-akazawa.yml"
    akazawa.write_text(akazawa.read_text(encoding="utf-8").replace("aliases: [Akazawa]\n", ""), encoding="utf-8")
    git(
        root,
        "-c",
        "i18n.commitEncoding=ISO-8859-1",
        "commit",
        "-q",
        "-a",
        "-F",
        "-",
        when="2025-06-02T12:00:00Z",
        stdin=b"Caf\xe9 \xff\xfe change in Latin-1\n",
    )
    for raw in HOSTILE_PATHS:
        os.unlink(os.path.join(os.fsencode(root), raw))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "commit deadbee 2025-01-01\x1fD", when="2025-06-03T12:00:00Z")


def test_hostile_commits_are_data(mini_project: Project) -> None:
    hostile_history(mini_project)
    changes = last_changes(mini_project.root)
    bessent = changes["kb/people/scott-bessent.yml"]
    assert str(bessent.date) == "2025-06-01" and bessent.action == "changed" and bessent.changed == ("summary",)
    assert bessent.subject.startswith("\x1b[31mred\x07 bell") and "commit abc1234" in bessent.subject  # as data
    akazawa = changes["kb/people/ryosei-akazawa.yml"]
    assert str(akazawa.date) == "2025-06-02" and akazawa.removed == ("aliases",) and akazawa.changed == ()
    assert "change in Latin-1" in akazawa.subject
    removed = [c for c in changes.values() if c.action == "removed"]
    assert {c.path for c in removed} == {raw.decode("utf-8", errors="replace") for raw in HOSTILE_PATHS}
    assert "kb/people/fake.yml" not in changes  # the message's body is never read as paths
    assert all(str(c.date) == "2025-06-03" for c in removed)


def test_a_hostile_history_builds(mini_project: Project) -> None:
    hostile_history(mini_project)
    result = mini_project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    bessent = (mini_project.site / "people" / "scott-bessent" / "index.html").read_text(encoding="utf-8")
    assert 'Last changed <time datetime="2025-06-01">1 June 2025</time>: Summary changed' in bessent
    akazawa = (mini_project.site / "people" / "ryosei-akazawa" / "index.html").read_text(encoding="utf-8")
    assert 'Last changed <time datetime="2025-06-02">2 June 2025</time>: Aliases removed' in akazawa
    recent = (mini_project.site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "we,ird name (no longer in the knowledge base)" in recent
    assert "Record removed" in recent and "Record added" in recent
    assert recent.index("Scott Bessent") > recent.index("Ryosei Akazawa")  # newest first
    for page in mini_project.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text and "\x1f" not in text, page
        assert "red" + "\x07" not in text and "deadbee" not in text


def test_no_repository_or_a_broken_one_is_no_history(tmp_path: Path) -> None:
    assert last_changes(tmp_path) == {}
    (tmp_path / ".git").write_text("gitdir: /nonexistent\n")
    assert last_changes(tmp_path) == {}


def test_the_readers_never_raise_on_any_bytes() -> None:
    rng = random.Random(13)
    alphabet = b"\0\n\x1f commitabcdef0123456789-AMD:kb/#\t\xff\xe9"
    for _ in range(500):
        blob = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        list(_events(blob))
        _fields(blob.decode("utf-8", errors="replace"))
    assert list(_events(b"commit 0123456 2025-01-01\x1fsubject\0\nM\0kb/a.yml\0")) == [
        ("0123456", "2025-01-01", "subject", "kb/a.yml", "M")
    ]
