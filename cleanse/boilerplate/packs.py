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

Patterns that open with a bounded wildcard (``.{0,120}all rights reserved``)
make that regex try the rest at every position of every line. A line whose
cased characters are all ASCII first passes a cheap exact gate (``_Gate``):
the other patterns as one regex, or the rest of a wildcard pattern found by
``search`` in the lowered line, which ``re`` scans in C from its possible
first characters.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from cleanse.errors import ConfigError, reason
from cleanse.sre import sre_modules

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
        raise ConfigError(f"{path}: cannot read rule pack: {reason(exc)}") from exc
    return load_families(text, origin=str(path))


_LEADING_WILDCARD = re.compile(r"\.(?:\{\d*,\d*\}|\*|\+)\??(?:\\b)*")


class _Gate:
    """A necessary condition for a scope's regex to match a line, cheap to test.

    The regex is ``D(?:A1|A2|...)D`` (D: decoration). A pattern ``.{m,n}R`` can match
    only if ``R`` occurs in the line; every other pattern only if ``D(?:P1|P2|...)D``
    matches. ``R`` is searched case-sensitively in the lowered line, which is the same
    as the case-insensitive search when the line's only cased characters are ASCII
    (``_caseless_beyond_ascii``; other lines skip the gate) and ``R`` holds no character
    that is upper-case or folds to an ASCII one (``_lowercase_only``; else no gate).
    """

    def __init__(self, anchored: list[str], rests: list[str]) -> None:
        self._anchored = (
            re.compile(
                f"{_DECORATION}(?:{'|'.join(f'(?:{p})' for p in anchored)}){_DECORATION}", re.I
            )
            if anchored
            else None
        )
        self._rests = tuple(re.compile(r) for r in rests)

    @classmethod
    def build(cls, patterns: list[str]) -> _Gate | None:
        anchored: list[str] = []
        rests: list[str] = []
        for pattern in patterns:
            if _refers_to_groups(pattern):
                return None  # the gate's regex numbers groups unlike the pack regex
            lead = _LEADING_WILDCARD.match(pattern)
            if lead is None:
                anchored.append(pattern)
            else:
                rest = pattern[lead.end() :]
                if not _lowercase_only(rest):
                    return None
                rests.append(rest)
        return cls(anchored, rests) if rests else None  # nothing to spare: no gate

    def passes(self, line: str) -> bool:
        if self._anchored is not None and self._anchored.fullmatch(line):
            return True
        lowered = line.lower()
        return any(rest.search(lowered) is not None for rest in self._rests)


def _parsed(pattern: str) -> tuple[Any, Any] | None:
    """The stdlib parser's items for ``pattern`` and its constants module, or None."""
    modules = sre_modules()
    if modules is None:  # pragma: no cover - a Python whose parser we do not know
        return None
    parser, const = modules
    try:
        return parser.parse(pattern, 0).data, const
    except Exception:  # pragma: no cover - compiled earlier, so it parses
        return None


def _refers_to_groups(pattern: str) -> bool:
    """Whether ``pattern`` holds a back reference or a conditional on a group."""
    parsed = _parsed(pattern)
    if parsed is None:  # pragma: no cover - see _parsed
        return True
    items, const = parsed
    return _has_ops(items, const, (const.GROUPREF, const.GROUPREF_EXISTS))


def _has_ops(items: Any, const: Any, ops: tuple[Any, ...]) -> bool:
    return any(
        op in ops or any(_has_ops(sub, const, ops) for sub in _children(op, arg, const))
        for op, arg in items
    )


def _children(op: Any, arg: Any, const: Any) -> list[Any]:
    """The sub-patterns of one parsed regex item."""
    if op is const.BRANCH:
        return [alt.data for alt in arg[1]]
    if op is const.SUBPATTERN:
        return [arg[3].data]
    if op in (const.MAX_REPEAT, const.MIN_REPEAT, const.POSSESSIVE_REPEAT):
        return [arg[2].data]
    if op in (const.ASSERT, const.ASSERT_NOT):
        return [arg[1].data]
    if op is const.ATOMIC_GROUP:
        return [arg.data]
    return []


def _lowercase_only(pattern: str) -> bool:
    """Whether every character ``pattern`` names is a lower-case or caseless character
    that no ASCII character equals when case is ignored (``K`` Kelvin sign, ``ſ``...)."""
    parsed = _parsed(pattern)
    return parsed is not None and _tree_lowercase(*parsed)


def _tree_lowercase(items: Any, const: Any) -> bool:
    walked = (
        const.BRANCH,
        const.SUBPATTERN,
        const.MAX_REPEAT,
        const.MIN_REPEAT,
        const.POSSESSIVE_REPEAT,
        const.ASSERT,
        const.ASSERT_NOT,
    )
    for op, arg in items:
        if op in (const.LITERAL, const.NOT_LITERAL):
            if not _char_ok(arg):
                return False
        elif op is const.IN:
            for sub_op, sub_arg in arg:
                if sub_op is const.LITERAL and not _char_ok(sub_arg):
                    return False
                if sub_op is const.RANGE and not all(
                    _char_ok(c) for c in range(sub_arg[0], sub_arg[1] + 1)
                ):
                    return False
        elif op is const.SUBPATTERN and (arg[1] or arg[2]):
            return False  # inline flags change case rules: no gate
        elif op not in walked and op not in (const.ANY, const.AT, const.CATEGORY):
            return False  # group references, conditionals, atomic groups: not worth proving
        if not all(_tree_lowercase(sub, const) for sub in _children(op, arg, const)):
            return False
    return True


_DROP_ASCII = dict.fromkeys(range(128))


def _caseless_beyond_ascii(line: str) -> bool:
    """Whether lowering ``line`` is what ``re.IGNORECASE`` does to it: it is ASCII, or its
    other characters have no case (curly quotes, dashes, CJK...)."""
    if line.isascii():
        return True
    rest = line.translate(_DROP_ASCII)
    return rest.lower() == rest == rest.upper()


def _char_ok(code: int) -> bool:
    char = chr(code)
    if char.isascii():
        return not char.isupper()
    escaped = re.escape(char)
    return not any(re.fullmatch(escaped, chr(a), re.I) for a in range(128))


class PackMatcher:
    """One compiled regex per scope; ``match(line)`` returns (rule, scope) or None."""

    def __init__(self, families: list[Family], disabled: frozenset[str] = frozenset()) -> None:
        self._rules: dict[str, tuple[str, Scope]] = {}
        self._regex: dict[Scope, re.Pattern[str] | None] = {}
        self._gate: dict[Scope, _Gate | None] = {}
        for scope in ("any", "edge", "weak"):
            alternatives = []
            patterns: list[str] = []
            for i, fam in enumerate(families):
                if fam.scope != scope or not fam.patterns or fam.rule in disabled:
                    continue
                group = f"f{i}"
                self._rules[group] = (fam.rule, fam.scope)
                alternatives.append(f"(?P<{group}>{'|'.join(f'(?:{p})' for p in fam.patterns)})")
                patterns.extend(fam.patterns)
            self._regex[scope] = (
                re.compile(f"{_DECORATION}(?:{'|'.join(alternatives)}){_DECORATION}", re.IGNORECASE)
                if alternatives
                else None
            )
            self._gate[scope] = _Gate.build(patterns)

    def match(self, line: str, scope: Scope) -> str | None:
        regex = self._regex[scope]
        if regex is None or len(line) > MAX_RULE_LINE:
            return None
        stripped = line.strip()
        gate = self._gate[scope]
        if gate is not None and _caseless_beyond_ascii(stripped) and not gate.passes(stripped):
            return None
        m = regex.fullmatch(stripped)
        if m is None:
            return None
        group = m.lastgroup or next((k for k, v in m.groupdict().items() if v is not None), None)
        return self._rules[group][0] if group is not None else None


@cache
def _agency_table() -> dict[str, Any]:
    pack = DATA_DIR / "packs.toml"
    table = tomllib.loads(pack.read_text(encoding="utf-8")).get("_agencies", {})
    return table if isinstance(table, dict) else {}


def default_agencies() -> frozenset[str]:
    """News agency names (``[_agencies]`` in the built-in pack)."""
    return frozenset(str(x) for x in _agency_table().get("names", []))


def agency_names() -> dict[str, str]:
    """Each agency name, case-folded, to the name ``sources`` lists it by: the first of
    its ``same`` group, else the name as listed (the first listed of those equal when
    case is ignored: "dpa" for "DPA")."""
    table = _agency_table()
    out: dict[str, str] = {}
    for group in table.get("same", []):
        for name in group:
            out.setdefault(str(name).casefold(), str(group[0]))
    for name in table.get("names", []):
        out.setdefault(str(name).casefold(), str(name))
    return out
