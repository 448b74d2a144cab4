"""boilerplate: remove lines that are not article text (widgets, credits, promos).

Every removal is a whole line (with one of its separators, so paragraphs stay
separated by exactly one blank line), proposed as an edit with a rule id:

  credit.with / credit.agency / credit.source / credit.reporting / credit.contributed
                           credit lines; their agencies go to ``sources``
  credit.trailing          a credit fragment ending the last kept paragraph
                           ("... on Monday. — AFP", "... said. (Reuters)"): known agencies
                           only (``[_agencies]`` in the pack), or "(With A, B and C)"
  credit.byline            "By Jane Doe" in the leading/trailing block -> ``authors``
  title.repeated           a leading line that repeats the title
  site:<host>/config       lines named in ``[sites."<host>"]``
  site:<host>/learned      lines learned by ``cleanse learn`` for the host
  trailer.comment-count, pack.share, pack.subscribe, pack.advertisement, pack.related,
  pack.copyright, pack.cookie, pack.app-promo, pack.widget
                           rule packs (``cleanse/data/boilerplate/packs.toml``), anywhere
  pack.meta, pack.promo    rule packs valid only in the leading/trailing block
  pack.link, shape.caps-teaser, position.short-trailer
                           WEAK evidence: a bare link, an ALL-CAPS teaser, a short line
                           without sentence punctuation (trailing block only)
  position.short-leader    a short line in the leading block (off by default)

The leading and trailing blocks are found by walking in from each end over
lines that some rule explains (or weak lines); the first line no rule explains
is a real paragraph, and the walk stops there. Precision first: a line
mid-article is only removed by the rules that hold anywhere.

Shortness alone is no evidence: a short line after the last paragraph is as
often a sign-off ("Best wishes," / "Andrew"), a fact box ("$119.00", "Rating:
★★★★★", "29 November 2018") or a caption as it is debris. So weak lines go only
as a run that touches a line a pack, credit or site rule removes (a widget
cluster: "No comments" / "Poster Speaks" / "Poster Speaks/box"), and a run that
holds a fact (price, date, year, number with %, rating, "Label: value", a line
ending in a comma) is kept whole. More than ``max_short_run`` weak lines in a
row are a list or a table and end the walk. Every decision depends only on the
lines that stay, so cleaning the output again removes nothing more.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from cleanse.boilerplate.credits import (
    agency_like,
    dateline_agencies,
    parse_byline,
    parse_credit,
    parse_trailing_credit,
)
from cleanse.boilerplate.learned import line_key, load_rules, merge_rules, site_candidates
from cleanse.boilerplate.lines import Line, removal_proposals, split_lines
from cleanse.boilerplate.packs import (
    MAX_RULE_LINE,
    PackMatcher,
    agency_names,
    default_agencies,
    default_families,
    families_from_file,
)
from cleanse.document import Proposal
from cleanse.paths import ConfigPath
from cleanse.steps import StepContext, StepResult

if TYPE_CHECKING:
    from cleanse.config import Config


class SiteRules(BaseModel):
    """Per-site rules: ``[tool.cleanse.sites."example.com"]`` (also matches subdomains)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    drop_lines: tuple[str, ...] = Field(
        default=(), description="Exact lines to remove (spaces collapsed, case-insensitive)."
    )
    drop_patterns: tuple[str, ...] = Field(
        default=(), description="Regexes; a line they match in full is removed."
    )


class BoilerplateOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    credits: bool = Field(default=True, description="Remove credit lines; agencies to sources.")
    bylines: bool = Field(default=True, description="Remove leading/trailing bylines; to authors.")
    title: bool = Field(default=True, description="Remove a leading line repeating the title.")
    shape: bool = Field(default=True, description="Position + shape rules for short lines.")
    short_trailer_words: int = Field(
        default=8, ge=0, description="Max words of a short line in the trailing block."
    )
    short_leader_words: int = Field(
        default=0, ge=0, description="Max words of a short line in the leading block (0: off)."
    )
    max_short_run: int = Field(
        default=4, ge=0, description="More short trailing lines in a row than this are content."
    )
    leading_lines: int = Field(
        default=4, ge=0, description="How far the leading block may reach (lines)."
    )
    disabled_rules: tuple[str, ...] = Field(
        default=(), description="Rule ids to switch off, e.g. 'pack.related'."
    )
    extra_packs: tuple[ConfigPath, ...] = Field(
        default=(), description="More rule packs (TOML, same format as the built-in one)."
    )
    learned_rules: tuple[ConfigPath, ...] = Field(
        default=(), description="Rules files written by `cleanse learn`."
    )


_SENTENCE_END = re.compile(r"[.!?…;:。！？]['\"”’)\]»」』]*\s*\Z")
# Credits that stand only at the edges: "— AFP" is also how a letter is signed.
_EDGE_CREDITS = frozenset({"credit.agency"})
_INITIALS = re.compile(r"[A-Z]{1,2}")  # "— JS": a writer's initials, not an agency
_BY = re.compile(r"\bby\b", re.IGNORECASE)
_SHORT_CHARS = 60
_WORDS = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")
_LETTERS_UPPER = re.compile(r"[A-ZÀ-Ý]")
_LETTERS_LOWER = re.compile(r"[a-zß-ÿ]")
# List items, and quoted-post signatures ("— Name (@handle) date") are content.
_LIST_ITEM = re.compile(r"\A\s*(?:[-•*·▪–—]|\d{1,2}[.)])\s")


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FACT = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?(?:€|\$|usd|eur|gbp)\b"  # a price
    r"|[★☆✩✪⭐]|\b\d+(?:[.,]\d+)?\s?/\s?(?:5|10|100)\b|\brating\b"  # a rating
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}|\b{_MONTH}\s\d{{1,2}}\b"  # a date
    r"|\b(?:19|20)\d\d\b|(?<![\d,.])\d[\d,.]*+\s?%"  # a year, a share
    r"|\A[^\W\d][\w&' -]{0,30}:\s+\S",  # "Label: value"
    re.IGNORECASE,
)


def _norm_tokens(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


class Boilerplate:
    def __init__(self, config: Config) -> None:
        opts = config.boilerplate
        self._opts = opts
        families = default_families()
        for path in opts.extra_packs:
            families.extend(families_from_file(Path(path)))
        disabled = frozenset(opts.disabled_rules)
        self._disabled = disabled
        self._packs = PackMatcher(families, disabled)
        self._agencies = default_agencies()
        self._agency_names = agency_names()
        self._sites: dict[str, tuple[frozenset[str], re.Pattern[str] | None]] = {}
        for host, rules in config.sites.items():
            regex = (
                re.compile("|".join(f"(?:{p})" for p in rules.drop_patterns), re.IGNORECASE)
                if rules.drop_patterns
                else None
            )
            self._sites[host.lower()] = (frozenset(line_key(x) for x in rules.drop_lines), regex)
        self._learned = merge_rules(load_rules(Path(p)) for p in opts.learned_rules)

    # -- per document ---------------------------------------------------------------

    def __call__(self, text: str, ctx: StepContext, /) -> StepResult:
        lines = split_lines(text)
        if not lines:
            return StepResult()
        result = StepResult()
        n = len(lines)
        hosts = site_candidates(ctx.site)
        site_rules = [(h, self._sites[h]) for h in hosts if h in self._sites]
        learned = [(h, self._learned[h]) for h in hosts if h in self._learned]
        title = _norm_tokens(ctx.title) if (self._opts.title and ctx.title) else []

        # 1. Rules that hold anywhere.
        anywhere: dict[int, str] = {}
        credits: dict[int, tuple[list[str], list[str]]] = {}
        labels: set[int] = set()  # "Source: X" lines (Credit.label)
        edge_rule: dict[int, str | None] = {}  # a line's edge-only rule, once asked
        for i, line in enumerate(lines):
            s = line.text
            if len(s) > MAX_RULE_LINE:  # no widget, credit or promo is this long: content
                continue
            rule = self._site_rule(s, site_rules, learned)
            if rule is None and self._opts.credits:
                credit = parse_credit(s)
                if (
                    credit is not None
                    and credit.rule in _EDGE_CREDITS
                    and credit.rule not in self._disabled
                ):
                    # "— AFP" names an agency, "— JS" a signer; "— Jane Hill, Bristol"
                    # signs a letter and "— Never." is a line of dialogue: no credit
                    names = self._agency_names
                    agencies = [
                        x
                        for x in credit.sources
                        if agency_like(x, names, acronyms=not credit.bracketed)
                    ]
                    if all(x in agencies or _INITIALS.fullmatch(x) for x in credit.sources):
                        credits[i] = (agencies, credit.authors)
                        edge_rule[i] = credit.rule
                        continue
                    credit = None
                if credit is not None and credit.rule not in self._disabled:
                    credits[i] = (credit.sources, credit.authors)
                    if credit.label:
                        labels.add(i)
                    rule = credit.rule
            if rule is None:
                rule = self._packs.match(s, "any")
            if rule is not None:
                anywhere[i] = rule

        # Rules that hold only at the edges: asked of the lines the walks reach.
        def edge_at(k: int) -> str | None:
            if k not in edge_rule:
                edge_rule[k] = self._edge(lines[k].text)
            return edge_rule[k]

        removed: dict[int, str] = dict(anywhere)
        weak = self._weak if self._opts.shape else None

        # 2. Leading block: walk in from the start, over at most `leading_lines` lines
        # that are not removed anyway. Unless the walk reaches a real line within that
        # reach, there is no leading block (so a second pass decides the same way).
        i = walked = 0
        leading: dict[int, str] = {}
        leading_weak: dict[int, str] = {}
        found_real = False
        while i < n:
            if i in anywhere:
                i += 1
                continue
            if walked >= self._opts.leading_lines:
                break
            s = lines[i].text
            if title and _repeats_title(s, title) and "title.repeated" not in self._disabled:
                leading[i] = "title.repeated"
            elif (edge := edge_at(i)) is not None:
                leading[i] = edge
            elif self._opts.shape and _short(s, self._opts.short_leader_words):
                leading[i] = "position.short-leader"
            elif weak is not None and (rule := weak(s, caps_only=True)) is not None:
                leading_weak[i] = rule
            else:
                found_real = True
                break
            walked += 1
            i += 1
        if i >= n:  # a short leader that turned out to be the only text is not a leader
            return StepResult()
        if found_real:
            removed.update(leading)
            # Weak leading lines go only beside a line a rule explains.
            while leading_weak and max(leading_weak) == i - 1:
                del leading_weak[i - 1]
                i -= 1
            self._weak_runs(leading_weak, removed, protected=set())
        else:
            i = next(k for k in range(n) if k not in anywhere)
        first_real = i

        # 3. Trailing block: walk in from the end over explained and weak lines.
        # A long run of weak lines is a list or a table, not debris: it ends the walk.
        j = n - 1
        trailing_weak: dict[int, str] = {}
        protected: set[int] = set()
        run: list[int] = []
        while j > first_real:
            s = lines[j].text
            edge = None if j in anywhere else edge_at(j)
            if j in anywhere or edge is not None:
                run = []
                if edge is not None:
                    removed[j] = edge
            elif weak is not None and (rule := weak(s, caps_only=False)) is not None:
                run.append(j)
                trailing_weak[j] = rule
                if _protected(s):
                    protected.add(j)
                if len(run) > self._opts.max_short_run:
                    for k in run:
                        del trailing_weak[k]
                    break
            else:
                break
            j -= 1
        self._weak_runs(trailing_weak, removed, protected)
        # Bylines of a list of stories are the list's debris, wherever they stand.
        listed = _story_list_bylines(lines, credits, removed)
        self._spare_interior(lines, range(first_real + 1, j), anywhere, removed, credits, listed)

        result.edits = removal_proposals(text, lines, removed)
        # A dateline opening the story names the agency that filed it: "CAIRO (AP) — ...".
        opening = next((k for k in range(n) if k not in removed), None)
        if opening is not None and self._opts.credits:
            found = dateline_agencies(lines[opening].text) or []
            names = self._agency_names
            if found and all(agency_like(x, names, acronyms=False) for x in found):
                result.sources.extend(x for x in found if x not in result.sources)
        # A credit fragment ending the last kept paragraph: "... on Monday. — AFP".
        last = max((k for k in range(first_real, n) if k not in removed), default=None)
        if last is not None and self._opts.credits and "credit.trailing" not in self._disabled:
            line = lines[last]
            tail = parse_trailing_credit(line.text, self._agencies)
            if tail is not None:
                offset, credit = tail
                result.edits.append(Proposal(line.start + offset, line.end, "", credit.rule))
                result.sources.extend(x for x in credit.sources if x not in result.sources)
        if result.edits:
            for k in sorted(credits):
                if k in removed:
                    srcs, auths = credits[k]
                    if k in labels and last is not None and first_real <= k < last:
                        # Inside the body a "Source:" line credits a chart or a photo
                        # ("Source: Microsoft"), not the article: only agencies count there.
                        srcs = [x for x in srcs if x.casefold() in self._agency_names]
                    if k in listed:
                        auths = []
                    result.sources.extend(x for x in srcs if x not in result.sources)
                    result.authors.extend(x for x in auths if x not in result.authors)
            for k in sorted(removed):
                if removed[k] == "credit.byline":
                    for name in parse_byline(lines[k].text) or []:
                        if name not in result.authors:
                            result.authors.append(name)
        # One agency by one name: "Associated Press" and "AP" are AP, "REUTERS" Reuters.
        names = self._agency_names
        result.sources = list(dict.fromkeys(names.get(x.casefold(), x) for x in result.sources))
        return result

    def _spare_interior(
        self,
        lines: list[Line],
        interior: range,
        anywhere: dict[int, str],
        removed: dict[int, str],
        credits: dict[int, tuple[list[str], list[str]]],
        listed: set[int],
    ) -> None:
        """Keep the lines between the first and the last real paragraph that a rule
        holding anywhere explains less well there than at the edges (``_body_line``)."""
        # kept lines after k: a credit with two or more after it is inside the story
        kept_after = sum(1 for m in range(interior.stop, len(lines)) if m not in removed)
        for k in reversed(interior):
            rule = anywhere.get(k)
            if (
                rule is not None
                and k not in listed
                and self._body_line(lines, k, rule, anywhere, credits, kept_after)
            ):
                del removed[k]
            if k not in removed:
                kept_after += 1

    def _body_line(
        self,
        lines: list[Line],
        k: int,
        rule: str,
        anywhere: dict[int, str],
        credits: dict[int, tuple[list[str], list[str]]],
        kept_after: int,
    ) -> bool:
        """Whether line k, inside the body, is content after all: a credit with two or
        more kept lines after it that names no agency ("(With Tom Hanks and Meg Ryan)")
        or stands in a box of roles ("Written by …" / "Produced by …" of a film); a lone
        widget word or two that heads the next paragraph, which names it ("Threads" /
        "Threads, Meta's rival to X, ..."); a sentence that is debris only by what it
        quotes, in a report's voice ("The banner, which read “This website uses
        cookies”, gave users no real way to refuse.")."""
        line = lines[k].text
        if rule in _BODY_CREDITS:
            if kept_after < 2:
                return False
            if rule == "credit.with":
                return not all(agency_like(x, self._agency_names) for x in credits[k][0])
            # a box of roles ("Written by …" / "Produced by …"), not a newsroom's
            # "Reporting by … / Writing by … / Editing by …" block
            box = [m for m in (k - 1, k, k + 1) if m in credits]
            return len(box) > 1 and not any(_NEWS_ROLE.match(lines[m].text) for m in box)
        if rule in _CLUSTER_RULES:
            return (
                k - 1 not in anywhere
                and k + 1 not in anywhere
                and k + 1 < len(lines)
                and _heads(line, lines[k + 1].text)
            )
        if rule.startswith(("pack.", "trailer.")) and _QUOTED.search(line):
            unquoted = _QUOTED.sub(" ", line)
            return (
                _prose(unquoted)
                and _READER.search(unquoted) is None
                and self._packs.match(unquoted, "any") is None
            )
        return False

    def _edge(self, line: str) -> str | None:
        """The edge-only rule (pack or byline) a line goes by, or None."""
        if len(line) > MAX_RULE_LINE:
            return None
        edge = self._packs.match(line, "edge")
        if edge is None and self._opts.bylines and parse_byline(line) is not None:
            edge = "credit.byline"
        return edge

    def _weak(self, line: str, *, caps_only: bool) -> str | None:
        """The rule a weak line would go by (it needs an explained neighbour), or None."""
        rule = self._packs.match(line, "weak")
        if rule is None and _caps_teaser(line):
            rule = "shape.caps-teaser"
        if (
            rule is None
            and not caps_only
            and _short(line, self._opts.short_trailer_words)
            and parse_trailing_credit(line, self._agencies) is None
        ):
            rule = "position.short-trailer"
        return None if rule is None or rule in self._disabled else rule

    @staticmethod
    def _weak_runs(weak: dict[int, str], removed: dict[int, str], protected: set[int]) -> None:
        """Remove runs of weak lines that touch a removed line, unless a run holds a fact.
        A credit after the run does not count: the lines before a credit end the story
        (a stanza, the results, "Rest in peace" before "— AP"); widgets follow it."""
        for run in _runs(sorted(weak)):
            if any(k in protected for k in run):
                continue
            after = removed.get(run[-1] + 1)
            if run[0] - 1 in removed or (after is not None and not after.startswith("credit.")):
                for k in run:
                    removed[k] = weak[k]

    def _site_rule(
        self,
        line: str,
        site_rules: list[tuple[str, tuple[frozenset[str], re.Pattern[str] | None]]],
        learned: list[tuple[str, frozenset[str]]],
    ) -> str | None:
        if not site_rules and not learned:
            return None
        key = line_key(line)
        for host, (exact, regex) in site_rules:
            if key in exact or (regex is not None and regex.fullmatch(line.strip())):
                return f"site:{host}/config"
        for host, keys in learned:
            if key in keys:
                return f"site:{host}/learned"
        return None


# Families whose lone line inside the body is as often a subheading as a widget.
_CLUSTER_RULES = frozenset({"pack.share", "pack.widget", "trailer.comment-count"})
_BODY_CREDITS = frozenset({"credit.with", "credit.reporting", "credit.contributed"})
_PROSE_WORDS = 10
_NEWS_ROLE = re.compile(
    r"\W*(?:additional |further )?(?:reporting|writing|editing|edited|compiled)\b", re.I
)
# A page speaks to its reader ("By clicking “Accept”, you agree..."); a report does not.
_READER = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
# A quotation inside a line: what a sentence reports, not what the page says.
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»\n]{3,300}[\"”»]")


def _heads(line: str, following: str) -> bool:
    """A subheading of one or two words (not a label, "Share this:") whose words the
    next paragraph uses: it names what the paragraph is about."""
    words = _norm_tokens(line)
    if not 0 < len(words) <= 2 or line.rstrip().endswith(":"):
        return False
    used = set(_norm_tokens(following))
    return all(word in used for word in words)


def _prose(line: str) -> bool:
    """A sentence: enough words, lower-case words among them, and a sentence end."""
    words = line.split()
    return (
        len(words) >= _PROSE_WORDS
        and _SENTENCE_END.search(line) is not None
        and sum(w[:1].islower() for w in words) * 2 >= len(words)
    )


def _runs(index: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for k in index:
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _protected(line: str) -> bool:
    """A fact a trailing box may hold: price, date, number, rating, label: value, sign-off."""
    return _FACT.search(line) is not None or line.rstrip().endswith(",")


def _short(line: str, max_words: int) -> bool:
    """Few words and no sentence end: a label, a widget, a teaser headline."""
    words = line.split()
    return (
        0 < len(words) <= max_words
        and len(line) <= _SHORT_CHARS
        and _ALNUM.search(line) is not None
        and not _SENTENCE_END.search(line)
        and not _LIST_ITEM.match(line)
    )


def _caps_teaser(line: str) -> bool:
    """An all-capitals line of several words that is not a sentence (a teaser link)."""
    if len(line) < 20 or _SENTENCE_END.search(line) or len(line.split()) < 5:
        return False
    upper = len(_LETTERS_UPPER.findall(line))
    lower = len(_LETTERS_LOWER.findall(line))
    return upper >= 15 and lower <= upper * 0.05


def _repeats_title(line: str, title: list[str]) -> bool:
    tokens = _norm_tokens(line)
    if not tokens:
        return False
    if tokens == title:
        return True
    k = len(tokens)
    # "Headline" vs title "Headline | Site", or the line "Headline - Site" vs "Headline".
    if k >= 3 and k >= 0.5 * len(title) and title[:k] == tokens:
        return True
    return len(title) >= 3 and tokens[: len(title)] == title and k <= len(title) + 5


def build(config: Config) -> Boilerplate:
    return Boilerplate(config)


def _story_list_bylines(
    lines: list[Line], credits: dict[int, tuple[list[str], list[str]]], removed: dict[int, str]
) -> set[int]:
    """Bylines of a list of other stories: the same lead ("Written by") on two or more
    removed lines with other lines (teasers) between them, naming different people."""
    groups: dict[str, list[int]] = {}
    for k in sorted(credits):
        by = _BY.search(lines[k].text)
        if k in removed and credits[k][1] and by is not None:
            lead = lines[k].text[: by.start()].strip(" \t([-—–:").lower()
            groups.setdefault(lead, []).append(k)
    listed: set[int] = set()
    for ks in groups.values():
        if len(ks) < 2 or len({tuple(credits[k][1]) for k in ks}) < 2:
            continue
        if all(any(m not in credits for m in range(a + 1, b)) for a, b in pairwise(ks)):
            listed.update(ks)
    return listed
