"""Rule packs: boilerplate line patterns as data, compiled once.

A pack file is TOML with one table per family::

    [share]
    rule = "pack.share"      # rule id for the edit log
    scope = "any"            # "any", "edge" (leading/trailing block only) or "weak"
                             # (leading/trailing block, next to a line a rule explains)
    patterns = ['share this', ...]

All families of one scope become ONE alternation regex with a named group
per family, matched once against each line (whole line, case-insensitive,
surrounding punctuation and symbols allowed).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cleanse.errors import ConfigError

Scope = Literal["any", "edge", "weak"]
_DECORATION = r"[\W_]*"
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "boilerplate"


# No widget, credit or promo line is longer than this; longer lines are content and
# never cost a pattern pass (the decorated pack patterns are quadratic on long runs).
MAX_RULE_LINE = 2000


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    rule: str
    scope: Scope
    patterns: tuple[str, ...]


def load_families(text: str, *, origin: str) -> list[Family]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: invalid rule pack: {exc}") from exc
    families: list[Family] = []
    for name, table in data.items():
        if name.startswith("_"):
            continue
        if not isinstance(table, dict):
            raise ConfigError(f"{origin}: [{name}] must be a table")
        scope = table.get("scope", "any")
        patterns = table.get("patterns", [])
        if scope not in ("any", "edge", "weak") or not isinstance(patterns, list):
            raise ConfigError(
                f"{origin}: [{name}] needs scope 'any'|'edge'|'weak' and a patterns list"
            )
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"{origin}: [{name}] bad pattern {pattern!r}: {exc}") from exc
        families.append(
            Family(name, str(table.get("rule", f"pack.{name}")), scope, tuple(patterns))
        )
    return families


def default_families() -> list[Family]:
    pack = DATA_DIR / "packs.toml"
    return load_families(pack.read_text(encoding="utf-8"), origin=str(pack))


def families_from_file(path: Path) -> list[Family]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read rule pack: {exc}") from exc
    return load_families(text, origin=str(path))


class PackMatcher:
    """One compiled regex per scope; ``match(line)`` returns (rule, scope) or None."""

    def __init__(self, families: list[Family], disabled: frozenset[str] = frozenset()) -> None:
        self._rules: dict[str, tuple[str, Scope]] = {}
        self._regex: dict[Scope, re.Pattern[str] | None] = {}
        for scope in ("any", "edge", "weak"):
            alternatives = []
            for i, fam in enumerate(families):
                if fam.scope != scope or not fam.patterns or fam.rule in disabled:
                    continue
                group = f"f{i}"
                self._rules[group] = (fam.rule, fam.scope)
                alternatives.append(f"(?P<{group}>{'|'.join(f'(?:{p})' for p in fam.patterns)})")
            self._regex[scope] = (
                re.compile(f"{_DECORATION}(?:{'|'.join(alternatives)}){_DECORATION}", re.IGNORECASE)
                if alternatives
                else None
            )

    def match(self, line: str, scope: Scope) -> str | None:
        regex = self._regex[scope]
        if regex is None or len(line) > MAX_RULE_LINE:
            return None
        m = regex.fullmatch(line.strip())
        if m is None:
            return None
        group = m.lastgroup or next((k for k, v in m.groupdict().items() if v is not None), None)
        return self._rules[group][0] if group is not None else None


def default_agencies() -> frozenset[str]:
    """News agency names (``[_agencies]`` in the built-in pack)."""
    pack = DATA_DIR / "packs.toml"
    names = tomllib.loads(pack.read_text(encoding="utf-8")).get("_agencies", {}).get("names", [])
    return frozenset(str(x) for x in names)
