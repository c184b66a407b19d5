"""A seeded generator of synthetic knowledge bases: a realistic mix of kinds, references, prose and dates.

python bench/generate.py 3000 /tmp/kb3000      # writes kb3000/<kind>/<id>.yml, always the same for a seed
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

MIX = {
    "jurisdiction": 0.03,
    "person": 0.18,
    "organization": 0.09,
    "measure": 0.18,
    "product": 0.002,
    "meeting": 0.10,
    "topic": 0.04,
    "event": 0.178,
    "agreement": 0.04,
    "dispute": 0.01,
    "claim": 0.03,
    "term": 0.04,
    "source": 0.08,
}
"""Share of each kind in a generated knowledge base (trade trackers are mostly measures and events)."""

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from kbsite.models import KINDS  # noqa: E402 - the folders come from the kinds themselves

FOLDERS = {kind: model.plural for kind, model in KINDS.items()}
"""The folder of each kind under kb/."""
UNKNOWN = sorted(set(MIX) - set(KINDS))
if UNKNOWN:
    raise SystemExit(f"bench/generate.py: MIX names kinds that models.py does not define: {', '.join(UNKNOWN)}")

WORDS = (
    "tariff talks negotiators agreed review schedule exports imports duties steel vehicles parts officials "
    "announced investment framework ministers statement quota market access rules origin customs ruling "
    "court appeal pause extension deadline rate floor additive"
).split()


def _date(rng: random.Random) -> str:
    year = rng.choice((2024, 2025, 2026))
    month = rng.randint(1, 12)
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


class Generator:
    def __init__(self, size: int, seed: int) -> None:
        if size < 40:
            raise ValueError("a generated knowledge base has at least 40 records, two of each kind and then some")
        self.rng = random.Random(seed)
        self.counts = {kind: max(2, round(size * share)) for kind, share in MIX.items()}
        self.counts["event"] += size - sum(self.counts.values())
        self.ids = {kind: [f"{kind}-{i:05d}" for i in range(count)] for kind, count in self.counts.items()}
        self.names = {
            rid: f"{kind.title()} {self._word(i).title()} {i}"
            for kind, ids in self.ids.items()
            for i, rid in enumerate(ids)
        }
        self.term_names = {
            rid: f"{self._word(i)} {self._word(i + 7)} term{i}" for i, rid in enumerate(self.ids["term"])
        }

    def _word(self, i: int) -> str:
        return WORDS[i % len(WORDS)]

    def pick(self, kind: str, k: int = 1) -> list[str]:
        return self.rng.sample(self.ids[kind], min(k, len(self.ids[kind])))

    def prose(self) -> str:
        """Two or three sentences that mention other records and glossary terms by name."""
        parts = []
        for _ in range(self.rng.randint(2, 3)):
            words = self.rng.choices(WORDS, k=self.rng.randint(8, 16))
            words.insert(self.rng.randint(0, len(words)), self.names[self.rng.choice(self.ids["person"])])
            words.insert(self.rng.randint(0, len(words)), self.term_names[self.rng.choice(self.ids["term"])])
            if self.rng.random() < 0.5:
                words.insert(self.rng.randint(0, len(words)), self.names[self.rng.choice(self.ids["jurisdiction"])])
            parts.append(" ".join(words).capitalize() + ".")
        return " ".join(parts)

    def fact(self) -> dict:
        return {
            "sources": self.pick("source", self.rng.randint(1, 2)),
            "confidence": self.rng.choice(("high", "medium")),
        }

    def record(self, kind: str, index: int, rid: str) -> dict:
        rng, name = self.rng, self.names[rid]
        if kind == "source":
            return {
                "id": rid,
                "title": f"Report on {name}",
                "url": f"https://example.org/reports/{rid}",
                "publisher": "Example News",
                "published": _date(rng),
                "type": "news",
            }
        if kind == "jurisdiction":
            return {
                "id": rid,
                "name": name,
                "code": f"{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}",
                "type": "country",
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "person":
            start = _date(rng)
            return {
                "id": rid,
                "name": name,
                "aliases": [f"P{index}"],
                "nationality": self.pick("jurisdiction")[0],
                "roles": [{"title": "Minister", "organization": self.pick("organization")[0], "start": start}],
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "organization":
            return {
                "id": rid,
                "name": name,
                "type": "ministry",
                "jurisdiction": self.pick("jurisdiction")[0],
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "measure":
            announced = _date(rng)
            history = [{"status": "announced", "date": announced}, {"status": "in-force", "date": announced}]
            if rng.random() < 0.3:
                history.append({"status": "paused", "date": announced})
            return {
                "id": rid,
                "title": name,
                "imposing": self.pick("jurisdiction")[0],
                "targets": self.pick("jurisdiction", rng.randint(1, 3)),
                "authority": "section-232",
                "products": {"description": "Goods", "categories": self.pick("product")},
                "rate": {"percent": rng.choice((10, 15, 25)), "application": "additive"},
                "status_history": history,
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "product":  # the first is the broadest category; the others belong to it
            parent = {"parent": self.ids["product"][0]} if index else {}
            return {
                "id": rid,
                "name": name,
                **parent,
                "hs_codes": [f"{10 + index % 90:02d}"] if index else [],
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "meeting":
            return {
                "id": rid,
                "title": name,
                "start": _date(rng),
                "format": "in-person",
                "participants": [{"person": p} for p in self.pick("person", rng.randint(2, 4))],
                "topics": self.pick("topic", 2),
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "topic":
            return {
                "id": rid,
                "name": name,
                "measures": self.pick("measure", 3),
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "event":
            return {
                "id": rid,
                "title": name,
                "date": _date(rng),
                "type": "statement",
                "actors": self.pick("person", 2),
                "measures": self.pick("measure", 1),
                "jurisdictions": self.pick("jurisdiction", 1),
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "agreement":
            return {
                "id": rid,
                "name": name,
                "type": "framework",
                "parties": self.pick("jurisdiction", 2),
                "announced": _date(rng),
                "legally_binding": "unclear",
                "status": "announced",
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "dispute":
            return {
                "id": rid,
                "title": name,
                "question": f"Whether the {self._word(index)} was agreed, number {index}.",
                "about": self.pick("topic", 1) + self.pick("measure", 1),
                "summary": self.prose(),
                **self.fact(),
            }
        if kind == "claim":
            # claims come in pairs on a dispute, one per side, the second disputing the first
            pair, second = divmod(index, 2)
            sides = self.ids["jurisdiction"][:2]
            record = {
                "id": rid,
                "dispute": self.ids["dispute"][pair % len(self.ids["dispute"])],
                "claimant": self.pick("person")[0],
                "side": sides[second],
                "date": _date(rng),
                "venue": "press conference",
                "statement": self.prose(),
                "about": self.pick("topic", 1),
            }
            if second:
                record["disputes"] = [self.ids["claim"][index - 1]]
            return {**record, **self.fact()}
        if kind == "term":
            return {
                "id": rid,
                "name": self.term_names[rid],
                "definition": f"A synthetic term used to measure the site, number {index}.",
                "scope": "general",
                **self.fact(),
            }
        raise ValueError(f"bench/generate.py has no recipe for records of kind {kind!r}: add one to Generator.record")

    def write(self, out: Path) -> int:
        written = 0
        for kind, ids in self.ids.items():
            folder = out / FOLDERS[kind]
            folder.mkdir(parents=True, exist_ok=True)
            for index, rid in enumerate(ids):
                text = yaml.safe_dump(self.record(kind, index, rid), sort_keys=False, allow_unicode=True, width=1000)
                (folder / f"{rid}.yml").write_text(text, encoding="utf-8")
                written += 1
        return written


def generate(size: int, out: Path, seed: int = 2025) -> int:
    """Write a knowledge base of exactly ``size`` records into ``out``; return the count."""
    return Generator(size, seed).write(out)


if __name__ == "__main__":
    count = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} records written to {sys.argv[2]}")
