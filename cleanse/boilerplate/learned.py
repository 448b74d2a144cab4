"""Per-site boilerplate learned from a corpus, and the rules file that holds it.

Learning is explicit (``cleanse learn``) and deterministic: a line is learned
for a site when it occurs in at least ``min_docs`` documents of that site and
in at least ``min_share`` of them. The rules file is JSON with sorted keys::

    {"format": "cleanse-boilerplate-rules", "version": 1,
     "params": {"min_docs": 3, "min_share": 0.3, "max_words": 60},
     "sites": {"example.com": {"documents": 12, "lines": ["Poster Speaks", ...]}}}

``clean`` loads it through ``[boilerplate] learned_rules = ["rules.json"]``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cleanse.errors import ConfigError, reason

FORMAT = "cleanse-boilerplate-rules"
VERSION = 1
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")


def line_key(line: str) -> str:
    """The form lines are compared in: spaces collapsed, case folded."""
    return _SPACE.sub(" ", line).strip().casefold()


@dataclass(frozen=True, slots=True)
class LearnParams:
    min_docs: int = 3
    min_share: float = 0.3
    max_words: int = 60


@dataclass(slots=True)
class Learner:
    """Counts, per site, in how many documents each line occurs."""

    params: LearnParams = field(default_factory=LearnParams)
    documents: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[str]] = field(default_factory=dict)
    surface: dict[tuple[str, str], str] = field(default_factory=dict)
    fingerprints: set[tuple[str, str]] = field(default_factory=set)

    def add(self, site: str, text: str) -> None:
        """Count the lines of one document of ``site``. A copy of a document seen already
        (the same text: one page under URLs with other query parameters) counts once,
        or its body would pass for lines that repeat. (Not "the same longest paragraph":
        a long footer on every page would make all pages one.)"""
        site = site.lower()
        lines = [_SPACE.sub(" ", raw).strip() for raw in text.split("\n")]
        fingerprint = hashlib.sha256("\n".join(map(line_key, lines)).encode()).hexdigest()
        if (site, fingerprint) in self.fingerprints:
            return
        self.fingerprints.add((site, fingerprint))
        self.documents[site] += 1
        seen: dict[str, str] = {}
        for line in lines:
            if not line or not _WORD.search(line) or len(line.split()) > self.params.max_words:
                continue
            seen.setdefault(line_key(line), line)
        counts = self.lines.setdefault(site, Counter())
        for key, line in seen.items():
            counts[key] += 1
            # Deterministic surface form: the smallest spelling seen.
            prev = self.surface.get((site, key))
            if prev is None or line < prev:
                self.surface[(site, key)] = line

    def rules(self) -> dict[str, object]:
        p = self.params
        sites: dict[str, object] = {}
        for site in sorted(self.documents):
            docs = self.documents[site]
            chosen = sorted(
                self.surface[(site, key)]
                for key, n in self.lines.get(site, Counter()).items()
                if n >= p.min_docs and n / docs >= p.min_share
            )
            if chosen:
                sites[site] = {"documents": docs, "lines": chosen}
        return {
            "format": FORMAT,
            "version": VERSION,
            "params": {"min_docs": p.min_docs, "min_share": p.min_share, "max_words": p.max_words},
            "sites": sites,
        }


def dump_rules(rules: Mapping[str, object]) -> str:
    return json.dumps(rules, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def load_rules(path: Path) -> dict[str, frozenset[str]]:
    """site -> the line keys learned for it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read learned rules: {reason(exc)}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"{path}: not a cleanse learned-rules file (format {FORMAT!r})")
    sites = data.get("sites", {})
    if not isinstance(sites, dict):
        raise ConfigError(f"{path}: 'sites' must be an object")
    out: dict[str, frozenset[str]] = {}
    for site, entry in sites.items():
        lines = entry.get("lines", []) if isinstance(entry, dict) else None
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise ConfigError(f"{path}: site {site!r} needs a 'lines' list of strings")
        out[str(site).lower()] = frozenset(line_key(x) for x in lines)
    return out


def merge_rules(sets: Iterable[dict[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    merged: dict[str, frozenset[str]] = {}
    for rules in sets:
        for site, keys in rules.items():
            merged[site] = merged.get(site, frozenset()) | keys
    return merged


def site_candidates(host: str | None) -> list[str]:
    """``a.b.example.com`` -> itself and its parent domains (not the bare TLD)."""
    if not host:
        return []
    parts = host.lower().rstrip(".").split(".")
    return [".".join(parts[i:]) for i in range(max(1, len(parts) - 1))]
