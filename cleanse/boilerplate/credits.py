"""Credit lines and bylines: removed from the text, kept as data.

    (With Press TV, Reuters and Sputnik)   -> sources Press TV, Reuters, Sputnik
    — AFP  /  (AFP)  /  Source: Reuters     -> sources AFP / Reuters (at an edge; a news
                                               organisation's name, not "— Jane Hill")
    With files from The Canadian Press      -> sources The Canadian Press
    (Reporting by X; Editing by Y)         -> authors X (the reporters)
    Additional reporting by X / X contributed to this report -> removed
    By Jane Doe and John Roe               -> authors Jane Doe, John Roe

Lists are split on commas, semicolons, "and", "&" (and the same conjunction
in de/fr/es/it/pt/nl); every item must look like a name (capitalised words),
so a sentence that happens to start with "With" or "Source:" is not a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Leading whitespace is taken only where its run starts (a later start in the run can match
# only if the run's start can), so a long run is scanned once, not once per position.
_SPLIT = re.compile(r"(?:(?<!\s)\s+)?(?:[,;/]|\s(?:and|und|et|y|e|en)\s|&)\s*", re.IGNORECASE)
_CAPITAL = re.compile(r"[A-Z0-9ÀÁÂÄÇÉÈÊËÍÎÏÑÓÔÖÚÜ]")
_LOWER_WORDS = frozenset(
    [
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "y",
        "e",
        "of",
        "the",
    ]
)

_WITH = re.compile(r"\(\s*(?:with|mit|avec|con|com|met)\s+(?P<list>[^()]{2,160}?)\s*\)\.?", re.I)
_DASH = re.compile(r"(?:[—–]|--)\s*(?P<list>[^\s—–-][^—–]{0,60}?)\s*")
_SOURCE = re.compile(
    r"\(?(?:(?:(?P<label>sources?|quelle|quellen|fuente|fuentes|fonte|fontes|bron)|"
    r"(?:news )?agency|agencies)\s*:|with files from(?:\s*:)?)\s*(?P<list>[^:]{2,120}?)\s*\)?\.?",
    re.I,
)
_REPORTING = re.compile(
    r"\(?\s*(?:additional |further )?(?:reporting|writing|written|edited|editing|compiled|"
    r"produced|research)\s+by\s.{2,300}\)?\.?",
    re.I,
)
_ROLE = re.compile(
    r"(?P<role>(?:additional |further )?(?:reporting|writing|written|editing|edited|compiled|"
    r"produced|research))\s+by\s+(?P<list>[^;()]+)",
    re.I,
)
_ROLE_SPLIT = re.compile(
    r";|\)\s*\(|,\s*(?=(?:with |and )?(?:additional |further )?(?:reporting|writing|editing|"
    r"edited|compiled)\b)",
    re.I,
)
_CONTRIBUTED = re.compile(
    r"(?P<who>.{2,300}?)\s+(?:contributed|contributes)\s+"
    r"(?:reporting|to this (?:report|story|article)|additional reporting)(?:\s+from\s+.{1,80})?\.?",
    re.I,
)
_ORG_STAFF = re.compile(
    r"(?P<org>.{2,60}?)\s+(?:staff\s+)?(?:writers?|reporters?|correspondents?|staff)\b", re.I
)
# A dateline: "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -" (a place in capitals,
# perhaps a date, the agency in brackets, a dash), alone or opening the first paragraph.
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’ -]{1,40}?)(?:,[^()\n]{1,40}?)?\s?\((?P<list>[^()\n]{2,40})\)"
    r"\s?(?:[—–-]{1,2}|:)?(?=\s|\Z)"
)
# A line that is only "(AFP)": at an edge, the agency that filed the story.
_PAREN = re.compile(r"\(\s*(?P<list>[^()]{2,60}?)\s*\)\.?")
# Words of a news organisation's name: "Press TV", "The Canadian Press", "Kuwait News
# Agency". A name without one, no acronym and no listed agency is a signature or a phrase.
_MEDIA_WORD = re.compile(
    r"\b(?:press|news|agency|agencia|agence|agentur|nachrichten|presse|prensa|wire|tv|radio|"
    r"television|broadcasting|times|post|herald|journal|tribune|telegraph|gazette|daily|"
    r"media|network|service|channel|reuters)\b",
    re.I,
)
_ACRONYM = re.compile(r"[A-Z][A-Z&-]{1,4}")  # "KUNA", "PTI"; not "SHOOTER"
_ARTICLE = re.compile(r"(?:the|a|an|la|le|les|el|los|las|il|lo|der|die|das|de|het)\s", re.I)
_NUMBER = re.compile(r"[\d.,:/-]+")
_BYLINE_LEAD = re.compile(r"\A(?:written|posted|reported|words|story)\s+(?=by\s)", re.I)
_BYLINE = re.compile(
    r"(?:by|von|par|por|di|door|de)\s+(?P<list>[^|•·\n]{2,120}?)"
    r"(?:\s*[|,•·]\s*(?P<rest>.{0,80}))?",
    re.I,
)


@dataclass(slots=True)
class Credit:
    rule: str
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    # "Source: X" labels where something came from: the article at its end, but a chart,
    # photo or quote inside the body; "Agencies: X" and "With files from X" credit the
    # article wherever they stand.
    label: bool = False
    # "(AFP)" or a dateline's "(AP)": a bracket alone also holds labels ("(VIDEO)",
    # "(FILE)"), so only a listed agency or a media word counts there.
    bracketed: bool = False


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised, a particle ("de", "al"), a particle
    hyphened to a capitalised word ("al-Sadr", "el-Sisi"), or a number."""
    if _CAPITAL.match(word) or word.lower() in _LOWER_WORDS or word[0].isdigit():
        return True
    head, hyphen, rest = word.partition("-")
    return bool(hyphen) and head.lower() in _LOWER_WORDS and _CAPITAL.match(rest) is not None


def _name_list(text: str, *, max_items: int = 8) -> list[str] | None:
    """Split a list of names; None unless every item looks like a name."""
    items = [i.strip(" .,;:()[]'\"“”‘’") for i in _SPLIT.split(text.strip())]
    items = [i for i in items if i]
    if not items or len(items) > max_items:
        return None
    # A lower-case agency acronym ("dpa") passes only beside a capitalised name.
    if not any(_CAPITAL.match(i) for i in items):
        return None
    for item in items:
        words = item.split()
        if len(words) == 1 and 2 <= len(item) <= 4 and item.isalpha() and item.islower():
            continue
        if not 1 <= len(words) <= 6 or not _CAPITAL.match(item):
            return None
        if not all(_name_word(w) for w in words):
            return None
    return list(dict.fromkeys(items))


def parse_credit(line: str) -> Credit | None:
    """A credit line (the whole line), or None."""
    s = line.strip()
    if not s or len(s) > 400:
        return None
    m = _WITH.fullmatch(s)
    if m:
        names = _name_list(m.group("list"))
        return Credit("credit.with", sources=names) if names else None
    m = _DASH.fullmatch(s)
    if m:
        names = _name_list(m.group("list"), max_items=4)
        if names and all(len(n.split()) <= 4 for n in names):
            return Credit("credit.agency", sources=names)
        return None
    m = _SOURCE.fullmatch(s)
    if m:
        names = _name_list(m.group("list"), max_items=6)
        if not names:
            return None
        return Credit("credit.source", sources=names, label=m.group("label") is not None)
    if _REPORTING.fullmatch(s):
        authors: list[str] = []
        for part in _ROLE_SPLIT.split(s.strip("()")):
            if not part.strip(" .,"):
                continue
            rm = _ROLE.search(part)
            if rm is None:
                return None
            names = _name_list(
                re.sub(r"\s+in\s+[A-Z][\w ]{1,40}$", "", rm.group("list").strip(" .)"))
            )
            if names is None:
                return None
            role = rm.group("role").lower()
            if role in ("reporting", "writing", "written"):
                authors.extend(n for n in names if n not in authors)
        return Credit("credit.reporting", authors=authors)
    m = _CONTRIBUTED.fullmatch(s)
    if m:
        who = m.group("who")
        sources: list[str] = []
        org = _ORG_STAFF.match(who)
        if org:
            names = _name_list(org.group("org"), max_items=2)
            if names:
                sources = names
        if sources or _name_list(re.sub(r"^.*?\b(?:writers?|reporters?)\s+", "", who)):
            return Credit("credit.contributed", sources=sources)
    m = _DATELINE.fullmatch(s) or _PAREN.fullmatch(s)  # last: "(Sources: X)" is read above
    if m:
        names = _name_list(m.group("list"), max_items=4)
        if names and all(len(n.split()) <= 4 for n in names):
            return Credit("credit.agency", sources=names, bracketed=True)
    return None


def parse_byline(line: str) -> list[str] | None:
    """ "By Jane Doe and John Roe" (optionally ", Staff writer" / "| Reuters") -> names."""
    s = _BYLINE_LEAD.sub("", line.strip())
    if len(s) > 160:
        return None
    m = _BYLINE.fullmatch(s)
    if m is None:
        return None
    rest = m.group("rest")
    if rest and re.search(r"[.!?]\s", rest + " ") and len(rest.split()) > 8:
        return None
    names = _name_list(m.group("list"), max_items=4)
    if not names or any(len(n.split()) > 4 or not _byline_name(n) for n in names):
        return None
    if s[:2].lower() != "by" and any(len(n.split()) == 1 for n in names):
        return None  # "Por Favor", "De Nada": one word after another language's "by"
    return names


def _byline_name(name: str) -> bool:
    """A name a byline can give: not a number ("By 2030", "Par 72") nor a phrase opened
    by an article ("By The Numbers", "De La Soul"), unless it is a news organisation's
    ("By The Associated Press")."""
    if any(_NUMBER.fullmatch(word) for word in name.split()):
        return False
    return not _ARTICLE.match(name) or _MEDIA_WORD.search(name) is not None


def dateline_agencies(line: str) -> list[str] | None:
    """The names in the brackets of a dateline opening ``line`` ("WASHINGTON (AP) — The
    Senate voted ..."), or None."""
    m = _DATELINE.match(line)
    return _name_list(m.group("list"), max_items=3) if m is not None else None


def agency_like(name: str, agencies: dict[str, str], *, acronyms: bool = True) -> bool:
    """Whether a name signed after a dash or alone in brackets is a news organisation:
    a listed agency, an acronym (3-5 capitals: "KUNA", not a signer's "JS"; not in
    brackets, where "(VIDEO)" is a label), or a name with a media word ("Press TV").
    "— Margaret Hill, Bristol" is a letter's signature."""
    if name.casefold() in agencies:
        return True
    if _ACRONYM.fullmatch(name):
        return acronyms and len(name) > 2
    return _MEDIA_WORD.search(name) is not None and not _NUMBER.search(name)


# A credit fragment after the last sentence of a paragraph.
_TAIL_DASH = re.compile(
    r"(?<=[.!?…])['\"”’)]*(?P<frag>\s*(?:[—–]|--)\s*(?P<list>[^—–()]{2,60}?))\s*\Z"
)
_TAIL_PAREN = re.compile(r"(?<=[.!?…])['\"”’]*(?P<frag>\s+\((?P<list>[^()]{2,60})\))\.?\s*\Z")
_TAIL_WITH = re.compile(
    r"(?<=[.!?…])['\"”’]*(?P<frag>\s+\(\s*(?:with|mit|avec|con|com|met)\s+(?P<list>[^()]{2,160}?)\s*\)\.?)\s*\Z",
    re.I,
)


def parse_trailing_credit(line: str, agencies: frozenset[str]) -> tuple[int, Credit] | None:
    """A credit fragment ending a paragraph: (where the fragment starts, the credit).

    "... on Monday. — AFP" and "... he said. (Reuters)" count only when every name
    is a known agency; "... (With Press TV, Reuters and Sputnik)" when every item
    looks like a name. The fragment starts at the space after the sentence end.
    """
    if len(line) > 5000:
        return None
    m = _TAIL_WITH.search(line)
    if m is not None:
        names = _name_list(m.group("list"))
        if names:
            return m.start("frag"), Credit("credit.trailing", sources=names)
    for regex in (_TAIL_DASH, _TAIL_PAREN):
        m = regex.search(line)
        if m is None:
            continue
        names = [x.strip() for x in _SPLIT.split(m.group("list").strip()) if x.strip()]
        if 0 < len(names) <= 4 and all(x in agencies for x in names):
            return m.start("frag"), Credit("credit.trailing", sources=names)
    return None
