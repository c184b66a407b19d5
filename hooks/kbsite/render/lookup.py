"""The tariff-line outputs: every HTS-10 line in its product category with the duty on it over time, from the
same engine as the tariff pages (tariffs.py), as ``data/tariff-lines.csv`` and as the one data file the lookup
page loads (``data/tariff-lines.js``: JSON assigned to a global, so that it loads from file:// too).

Lines whose category and lists are the same get the same duties, so each such group is computed once: a few
dozen histories, not one per line. The data file holds the groups' histories and, per line, its group and its
description (each description as the number of " : " segments it shares with the line before, and the rest)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import t
from ..models import Measure
from ..tariffs import Applied, Duty, NotApplied, Tariffs
from .tariffs import percent

LINE_COLUMNS = ("jurisdiction", "hts10", "from", "until", "beyond_mfn_percent", "all_in_percent", "measures")
"""The header of tariff-lines.csv, in order (the data page documents each column)."""

DATA_FILE = "data/tariff-lines.js"
CSV_FILE = "data/tariff-lines.csv"
CSV_GZ_FILE = "data/tariff-lines.csv.gz"
GLOBAL = "KB_TARIFF_LINES"


@dataclass(frozen=True)
class Group:
    """Tariff lines in one product category on the same HTS lists (of those the measures name)."""

    product: str
    lists: frozenset[str]


def later_codes(tariffs: Tariffs) -> list[str]:
    """The codes of the lists a measure names that take in no line of the description file (codes of a later
    revision of the schedule than that file), in code order: the lookup answers for each as it stands, with no
    description, and tariff-lines.csv has rows for the ten-digit ones."""
    heads: dict[int, set[str]] = {}
    for hts10, _ in tariffs.kb.lists.lines:
        for n in (2, 4, 6, 8, 10):
            heads.setdefault(n, set()).add(hts10[:n])
    found = {
        code
        for list_id in tariffs.referenced_lists
        if list_id in tariffs.kb.lists.lists
        for code in tariffs.kb.lists.lists[list_id].codes
        if code not in heads.get(len(code), ())
    }
    return sorted(found)


def line_groups(tariffs: Tariffs) -> tuple[list[Group], list[tuple[str, str | None, int]]]:
    """The groups, and every line as (code, description, group index), in code order: the lines of the
    description file, and the codes of the lists that are not in it (description None; some of 8 digits)."""
    groups: dict[Group, int] = {}
    lines: list[tuple[str, str | None, int]] = []
    every: list[tuple[str, str | None]] = [*tariffs.kb.lists.lines, *((c, None) for c in later_codes(tariffs))]
    for code, description in sorted(every, key=lambda line: line[0]):
        group = Group(tariffs.category_of(code), tariffs.line_lists(code))
        index = groups.setdefault(group, len(groups))
        lines.append((code, description, index))
    return list(groups), lines


def line_rows(tariffs: Tariffs, groups: list[Group], lines: list[tuple[str, str | None, int]]) -> list[tuple[str, ...]]:
    """tariff-lines.csv: per jurisdiction and line, one row per interval of constant duty (the engine's history
    of the line's category on its lists). ``all_in_percent`` only where the MFN rate is recorded."""
    rows: list[tuple[str, ...]] = []
    for jurisdiction in tariffs.jurisdictions:
        cells = []
        for group in groups:
            found = []
            for interval in tariffs.history(jurisdiction, group.product, lists=group.lists):
                duty = interval.duty
                found.append(
                    (
                        interval.start.isoformat(),
                        interval.until.isoformat() if interval.until else "",
                        percent(duty.beyond_mfn),
                        percent(duty.all_in if duty.mfn is not None else None),
                        " ".join(duty.measure_ids),
                    )
                )
            cells.append(found)
        for code, _, index in lines:
            if len(code) == 10:  # an 8-digit code of a later revision stands for lines the file does not have
                rows.extend((jurisdiction, code, *cell) for cell in cells[index])
    return rows


def lines_csv(rows: Iterable[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LINE_COLUMNS)
    writer.writerows(rows)  # codes, ISO dates, numbers and ids only: no cell a spreadsheet could take for a formula
    return out.getvalue()


def gzipped(text: str) -> bytes:
    """``text`` gzipped the same on every build: no file name, a zero timestamp, the default level 6 (level 9
    would save a fifteenth of the size for twice the time)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def _rate(applied: Applied) -> str:
    """The rate a measure charges these goods, in words."""
    exemption = applied.exemption
    if exemption is not None and exemption.rate_unknown:
        return t("a reduced rate not recorded here")
    rate = applied.rate
    if rate is None:
        return t("rate not recorded")
    percent = f"{rate.percent:g}%"
    text = t("{floor} all-in (MFN if higher)", floor=percent) if rate.application == "floor" else f"+{percent}"
    if exemption is not None and exemption.quota:
        text = t("{rate} beyond the quota ({quota})", rate=text, quota=exemption.quota)
    return text


def _why(item: NotApplied) -> str:
    return item.words


_KINDS = {"superseded by": "superseded", "not stacked with": "not-stacked"}


def _kind(item: NotApplied) -> str:
    """Why a measure does not apply, in every language the same: "exempt", "superseded" or "not-stacked" (the
    page script words the reason by it; the reason itself is in the page's language)."""
    return "exempt" if item.reason.startswith("exempt") else _KINDS.get(item.reason, item.reason)


def _detail(duty: Duty) -> list[Any]:
    """What the page shows for a day: applied [[id, rate, reduced by]], not applied [[id, reason, by, kind]]."""
    applied = [
        [a.measure.id, _rate(a), a.exemption.basis if a.exemption and a.exemption.rate else ""] for a in duty.applied
    ]
    gone = [[n.measure.id, _why(n), n.by.id if n.by else "", _kind(n)] for n in duty.not_applied]
    return [applied, gone]


def _summary(duty: Duty) -> list[Any]:
    """[beyond MFN, all-in (only where MFN is recorded), in words, measure ids]."""
    return [duty.beyond_mfn, duty.all_in if duty.mfn is not None else None, duty.describe(), list(duty.measure_ids)]


def group_history(tariffs: Tariffs, jurisdiction: str, group: Group) -> dict[str, list[Any]]:
    """A group's duty over time from one jurisdiction: ``h`` the intervals of constant duty (as in the CSV, each
    also saying whether it rests on a scheduled change no recorded change confirms yet),
    ``d`` the finer intervals over which the measures applied and not applied (and why) stay the same."""
    coarse = [
        [i.start.isoformat(), i.until.isoformat() if i.until else None, *_summary(i.duty), i.scheduled]
        for i in tariffs.history(jurisdiction, group.product, lists=group.lists)
    ]
    fine: list[list[Any]] = []
    last = None
    for day in tariffs.change_days(jurisdiction, group.product, group.lists):
        duty = tariffs.duty(jurisdiction, group.product, day, lists=group.lists)
        detail = _detail(duty)
        if not fine and not (duty.applied or duty.not_applied):
            continue
        key = json.dumps([_summary(duty), detail])
        if key == last:
            continue
        if fine:
            fine[-1][1] = day.isoformat()
        fine.append([day.isoformat(), None, *_summary(duty), *detail])
        last = key
    return {"h": coarse, "d": fine}


def unmatched(tariffs: Tariffs) -> dict[str, dict[int, int]]:
    """For each list a measure names, how many of its codes take in no line of the description file (codes of
    a later revision of the schedule), by number of digits."""
    later = set(later_codes(tariffs))
    found: dict[str, dict[int, int]] = {}
    for list_id in sorted(tariffs.referenced_lists):
        if list_id in tariffs.kb.lists.lists:
            counts: dict[int, int] = {}
            for code in tariffs.kb.lists.lists[list_id].codes:
                if code in later:
                    counts[len(code)] = counts.get(len(code), 0) + 1
            found[list_id] = dict(sorted(counts.items(), reverse=True))
    return found


def _descriptions(lines: list[tuple[str, str | None, int]]) -> list[str]:
    """Each description as "k|rest": the first k " : " segments are those of the line before."""
    out = []
    previous: list[str] = []
    for _, description, _ in lines:
        parts = (description or "").split(" : ")
        shared = 0
        while shared < len(parts) - 1 and shared < len(previous) and parts[shared] == previous[shared]:
            shared += 1
        out.append(f"{shared}|{' : '.join(parts[shared:])}")
        previous = parts
    return out


def lookup_data(
    tariffs: Tariffs,
    groups: list[Group],
    lines: list[tuple[str, str | None, int]],
    hrefs: dict[str, str],
    revised: str,
    as_of: date | None,
) -> str:
    """The data file of the lookup page: JSON assigned to a global (a script loads from file://; fetch does not)."""
    kb = tariffs.kb
    described = [line for line in lines if line[1] is not None]
    measures = sorted({m.id for j in tariffs.jurisdictions for m in tariffs.aimed_at(j)})
    data = {
        "revised": revised,
        "as_of": as_of.isoformat() if as_of else None,
        "origins": {j: kb[j].label for j in tariffs.jurisdictions},
        "measures": {i: [_title(kb[i]), hrefs[i]] for i in measures},
        "products": {
            p.id: [p.label, hrefs[p.id], p.mfn.percent if p.mfn else None, list(p.aliases)] for p in tariffs.products
        },
        "lists": {i: kb.lists.lists[i].title for i in sorted(tariffs.referenced_lists) if i in kb.lists.lists},
        "groups": [
            {
                "product": g.product,
                "lists": sorted(g.lists),
                "by": {j: group_history(tariffs, j, g) for j in tariffs.jurisdictions},
            }
            for g in groups
        ],
        "codes": "".join(code for code, _, _ in described),
        "group": [index for _, _, index in described],
        "descriptions": _descriptions(described),
        # codes of the lists that are not in the description file, as [code, group index], in code order
        "later": [[code, index] for code, description, index in lines if description is None],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return f"window.{GLOBAL}={text};\n"


def _title(record: object) -> str:
    return record.title if isinstance(record, Measure) else str(getattr(record, "label", ""))
