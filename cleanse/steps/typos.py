"""typos: conservative spelling fixes, never inside quotations or names.

Three correctors propose fixes (``cleanse.typos``): non-word misspellings (curated table,
then one-edit candidates that clearly win), real-word confusions in context (their/there,
its/it's, then/than, "should of", doubled words, ...), and capitalisation slips. Guards
then decide what becomes an edit: nothing in URLs, e-mails, handles, hashtags, code or
tokens with digits; capitalised and all-caps tokens only when they open a sentence; no
known names; and inside quotations a flag with the suggestion instead of an edit. Text
that is not in one of ``languages`` is left alone.

Every edit's rule id says which corrector made it; ``CONFIDENCE`` maps rule ids to the
precision measured for them on the development sets (benchmarks/RESULTS-typos.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from cleanse.document import Proposal
from cleanse.language import detect_language
from cleanse.steps import FlagProposal, StepContext, StepResult
from cleanse.typos.capitals import capitalisation_slips
from cleanse.typos.guards import Guards, sentence_initial
from cleanse.typos.lexicon import Lexicon, load_lexicon
from cleanse.typos.nonword import Ambiguous, Correction, NonWordCorrector
from cleanse.typos.realword import Fix, RealWordChecker

if TYPE_CHECKING:
    from cleanse.config import Config

# Approximate precision of each rule family on the development sets (benchmarks/RESULTS-typos.md).
CONFIDENCE: dict[str, float] = {
    "typos.nonword.table": 0.99,
    "typos.nonword.edit1": 0.87,
    "typos.nonword.edit2": 0.95,
    "typos.nonword.doubling": 0.9,
    "typos.nonword.context": 0.85,
    "typos.realword": 0.9,
    "typos.doubled-word": 0.99,
    "typos.capitalisation": 0.9,
}


def confidence(rule: str) -> float:
    """Confidence of a rule id (longest matching family prefix)."""
    while rule:
        if rule in CONFIDENCE:
            return CONFIDENCE[rule]
        rule = rule.rpartition(".")[0]
    return 0.0


class TyposOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    nonword: bool = Field(default=True, description="Fix misspelt words that are not words.")
    realword: bool = Field(
        default=True, description="Fix confused real words in clear contexts (their/there, ...)."
    )
    capitalisation: Literal["fix", "flag", "off"] = Field(
        default="fix",
        description="Mid-sentence capitalised common words: fix clear cases (flag the rest), "
        "flag all, or ignore.",
    )
    languages: tuple[str, ...] = Field(
        default=("en",),
        description="Run only on text in these languages (ISO 639-1; detected when unknown). "
        "The word data is English.",
    )
    flag_in_quotes: bool = Field(
        default=True, description="Flag (never fix) likely typos inside quotations."
    )
    known_names: tuple[str, ...] = Field(
        default=(), description="Tokens never touched (names, product words), any case."
    )


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CORRECTION_CACHE = 100_000  # words remembered by TyposStep._correct
_NEIGHBOUR_REACH = 40  # longer "words" are no context a bigram table knows
# Letters of any script: a word of another language beside a token is context too (the
# context model does not know it; the prose guard counts it as no English word).
_LEFT_WORD = re.compile(r"(?<![\w'’])([^\W\d_]+(?:['’][^\W\d_]+)?)[ \t]+\Z")
_RIGHT_WORD = re.compile(r"[ \t]+([^\W\d_]+(?:['’][^\W\d_]+)?)(?![\w'’])")
_NEWLINE = re.compile(r"\n")
_NEXT_FRAGMENT = re.compile(r"[ \t]+([A-Za-z]+)")
_PREV_FRAGMENT = re.compile(r"(?<![A-Za-z])([A-Za-z]++)[ \t]++$")
_CAPITAL_COMPOUND = re.compile(r"[-‑][A-Z]")  # a hyphenated name: "Smoot-Hawley"
# A lower-case particle that joins two capitalised words into one name: "Mapp v. Ohio",
# "Ludwig van Beethoven", "Osama bin Laden".
_NAME_LINK = re.compile(
    r"(?<![ \t])[ \t]++"
    r"(?:v|vs|von|van|de|der|den|del|della|di|da|du|la|le|bin|ibn|al|el|y)\.?[ \t]++[A-Z]"
)


@dataclass(frozen=True, slots=True)
class TyposStep:
    options: TyposOptions
    lexicon: Lexicon
    nonword: NonWordCorrector
    realword: RealWordChecker
    known_names: frozenset[str]
    # Unknown words repeat across documents (names, jargon): about half the lookups of a
    # batch are repeats. Cleared when full, so memory stays bounded.
    _corrections: dict[tuple[str, bool], Correction | Ambiguous | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __call__(self, text: str, ctx: StepContext, /) -> StepResult:
        if not self._in_language(text, ctx):
            return StepResult()
        fixes: list[Fix] = []
        if self.options.nonword:
            fixes.extend(self._nonwords(text))
        if self.options.realword:
            fixes.extend(self.realword.find(text))
        if self.options.capitalisation != "off":
            fixes.extend(
                capitalisation_slips(text, self.lexicon, fix=self.options.capitalisation == "fix")
            )
        if not fixes:
            return StepResult()
        return self._guarded(text, fixes)

    # -- parts ------------------------------------------------------------------------

    def _in_language(self, text: str, ctx: StepContext) -> bool:
        wanted = self.options.languages
        if ctx.language and ctx.language.split("-")[0].lower() not in wanted:
            return False
        if ctx.language and ctx.language_from_text:
            return True  # detected on this text already; the steps before only removed lines
        detected = detect_language(text)
        return detected is None or detected in wanted

    def _foreign(self, line: str) -> bool:
        """Whether a line is surely in a language the step does not fix."""
        detected = detect_language(line)
        return detected is not None and detected not in self.options.languages

    def _nonwords(self, text: str) -> Iterable[Fix]:
        zipf = self.lexicon.zipf
        names = self.known_names
        counts = Counter(_WORD.findall(text))
        folded: Counter[str] | None = None  # occurrences by _spelling, counted on demand
        plans: dict[str, _Plan] = {}
        for token in counts:
            low = token.lower()
            if low in zipf or low in names:
                continue
            shape = _shape(token)
            if shape == "other" or not token.replace("’", "'").isascii():
                continue
            base = low
            if "'" in low or "’" in low:
                head, _, tail = low.replace("’", "'").partition("'")
                if tail != "s" or head in zipf or head in names:
                    continue  # contractions are left alone; possessives checked by their base
                base = head
            correction = self._correct(base, two_edits=shape == "lower")
            if correction is None:
                continue
            ambiguous: Ambiguous | None = None
            if isinstance(correction, Ambiguous):  # chosen per occurrence, by its neighbours
                ambiguous, replacement, rule = correction, "", "typos.nonword.context"
            else:
                replacement, rule = correction.replacement, correction.rule
            guessed = rule != "typos.nonword.table"
            if guessed:
                if shape == "title" and base != low:
                    continue  # a capitalised possessive ("Stytch’s") is a name
                if folded is None:
                    folded = self._spellings(counts)
                if folded[_spelling(base)] > 1:
                    continue  # the same unknown spelling twice is a term or a name, not a slip
            # A curated misspelling is fixed inside a hyphenated compound too ("thrid-party");
            # a guess is not: compound parts are often coinages ("cyber-physical"), and
            # short parts are affixes ("add-ons", "plug-ins"), not words.
            in_compounds = not guessed and len(base) >= 4
            plans[token] = _Plan(
                len(base), replacement, rule, shape, guessed, in_compounds, ambiguous
            )
        found = list(_occurrences(text, plans))
        # A capitalised unknown word the document also writes capitalised mid-sentence is
        # a name in every occurrence ("Sergey Brin ... Brin said"), the table's too.
        named = {
            token[: plans[token].base_length].lower()
            for token, start in found
            if plans[token].shape == "title" and not sentence_initial(text, start)
        }
        for token, start in found:
            plan = plans[token]
            end = start + len(token)
            if plan.shape == "title" and (
                not sentence_initial(text, start) or token[: plan.base_length].lower() in named
            ):
                continue  # a capitalised unknown word mid-sentence is likely a name
            # A capitalised word needs plain prose around it whether the table or a guess
            # corrects it: "Serie A", "Smoot-Hawley", "Mapp v. Ohio" open names.
            if self._split_word(text, start, end) or (
                (plan.guessed or plan.shape == "title")
                and self._outside_prose(text, start, end, plan.shape, plans, table=not plan.guessed)
            ):
                continue
            replacement = plan.replacement
            if plan.ambiguous is not None:
                # A neighbour fixed in this pass counts as fixed, so a second pass over
                # the output decides the same way ("sotry abuot" -> "story about").
                left, right = (
                    None if word is None else _context_word(word, plans)
                    for word in _neighbours(text, start, end)
                )
                chosen = self.nonword.choose(plan.ambiguous, left, right)
                if chosen is None:
                    continue
                replacement = chosen
            if plan.shape == "title":
                replacement = replacement[0].upper() + replacement[1:]
            yield Fix(start, start + plan.base_length, replacement, plan.rule)

    def _correct(self, word: str, *, two_edits: bool) -> Correction | Ambiguous | None:
        cache = self._corrections
        key = (word, two_edits)
        try:  # one lookup: safe if another thread clears the cache meanwhile
            return cache[key]
        except KeyError:
            pass
        if len(cache) >= _CORRECTION_CACHE:
            cache.clear()
        result = cache[key] = self.nonword.correct(word, two_edits=two_edits)
        return result

    def _spellings(self, counts: Counter[str]) -> Counter[str]:
        """Occurrences of each unknown spelling (``_spelling``), whatever its case and
        ending. Words the curated table corrects do not count: they are fixed in this
        pass, so a second pass would not see them ("abilty ... abiltys")."""
        zipf = self.lexicon.zipf
        table = self.lexicon.corrections
        out: Counter[str] = Counter()
        for token, count in counts.items():
            low = token.lower().replace("’", "'")
            base = low[:-2] if low.endswith("'s") else low
            if low not in zipf and base not in table:
                out[_spelling(base)] += count
        return out

    def _outside_prose(
        self,
        text: str,
        start: int,
        end: int,
        shape: str,
        plans: dict[str, _Plan],
        *,
        table: bool = False,
    ) -> bool:
        """True when a fix sits outside plain English prose: with no word beside
        it on the same line ("- lenzing", "tools (natsomatch, subnact, auditif"), beside
        a word that is no English word (another language, "voor herhaling vatbaar"; a
        name, "Calathea louisae"), or capitalised and not followed by a lower-case word
        (a reference list, "Weidner G, Kohlmann C"; a brand, "Wrike. Time"). A
        lower-case neighbour this pass plans to correct counts as a word ("sotry
        abuot"). A capitalised table fix (``table``) is held to the same test, but needs
        no word beside it ("Howver, it") and may precede a capitalised common word (a
        title, "Esential Trail Skills"), only no name: a capitalised word the lexicon
        does not know in lower case, an initial, also through a hyphen or a name
        particle ("Serie A", "Smoot-Hawley", "Mapp v. Ohio", "Gord Downie")."""
        zipf = self.lexicon.zipf
        left, right = _neighbours(text, start, end)
        if left is None and right is None:
            if table:  # only no hyphenated name ("Smoot-Hawley")
                return _CAPITAL_COMPOUND.match(text, end) is not None
            return True  # no word on either side: a list item, a tag, a heading
        for word in (left, right):
            if word is None:
                continue
            plan = plans.get(word)
            if plan is not None and plan.shape == "lower":
                continue
            low = word.lower().replace("’", "'")
            if low not in zipf and low.removesuffix("'s") not in zipf:  # "VPN's" is a word
                return True
        if shape == "title":
            if _NAME_LINK.match(text, end) is not None:
                return True  # a name particle before a capitalised word: "Mapp v. Ohio"
            if not table:
                return right is None or not right.islower()
            if right is None:
                return _CAPITAL_COMPOUND.match(text, end) is not None
            return not right.islower() and (
                len(right) == 1 or _base(right) not in self.lexicon.common
            )
        return False

    def _split_word(self, text: str, start: int, end: int) -> bool:
        """True when the token joined to a neighbouring fragment is a word ("backp ack")."""
        zipf = self.lexicon.zipf
        token = text[start:end].lower()
        nm = _NEXT_FRAGMENT.match(text, end)
        if nm is not None and token + nm.group(1).lower() in zipf:
            return True
        pm = _PREV_FRAGMENT.search(text, max(0, start - 20), start)
        return pm is not None and pm.group(1).lower() + token in zipf

    def _guarded(self, text: str, fixes: list[Fix]) -> StepResult:
        line_guards: dict[tuple[int, int], Guards | None] = {}
        newlines: list[int] | None = None
        result = StepResult()
        last_end = -1
        names = self.known_names
        for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
            if fix.start < last_end:
                continue  # overlapping proposals: keep the first
            before = text[fix.start : fix.end]
            if names and before.lower() in names:
                continue
            # Guards are computed per line, only where a fix is proposed (no quotation or
            # protected span crosses a line break); line edges by bisection, so a long
            # text with many fixes stays linear.
            if newlines is None:
                newlines = [m.start() for m in _NEWLINE.finditer(text)]
            k = bisect_left(newlines, fix.start)
            line_start = newlines[k - 1] + 1 if k else 0
            k = bisect_left(newlines, fix.end, k)
            line_end = newlines[k] if k < len(newlines) else len(text)
            key = (line_start, line_end)
            if key in line_guards:
                guards = line_guards[key]
            else:
                line = text[line_start:line_end]
                # A paragraph of another language inside an English text (a quoted speech
                # without quote marks) gets no English fixes; only lines that hold a fix
                # are checked, so clean text pays nothing.
                guards = line_guards[key] = None if self._foreign(line) else Guards.of(line)
            if guards is None:
                continue
            span = (fix.start - line_start, fix.end - line_start)
            if guards.non_prose.covers(*span):
                continue
            if fix.flag_only or guards.quotes.covers(*span):
                if self.options.flag_in_quotes or fix.flag_only:
                    where = "inside a quotation" if not fix.flag_only else "unclear case"
                    result.flags.append(
                        FlagProposal(
                            fix.start,
                            fix.end,
                            fix.rule,
                            f"possible typo {before!r} ({where}; not changed)",
                            suggestion=fix.replacement,
                        )
                    )
                continue
            result.edits.append(Proposal(fix.start, fix.end, fix.replacement, fix.rule))
            last_end = fix.end
        return result


def _base(word: str) -> str:
    """A word in lower case without a possessive ("CBP’s" -> "cbp")."""
    return word.lower().replace("’", "'").removesuffix("'s")


def _spelling(base: str) -> str:
    """What two tokens share when they are one term: lower case, without a possessive
    or a final "s" ("Marimo", "marimos", "marimo's" are all "marimo")."""
    return base.removesuffix("s")


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to fix every occurrence of one misspelt token."""

    base_length: int  # the token without a possessive 's
    replacement: str
    rule: str
    shape: Literal["lower", "title", "other"]
    guessed: bool
    in_compounds: bool  # also where a hyphen touches it
    ambiguous: Ambiguous | None = None  # candidates the neighbouring words choose from


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after a token, when only spaces part them
    (punctuation or a line break ends the context a bigram speaks for)."""
    pm = _LEFT_WORD.search(text, max(0, start - _NEIGHBOUR_REACH), start)
    nm = _RIGHT_WORD.match(text, end)
    return (pm.group(1) if pm is not None else None, nm.group(1) if nm is not None else None)


def _context_word(token: str, plans: dict[str, _Plan]) -> str:
    """A neighbour as the context model spells it: lower case, straight apostrophe, and
    corrected when this pass corrects it."""
    plan = plans.get(token)
    if plan is not None and plan.ambiguous is None:
        return plan.replacement
    return token.lower().replace("’", "'")


# Few tokens to fix (the usual case): a C search for each. Many (a long document full
# of misspellings): one pass over the words, so the cost stays linear in the text.
_FEW_PLANS = 8


def _occurrences(text: str, plans: dict[str, _Plan]) -> Iterator[tuple[str, int]]:
    """(token, start) of each standalone occurrence of a planned token, in any order."""
    size = len(text)
    if len(plans) <= _FEW_PLANS:
        for token, plan in plans.items():
            # A token is letters and apostrophes, so two standalone occurrences never
            # overlap: every place ``find`` offers is tested once.
            start = text.find(token)
            while start >= 0:
                end = start + len(token)
                if not (
                    (start and _joins(text[start - 1], plan))
                    or (end < size and _joins(text[end], plan))
                ):
                    yield token, start
                start = text.find(token, start + 1)
        return
    for m in _WORD.finditer(text):
        found = plans.get(m.group())
        if found is None:
            continue
        s, e = m.span()
        if (s and _joins(text[s - 1], found)) or (e < size and _joins(text[e], found)):
            continue
        yield m.group(), s


def _joins(char: str, plan: _Plan) -> bool:
    """Whether ``char`` beside a token makes it part of a longer word (``[\\w'’-]``)."""
    return char.isalnum() or char in "_'’" or (char == "-" and not plan.in_compounds)


def _shape(token: str) -> Literal["lower", "title", "other"]:
    if token.islower():
        return "lower"
    if token[0].isupper() and (len(token) == 1 or token[1:].islower()):
        return "title"
    return "other"


def build(config: Config, *, known_names: Iterable[str] = ()) -> TyposStep:
    """Build the step; ``known_names`` adds name tokens (e.g. from a gazetteer) never touched."""
    options = config.typos
    if config.enabled("names"):  # names the gazetteer knows are never "corrected"
        from cleanse.steps.names import load_gazetteer

        known_names = (*known_names, *(n for e in load_gazetteer(config.names) for n in e.names))
    lexicon = load_lexicon()
    names = frozenset(
        low
        for name in (*options.known_names, *known_names)
        for part in _WORD.findall(name)
        if (low := part.lower()) not in lexicon.common  # "Popular" in a name stays a word
    )
    return TyposStep(
        options=options,
        lexicon=lexicon,
        nonword=NonWordCorrector(lexicon),
        realword=RealWordChecker(lexicon),
        known_names=names,
    )
