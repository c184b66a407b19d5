"""Command line: check the knowledge base, write schemas, write the generated pages for any generator."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import KnowledgeBaseError, build, generated, htslists
from .currency import Review
from collections import Counter

from .i18n import LANGUAGES
from .problems import Problem
from .types import LANGUAGE_NAMES
from .validate import check
from .models import KIND_BY_FOLDER, KINDS
from .problems import printable


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    kb_dir = Path(args.kb)
    paths, problems, reviews, translations, stale = check(kb_dir, Path.cwd())  # every rule; no records kept
    problems = sorted(problems + htslists.check(kb_dir, Path.cwd(), paths)[1])  # the HTS lists of kb/lists/
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    if problems:
        for problem in problems:
            print(problem.github_annotation() if annotate else problem)
        _warn(reviews, annotate)
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {printable(str(kb_dir))}.", file=sys.stderr)
        return 1
    counts = {kind: 0 for kind in KINDS}
    for path in paths.values():
        counts[KIND_BY_FOLDER[path.rsplit("/", 2)[-2]].kind] += 1  # a record's folder is its kind
    width = max(len(model.plural) for model in KINDS.values())
    for kind, count in counts.items():
        print(f"  {KINDS[kind].plural:<{width}}  {count:>5}")
    _warn(reviews, annotate)
    _translation_report(translations, stale, annotate, args.strict_i18n)
    elapsed = time.perf_counter() - started
    warned = f", {len(reviews)} warning{'s' if len(reviews) != 1 else ''}" if reviews else ""
    print(f"{sum(counts.values())} records, 0 problems{warned} ({elapsed:.2f} s).")
    if args.strict_i18n and stale:
        count = len(stale)
        print(f"{count} stale translation{'s' if count != 1 else ''} (--strict-i18n).", file=sys.stderr)
        return 1
    return 0


def _translation_report(
    translations: dict[str, dict[str, Counter[str]]], stale: list[Problem], annotate: bool, strict: bool
) -> None:
    """Per language, per kind with translatable text: records translated, stale (older than their English) and
    missing (a text not translated); then each stale text, positioned. A report: it fails only with --strict-i18n."""
    for language, kinds in translations.items():
        print(f"translation into {LANGUAGE_NAMES[language]} (records: translated / stale / missing):")
        width = max(len(KINDS[kind].plural) for kind in kinds)
        for kind, counted in kinds.items():
            if sum(counted.values()):
                print(
                    f"  {KINDS[kind].plural:<{width}}  {counted['translated']:>5} / {counted['stale']:>3} / "
                    f"{counted['missing']:>5}"
                )
    for problem in stale:
        print(problem.github_annotation() if annotate and strict else problem)


def _warn(reviews: list[Review], annotate: bool) -> None:
    """The reminders: warnings, one line each, which leave the check passing."""
    for item in reviews:
        print(item.problem.github_annotation().replace("::error ", "::warning ", 1) if annotate else item.problem)
    if reviews:
        print(
            f"warning: {len(reviews)} date{'s' if len(reviews) != 1 else ''} or source{'s' if len(reviews) != 1 else ''} "
            "to look at again (counted from as_of in kb/config.yml; the site's Needs review page lists them)",
            file=sys.stderr,
        )


def _schemas(args: argparse.Namespace) -> int:
    changed = generated.write(Path.cwd(), Path(args.kb))
    print(f"{len(changed)} generated file(s) updated" + (f": {', '.join(changed)}" if changed else "."))
    return 0


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, create, required_fields

    try:
        path = create(Path(args.kb), args.kind, args.id, args.source)
    except ScaffoldError as error:
        print(f"cannot create the record: {printable(str(error))}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    print(f"required fields of a {args.kind}: {', '.join(required_fields(args.kind))}")
    print("replace the values marked TODO, then run `make check`")
    return 0


def _pages(args: argparse.Namespace) -> int:
    from .history import last_changes
    from .render import Site
    from .render.pages import KindError

    try:
        kb = build(Path(args.kb), Path.cwd())
    except KnowledgeBaseError as error:
        print(error.report(), file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        site = Site(kb, last_changes(Path.cwd()), language=args.language)
    except KindError as error:
        print(error, file=sys.stderr)
        return 1
    pages = {**{uri: page.markdown() for uri, page in site.pages.items()}, **site.files}
    for uri, text in pages.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # a compressed file
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8", newline="")  # keep the calendar's CRLF as it is
    print(f"{len(pages)} pages written to {out}/")
    return 0


def _translated(args: argparse.Namespace) -> int:
    from .i18n.stamp import stamp

    try:
        kb = build(Path(args.kb), Path.cwd())
    except KnowledgeBaseError as error:
        print(error.report(), file=sys.stderr)
        return 1
    try:
        written = stamp(kb, Path.cwd(), args.files)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    for path, count in written.items():
        print(f"{path}: {count} translation{'s' if count != 1 else ''} marked as made from the present English")
    print(f"{sum(written.values())} translations marked in {len(written)} files.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kbsite", description=__doc__)
    parser.add_argument("--kb", default="kb", help="the knowledge base folder (default: kb)")
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser(
        "check", help="validate kb/ and print every problem as path:line:col: field: message"
    )
    checking.add_argument(
        "--strict-i18n", action="store_true", help="fail when a translation is older than its English text"
    )
    commands.add_parser(
        "schemas",
        help="regenerate kb/schemas/, mkdocs.yml's nav of kinds, the README's table of "
        "kinds and .vscode/settings.json from the record kinds",
    )
    new = commands.add_parser("new", help="write a commented skeleton for a new record")
    new.add_argument("kind", choices=list(KINDS), help="the record kind")
    new.add_argument("id", help="the new record's id, lower-case words joined by hyphens")
    new.add_argument("--source", help="the id of the source the new record's facts come from")
    pages = commands.add_parser("pages", help="write the generated Markdown pages into a folder")
    pages.add_argument("out", help="the folder to write into")
    pages.add_argument("--language", default="en", choices=LANGUAGES, help="the language of the pages (default: en)")
    translated = commands.add_parser(
        "translated",
        help="record beside each translation the English it was made from; name files whose stale translations "
        "you have translated again",
    )
    translated.add_argument("files", nargs="*", help="record files whose stale translations were brought up to date")
    args = parser.parse_args(argv)
    commands_ = {"check": _check, "schemas": _schemas, "new": _new, "pages": _pages, "translated": _translated}
    return commands_[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
