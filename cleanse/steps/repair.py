"""repair: fix what is surely broken in the encoding layer, with ftfy.

Conservative settings: mojibake, HTML entities, control and terminal-escape
characters, C1 controls, ligatures; no quote straightening, no width folding
(NFKC-like), NFC only. Line breaks are left to the ``whitespace`` step so
their rule ids say what happened.

Edits are line-level: every changed line is one edit ``repair.ftfy``. Lines
that cannot contain anything ftfy would fix (printable ASCII without ``&``)
are never handed to it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import ftfy
from pydantic import BaseModel, ConfigDict

from cleanse.document import Proposal
from cleanse.steps import StepContext, StepResult

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


# A line needs ftfy only if it has a non-ASCII character, a control character
# (other than tab) or '&' (a possible HTML entity).
_NEEDS_FTFY = re.compile(r"[^\t\x20-\x25\x27-\x7e]")


class Repair:
    def __init__(self, options: RepairOptions) -> None:
        self._config = ftfy.TextFixerConfig(
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

    def __call__(self, text: str, ctx: StepContext, /) -> StepResult:
        if _NEEDS_FTFY.search(text) is None:
            return StepResult()
        edits: list[Proposal] = []
        pos = 0
        for line in text.split("\n"):
            end = pos + len(line)
            if _NEEDS_FTFY.search(line) is not None:
                fixed = ftfy.fix_text(line, self._config)
                if fixed != line:
                    edits.append(Proposal(pos, end, fixed, "repair.ftfy"))
            pos = end + 1
        return StepResult(edits=edits)


def build(config: Config) -> Repair:
    return Repair(config.repair)
