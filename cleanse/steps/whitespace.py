"""whitespace: line endings, stray spaces, and one blank line between paragraphs.

One compiled regex, one pass over the text, linear in its length. It never joins or splits
paragraphs: a single line break stays a single line break, a run of blank
lines becomes exactly one, so paragraph boundaries are kept as they were.

Rules:
  whitespace.edges        leading/trailing whitespace of the whole text
  whitespace.line-ending  CRLF, CR, NEL, LS, PS -> LF
  whitespace.trailing     spaces/tabs at the end of a line
  whitespace.blank-lines  two or more blank lines -> one
  whitespace.space-before-punct  "word ," -> "word,"
  whitespace.repeated-spaces     "a   b" -> "a b" (never leading indentation)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from cleanse.document import Proposal
from cleanse.steps import StepContext, StepResult

if TYPE_CHECKING:
    from cleanse.config import Config


class WhitespaceOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    space_before_punct: bool = True
    repeated_spaces: bool = True


_EOL = r"(?:\r\n?|[\n\x85\u2028\u2029])"
_HSPACE = r"[ \t\u00a0\u3000]"

_PATTERN = re.compile(
    rf"""
    (?P<lead>\A\s+)
  # 'tail' and 'breaks' start only where a run of whitespace starts, so a long run that
  # turns out not to qualify is scanned once, not once per position (linear, not quadratic).
  | (?<!\s)(?P<tail>\s+\Z)
  | (?<!{_HSPACE})(?P<breaks>{_HSPACE}*{_EOL}(?:{_HSPACE}*{_EOL})*)
  | (?<=[\w"')\]’”»]) (?P<punct>[ ]+)
    # not ":)" or ";)", a spaced ellipsis ". . .", nor a ratio or score "3 : 1"
    (?=(?:[,!?]|\.(?!\.|[ ]\.))(?:[\s"')\]’”»]|\Z)
      |(?!(?<=[0-9][ ])[;:][ ][0-9])[;:](?:[\s"'’”»]|\Z))
  | (?<=\S)(?P<spaces>[ ]{{2,}})(?=\S)
    """,
    re.VERBOSE,
)
# A superset of what _PATTERN can change, as literal alternatives so ``re`` scans for
# their first characters in C (~70 MB/s against ~6 for _PATTERN). Most texts, and all
# text already cleaned, have none of them and skip the full pass. Completeness: every
# changed line-break run holds a space or tab before a break or another space, an odd
# break or space character, or three breaks; every punct or spaces edit holds "  " or
# " " before the punctuation; edges are checked apart.
_MAYBE = re.compile("  | \n| ,| \\.| !| \\?| ;| :|\n\n\n|\t|\r|\x85|\xa0|\u2028|\u2029|\u3000")
_EOL_RE = re.compile(_EOL)
_ODD_EOL = re.compile(r"[\r\x85\u2028\u2029]")
# Languages that put a space before ; : ! ? by typographic rule.
_SPACED_PUNCT_LANGUAGES = frozenset({"fr"})
_SPACED = re.compile(r"(?<=\w)[ \u00a0\u202f][;:!?](?=\s|\Z)")
_UNSPACED = re.compile(r"(?<=\w)[;:!?](?=\s|\Z)")


def _spaced_by_rule(text: str) -> bool:
    """A text of no known language that spaces ; : ! ? every time, twice or more (a short
    French text: "Pourquoi ? Parce que !"): its spacing is a rule, not a slip."""
    return len(_SPACED.findall(text)) >= 2 and _UNSPACED.search(text) is None


class Whitespace:
    def __init__(self, options: WhitespaceOptions) -> None:
        self._punct = options.space_before_punct
        self._spaces = options.repeated_spaces

    def __call__(self, text: str, ctx: StepContext, /) -> StepResult:
        edits: list[Proposal] = []
        if not may_change(text):
            return StepResult(edits=edits)
        keep_spaced = ctx.language in _SPACED_PUNCT_LANGUAGES or (
            ctx.language is None and _spaced_by_rule(text)
        )
        for m in _PATTERN.finditer(text):
            kind = m.lastgroup
            s, e = m.span()
            if kind == "breaks":
                run = m.group()
                if run in {"\n", "\n\n"}:
                    continue
                newlines = len(_EOL_RE.findall(run))
                replacement = "\n" if newlines == 1 else "\n\n"
                if newlines > 2:
                    rule = "whitespace.blank-lines"
                elif _ODD_EOL.search(run):
                    rule = "whitespace.line-ending"
                else:
                    rule = "whitespace.trailing"
                edits.append(Proposal(s, e, replacement, rule))
            elif kind in {"lead", "tail"}:
                edits.append(Proposal(s, e, "", "whitespace.edges"))
            elif kind == "punct":
                if not self._punct or (keep_spaced and text[e] in ";:!?"):
                    continue
                edits.append(Proposal(s, e, "", "whitespace.space-before-punct"))
            elif kind == "spaces" and self._spaces:
                edits.append(Proposal(s, e, " ", "whitespace.repeated-spaces"))
        return StepResult(edits=edits)


def may_change(text: str) -> bool:
    """False only when no whitespace rule can apply to ``text`` (a cheap, exact-safe test)."""
    return text[:1].isspace() or text[-1:].isspace() or _MAYBE.search(text) is not None


def build(config: Config) -> Whitespace:
    return Whitespace(config.whitespace)
