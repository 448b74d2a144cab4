"""repair: fix what is surely broken in the encoding layer, with ftfy.

Conservative settings: mojibake, HTML entities, control and terminal-escape
characters, C1 controls, ligatures; no quote straightening, no width folding
(NFKC-like), NFC only. Line breaks are left to the ``whitespace`` step so
their rule ids say what happened.

Edits are line-level: every changed line is one edit ``repair.ftfy``. Each
line is fixed on its own (ftfy's ``fix_text`` stops decoding HTML entities in
all later lines once one line has a ``<``; here only that line is affected).

Fast path. ftfy changes a line only if one of its fixers finds something to
act on, and each fixer looks for specific characters:

- ``unescape_html``: ``&`` (an entity);
- ``fix_encoding``: only runs when ``ftfy.badness.is_bad`` matches, and every
  alternative of its regex needs at least one character from a small set of
  mojibake-indicating characters; ``fix_c1_controls``: U+0080..U+009F;
- ``fix_latin_ligatures``, ``fix_character_width``, ``uncurl_quotes``,
  ``remove_control_chars``, ``remove_terminal_escapes``, ``fix_surrogates``:
  the characters in their tables;
- NFC: only text that is not already NFC (``unicodedata.is_normalized``).

``trigger_pattern`` builds one character class of all of them from ftfy's own
tables and regexes (parsed, not copied, so an ftfy upgrade is followed), and
only lines that contain such a character, or are not NFC, go to ftfy. Lines
without one come out of ftfy unchanged (tests/test_fastpath.py proves it on
ftfy's kinds of mojibake and random Unicode). If ftfy's regex ever takes a
form the parser below does not understand, the filter falls back to "any
non-ASCII character", which is always safe.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import ftfy
from ftfy import badness, chardata
from pydantic import BaseModel, ConfigDict

from cleanse.document import Proposal
from cleanse.sre import sre_modules
from cleanse.steps import StepContext, StepResult
from cleanse.steps.decode import C1_CONTROLS

if TYPE_CHECKING:
    from cleanse.config import Config


class RepairOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fix_encoding: bool = True
    unescape_html: bool = True
    remove_control_chars: bool = True
    fix_latin_ligatures: bool = True
    uncurl_quotes: bool = False
    fix_character_width: bool = False


def ftfy_config(options: RepairOptions) -> ftfy.TextFixerConfig:
    """The ftfy configuration that ``options`` stand for."""
    return ftfy.TextFixerConfig(
        unescape_html="auto" if options.unescape_html else False,
        remove_terminal_escapes=options.remove_control_chars,
        fix_encoding=options.fix_encoding,
        restore_byte_a0=options.fix_encoding,
        replace_lossy_sequences=options.fix_encoding,
        decode_inconsistent_utf8=options.fix_encoding,
        fix_c1_controls=options.fix_encoding,
        fix_latin_ligatures=options.fix_latin_ligatures,
        fix_character_width=options.fix_character_width,
        uncurl_quotes=options.uncurl_quotes,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=options.remove_control_chars,
        normalization="NFC",
        explain=False,
    )


# -- which characters can make ftfy act ----------------------------------------------

_ANY_NON_ASCII: frozenset[int] = frozenset(range(0x80, 0x110000))


def _class_chars(item: tuple[Any, Any], const: Any) -> set[int] | None:
    """The code points one regex item matches, or None if it is not a plain class."""
    op, arg = item
    if op is const.LITERAL:
        return {arg}
    if op is const.IN:
        chars: set[int] = set()
        for sub_op, sub_arg in arg:
            if sub_op is const.LITERAL:
                chars.add(sub_arg)
            elif sub_op is const.RANGE:
                chars.update(range(sub_arg[0], sub_arg[1] + 1))
            else:  # NEGATE, CATEGORY (\s, \w ...): wide, not usable as a trigger
                return None
        return chars
    return None


def _cost(chars: Iterable[int]) -> int:
    """How often characters like these occur in ordinary text (lower is rarer)."""
    total = 0
    for cp in chars:
        cat = unicodedata.category(chr(cp))
        if cat[0] in "SC":
            total += 1  # symbols, controls
        elif cat == "Lu":
            total += 2
        elif cat[0] == "P":
            total += 4
        else:
            total += 8  # lower-case letters, digits, other letters
    return total


def pattern_triggers(pattern: re.Pattern[str]) -> frozenset[int]:
    """Characters of which every match of ``pattern`` contains at least one.

    For each top-level alternative, one required item that is a plain
    character class without ASCII is chosen (the one with the rarest
    characters); the union over the alternatives is the answer. When an
    alternative has no such item, every non-ASCII character is returned
    (a correct but slower filter), unless the alternative can match only
    ASCII-free text anyway... which we do not try to prove: safety first.
    """
    modules = sre_modules()
    if modules is None or pattern.flags & re.IGNORECASE:
        return _ANY_NON_ASCII
    parser, const = modules
    try:
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a parser we do not understand
        return _ANY_NON_ASCII
    items = list(tree.data)
    if len(items) == 1 and items[0][0] is const.BRANCH:
        alternatives = [list(alt.data) for alt in items[0][1][1]]
    else:
        alternatives = [items]
    triggers: set[int] = set()
    for alternative in alternatives:
        candidates = [
            chars
            for chars in (_class_chars(item, const) for item in alternative)
            if chars and min(chars) >= 0x80
        ]
        if not candidates:
            return _ANY_NON_ASCII
        triggers |= min(candidates, key=lambda c: (_cost(c), sorted(c)))
    return frozenset(triggers)


def _class_regex(chars: Iterable[int]) -> str:
    """A character class for ``chars``, written as ranges."""
    parts: list[str] = []
    run: list[int] = []
    for cp in sorted(set(chars)):
        if run and cp == run[-1] + 1:
            run.append(cp)
            continue
        if run:
            parts.append(_range(run[0], run[-1]))
        run = [cp]
    if run:
        parts.append(_range(run[0], run[-1]))
    return "[" + "".join(parts) + "]"


def _range(first: int, last: int) -> str:
    def esc(cp: int) -> str:
        return f"\\U{cp:08x}"

    return esc(first) if first == last else f"{esc(first)}-{esc(last)}"


def trigger_chars(config: ftfy.TextFixerConfig) -> frozenset[int]:
    """Every character whose presence lets ftfy (with ``config``) change a line.

    NFC is not covered by characters; callers also check ``unicodedata.is_normalized``.
    """
    chars: set[int] = set()
    if config.unescape_html:
        chars.add(ord("&"))
    if config.fix_encoding:
        chars |= pattern_triggers(badness.BADNESS_RE)
    if config.fix_c1_controls or config.fix_encoding:
        chars.update(range(0x80, 0xA0))
    if config.fix_latin_ligatures:
        chars.update(chardata.LIGATURES)
    if config.fix_character_width:
        chars.update(chardata.WIDTH_MAP)
    if config.uncurl_quotes:
        chars |= pattern_triggers(chardata.SINGLE_QUOTE_RE)
        chars |= pattern_triggers(chardata.DOUBLE_QUOTE_RE)
    if config.fix_line_breaks:
        chars.update((0x0D, 0x85, 0x2028, 0x2029))
    if config.fix_surrogates:
        chars.update(range(0xD800, 0xE000))
    if config.remove_terminal_escapes:
        chars.add(0x1B)
    if config.remove_control_chars:
        chars.update(chardata.CONTROL_CHARS)
    return frozenset(chars)


def trigger_pattern(config: ftfy.TextFixerConfig) -> re.Pattern[str]:
    return re.compile(_class_regex(trigger_chars(config)))


class Repair:
    def __init__(self, options: RepairOptions) -> None:
        self._config = ftfy_config(options)
        self._trigger = trigger_pattern(self._config)
        self._nfc = self._config.normalization == "NFC"

    def needs_ftfy(self, line: str) -> bool:
        """False only if ftfy would return ``line`` unchanged."""
        if self._trigger.search(line) is not None:
            return True
        return self._nfc and not unicodedata.is_normalized("NFC", line)

    def __call__(self, text: str, ctx: StepContext, /) -> StepResult:
        search = self._trigger.search
        normalized = not self._nfc or unicodedata.is_normalized("NFC", text)
        if normalized and search(text) is None:
            return StepResult()
        edits: list[Proposal] = []
        if normalized:
            # NFC never crosses a line break, so only lines with a trigger need ftfy.
            pos = 0
            while (m := search(text, pos)) is not None:
                start = text.rfind("\n", 0, m.start()) + 1
                end = text.find("\n", m.end())
                end = len(text) if end < 0 else end
                self._fix_line(text, start, end, edits)
                pos = end + 1
        else:
            pos = 0
            for line in text.split("\n"):
                end = pos + len(line)
                if self.needs_ftfy(line):
                    self._fix_line(text, pos, end, edits)
                pos = end + 1
        return StepResult(edits=edits)

    def _fix_line(self, text: str, start: int, end: int, edits: list[Proposal]) -> None:
        # ftfy.fix_text works on segments that keep their "\n"; so do we, so that a
        # line gets exactly the fix ftfy would give it inside the whole text.
        line = text[start:end]
        # A vertical tab is Word's manual line break: ftfy would delete it and glue the
        # words on either side ("page.\vNext" -> "page.Next"); it becomes a line break.
        segment = text[start : end + 1].replace("\v", "\n")
        fixed = ftfy.fix_text(segment, self._config)
        if end < len(text):
            fixed = (
                fixed[:-1]
                if fixed.endswith("\n")
                else ftfy.fix_text(line.replace("\v", "\n"), self._config)
            )
        if C1_CONTROLS.search(fixed) is not None:
            # A C1 control ftfy left (no mojibake holds it: cp1252 has no character for
            # 0x81, 0x8D, 0x8F, 0x90, 0x9D) is no text: "Ant\x8dwerp" is "Antwerp".
            fixed = C1_CONTROLS.sub("", fixed)
        if fixed != line:
            edits.append(Proposal(start, end, fixed, "repair.ftfy"))


def build(config: Config) -> Repair:
    return Repair(config.repair)
