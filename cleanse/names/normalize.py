"""Token normalisation and transliteration-aware keys for names.

A name string becomes a tuple of *content tokens* (``analyse``):

- case, accents and apostrophes/ʿayn marks are folded away (``fold``);
- particles are recognised, not blindly dropped: articles (``al-``, ``el-``,
  assimilated ``ad-``/``ash-``... before a hyphen), connectors (``bin``,
  ``ibn``, ``bint``, ``ben``, ``ould``) and function words (``of``, ``de``,
  ``van``, ``von``...) are optional for matching; bound prefixes (``abu``,
  ``umm``, ``abd``/``abdul``/``abdel``...) are fused with the name they
  govern, so "Abu Mahdi", "Abou Mahdi" and "Abumahdi" are one token, and
  "Abd al-Rahman", "Abdul Rahman" and "Abdelrahman" are another;
- an all-capitals short token is an acronym candidate.

Every token gets a *skeleton* (consonant classes, ``V`` for each vowel run)
and the *vowel classes* of those runs (``token_key``). Two tokens with the
same skeleton and compatible vowels are spelling variants:
Qasem/Qassem/Ghasem/Kassem, Soleimani/Suleimani/Sulaimani/Soleymani,
Mohammed/Muhammad/Mohamed, Hussein/Husayn/Hussain (but not Hassan).

Rules of the skeleton (applied in this order):
  final h after a vowel is dropped        Hamzah = Hamza, Abdullah = Abdulla
  q, c, ck, gh -> k                       Qasem = Ghasem = Kassem
  kh -> h; th -> t; dh -> d; ph -> f      Khalid ~ Halid, Fadhil = Fadil
  sh, ch, sch, tch -> S; dj, dsch, zh -> j  Hisham = Hicham, Djaafar = Jaafar
  z -> s; x -> ks                         Organisation = Organization
  w before a vowel -> v, else a vowel     Wahid = Vahid, Tawfiq = Taufik
  y before a vowel is a consonant, else a vowel   Soleymani = Soleimani
  doubled consonants collapse             Qassem = Qasem
Vowel classes: a -> A, e -> A|I, i -> I, o/u -> U (a run takes the union);
two runs are compatible when their classes intersect and both or neither are
a diphthong ending in i (ai, ay, ei, ey, oi).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# -- folding ---------------------------------------------------------------------

_APOSTROPHES = "'’‘ʼʿʾ`´′ʻ"
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys(_APOSTROPHES, ""),
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "‐": "-",
        "‑": "-",
        "–": "-",
    }
)


def fold(text: str) -> str:
    """Lower-case, strip accents and apostrophe-like marks; keeps other punctuation."""
    if text.isascii():
        return text.lower().translate(_FOLD_TABLE)
    return _fold_unicode(text)


@lru_cache(maxsize=65536)
def _fold_unicode(text: str) -> str:  # a per-character pass: cached, names repeat
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_FOLD_TABLE)


# -- particles -------------------------------------------------------------------

#: Definite articles that are always particles.
ARTICLES = frozenset({"al", "el", "ul", "il"})
#: Assimilated Arabic articles: particles only when hyphenated to the next word (ad-Din).
ASSIMILATED = frozenset(
    {"ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az", "ez", "an", "en"}
)
#: "son/daughter of" and similar connectors: optional when matching.
CONNECTORS = frozenset({"bin", "ben", "ibn", "bint", "binti", "bn", "ould", "ag", "walad"})
#: Function words inside names (org names, European particles): optional when matching.
FUNCTION_WORDS = frozenset(
    {
        "the", "of", "and", "for", "in", "on", "to", "an", "by", "with",
        "de", "du", "des", "da", "do", "dos", "das", "di", "del", "della", "der", "den",
        "van", "von", "la", "le", "les", "wa", "fi", "li", "et", "und",
    }
)  # fmt: skip
#: Titles and honorifics before a name, and legal forms after a company name: optional.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "dr", "sir", "lt", "gen", "general", "colonel", "col", "major",
        "maj", "capt", "captain", "commander", "cmdr", "sgt", "president", "minister", "king",
        "queen", "prince", "princess", "emir", "amir", "sheikh", "shaikh", "shaykh", "sheik",
        "haji", "hajji", "haj", "hajj", "mullah", "mulla", "mawlawi", "maulavi", "maulvi",
        "maulana", "mufti", "qari", "hafiz", "ustadz", "ustad", "ustaz", "imam", "ayatollah",
        "sayyid", "sayyed", "seyed", "sayed", "syed", "grand", "cleric", "hojatoleslam",
    }
)  # fmt: skip
LEGAL_FORMS = frozenset(
    {
        "co", "company", "ltd", "limited", "llc", "inc", "corp", "corporation", "plc",
        "gmbh", "sa", "sarl", "ag", "bv", "nv", "est", "establishment", "group",
    }
)  # fmt: skip
#: Prefixes fused with the following name: kunya (abu, umm) and theophoric abd.
_BOUND = {
    "abu": "abu",
    "abou": "abu",
    "abo": "abu",
    "umm": "umm",
    "um": "umm",
    "oum": "umm",
    "abd": "abd",
    "abdul": "abd",
    "abdel": "abd",
    "abdal": "abd",
    "abdol": "abd",
    "abdil": "abd",
    "abdur": "abd",
    "abder": "abd",
    "abdu": "abd",
    "abdi": "abd",
}
# Glued forms: Abdelrahman, Abdulaziz, Abdurrahman, Abdirahman (rest of 4+ letters).
_GLUED_ABD = re.compile(r"^abd(?:[aeiou](?:l|r|s|sh|n|z|d|t)?)?([a-z]{4,})$")

_BOUND_FORMS = ("abu", "umm", "abd")
_PIECES = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_ACRONYM_SHAPE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name analysed for matching.

    ``tokens`` are the content tokens (folded, bound prefixes fused);
    ``particles`` counts the optional particles seen; ``variants`` are other
    tokenisations of the same string (hyphenated parts joined: Agha-Jani ->
    aghajani) worth trying.
    """

    tokens: tuple[str, ...]
    particles: int
    variants: tuple[tuple[str, ...], ...] = ()


_GLUED_ABU = re.compile(r"^ab(?:u|ou|o)([b-df-hj-np-tv-z][a-z]{3,})$")


def _unglue(token: str) -> str:
    if not token.startswith("ab"):
        return token
    match = _GLUED_ABD.match(token)
    if match is not None and not token.startswith(("abdullah", "abdallah", "abdellah")):
        return "abd" + match.group(1)
    match = _GLUED_ABU.match(token)
    if match is not None:  # Abubakar = Abu Bakar
        return "abu" + match.group(1)
    return token


@lru_cache(maxsize=65536)
def analyse(name: str) -> NameForm:
    """Content tokens of a name string (cached: names repeat)."""
    folded = fold(name)
    plain = folded.split()
    if (
        folded.replace(" ", "").isalpha()
        and " ab" not in " " + folded  # no glued prefix to undo ("Abdelrahman")
        and _NOT_PLAIN.isdisjoint(plain)
    ):
        return NameForm(tuple(plain), 0)  # letters only, no particle: every word a token
    return _analyse_folded(folded)


def _analyse_folded(folded: str) -> NameForm:
    """``analyse`` of a folded name, part by part (particles, hyphens, bound prefixes)."""
    words: list[tuple[str, bool]] = []  # (word, hyphen follows)
    joined: list[str] = []
    has_join = False
    for piece_match in _PIECES.finditer(folded):
        parts = piece_match.group().split("-")
        for i, part in enumerate(parts):
            words.append((part, i < len(parts) - 1))
        content_parts = [p for p in parts if not _is_particle(p, hyphen=True)]
        if len(content_parts) >= 2:
            has_join = True
            joined.append("".join(content_parts))
        else:
            joined.extend(parts)
    tokens, particles = _content(words)
    variants: tuple[tuple[str, ...], ...] = ()
    if has_join:
        alt, _ = _content([(w, False) for w in joined])
        if alt != tokens:
            variants = (alt,)
    return NameForm(tokens, particles, variants)


def _is_particle(word: str, *, hyphen: bool) -> bool:
    return (
        word in ARTICLES
        or word in CONNECTORS
        or word in FUNCTION_WORDS
        or (hyphen and word in ASSIMILATED)
        or word in _BOUND
    )


def _content(words: list[tuple[str, bool]]) -> tuple[tuple[str, ...], int]:
    tokens: list[str] = []
    particles = 0
    pending: str | None = None  # a bound prefix waiting for its name
    n = len(words)
    for index, (word, hyphen) in enumerate(words):
        last = index == n - 1
        if word in _BOUND and not last:
            if pending is not None:
                tokens.append(pending)
            pending = _BOUND[word]
            continue
        is_article = word in ARTICLES or (hyphen and word in ASSIMILATED)
        if pending is not None and is_article and not last:
            continue  # Abd al-Rahman: the article belongs to the fused name
        if not last and (is_article or word in CONNECTORS or word in FUNCTION_WORDS):
            particles += 1
            continue
        if word in TITLES and pending is None and not tokens and not last:
            particles += 1  # a title before the name: Colonel, Sheikh, Mullah
            continue
        if (
            pending is None
            and tokens
            and (word in LEGAL_FORMS or (last and word in FUNCTION_WORDS))
        ):
            particles += 1  # Ltd, Company, Establishment after a name
            continue
        word = _unglue(word)
        if pending is not None:
            tokens.append(pending + word)
            pending = None
        else:
            tokens.append(word)
    if pending is not None:
        tokens.append(pending)
    return tuple(tokens), particles


_NOT_PLAIN = (
    ARTICLES | ASSIMILATED | CONNECTORS | FUNCTION_WORDS | TITLES | LEGAL_FORMS | frozenset(_BOUND)
)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: A word's possessive ending ("Baghdad's").
POSSESSIVE = ("'s", "’s")


@lru_cache(maxsize=65536)
def plain_token(word: str) -> str | None:
    """The content token a word gives wherever it stands in a name, or None.

    A word is plain when it folds to letters only (two or more) and is no particle,
    title, legal form or bound prefix: ``analyse`` then keeps it as it is in any
    position, unless a bound prefix before it ("Abu Bakr") fuses with it, which
    ``may_bind`` tells for the words before it.
    """
    folded = fold(word)
    if len(folded) < 2 or not folded.isalpha() or folded in _NOT_PLAIN:
        return None
    return folded if _unglue(folded) == folded else None


@lru_cache(maxsize=65536)
def may_bind(word: str) -> bool:
    """Whether a word holds a bound prefix (abu, umm, abd...) that may fuse with the next."""
    return any(part in _BOUND for part in _LETTER_RUN.findall(fold(word)))


@lru_cache(maxsize=65536)
def acronym(text: str) -> str | None:
    """The folded acronym if ``text`` is one all-capitals token (PMU, ISIL, M23)."""
    stripped = text.strip().replace(".", "")
    if _ACRONYM_SHAPE.match(stripped) and any(c.isalpha() for c in stripped):
        return stripped.lower()
    return None


def abbreviates(acr: str, expansion: str) -> bool:
    """Whether folded acronym ``acr`` can stand for ``expansion``.

    Its first letter starts the expansion's first word (articles aside) and its
    letters follow, in order, the initials of the expansion's words (PMU for
    Popular Mobilization Units, ISIL for Islamic State of Iraq and the Levant).
    """
    words = _LETTER_RUN.findall(fold(expansion))
    content = [w for w in words if w not in ARTICLES and w not in FUNCTION_WORDS]
    if not content or not acr or acr[0] not in (words[0][0], content[0][0]):
        return False
    letters = iter(w[0] for w in words)
    return all(any(ch == initial for initial in letters) for ch in acr if ch.isalpha())


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ROMAN = re.compile(r"[IVXLC]+")


def initials_acronym(name: str) -> str | None:
    """The acronym of an organisation's name from its content words' initials (3+ words).

    A word that is itself an acronym counts whole: "UN Security Council" is UNSC, not
    USC; a regnal number does not count ("King Abdullah II"), nor does an apostrophe
    split a word ("People's Protection Units" is PPU).
    """
    parts: list[str] = []
    for word in _NAME_WORD.findall(name):
        folded = fold(word)
        if folded in ARTICLES or folded in FUNCTION_WORDS or folded in LEGAL_FORMS:
            continue
        if len(word) > 1 and word.isupper():
            if _ROMAN.fullmatch(word):
                continue
            parts.append(folded)
        else:
            parts.append(folded[:1])
    if len(parts) < 3 or len(parts) > 8:
        return None
    return "".join(parts)


# -- keys ------------------------------------------------------------------------

_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_UNIT_MAP = {  # multi-letter units; single letters are replaced in token_key
    "dsch": "j",
    "sch": "S",
    "tch": "S",
    "dj": "j",
    "sh": "S",
    "ch": "S",
    "zh": "j",
    "kh": "h",
    "gh": "k",
    "ph": "f",
    "th": "t",
    "dh": "d",
    "ck": "k",
}
_CONSONANT_Y = re.compile(r"y(?=[aeiou])")
_CONSONANT_W = re.compile(r"w(?=[aeiou])")
# Multi-letter units by regex (longest first); single letters by replace afterwards,
# which gives the same result as one alternation over both: no replacement writes a
# letter that a later one reads. Every multi-letter unit holds an h, or is dj or ck.
_MULTI_UNITS = re.compile("|".join(sorted(_UNIT_MAP, key=len, reverse=True)))
_DOUBLED = re.compile(r"([^aeiou])\1+")
_VOWEL_SPLIT = re.compile(r"([aeiou]+)")  # consonant chunks and vowel runs, alternating
_A, _I, _U, _DIPHTHONG = 1, 2, 4, 8
_VOWELS = _A | _I | _U
_VOWEL_CLASS = {"a": _A, "e": _A | _I, "i": _I, "o": _U, "u": _U}


def _unit(match: re.Match[str]) -> str:
    return _UNIT_MAP[match.group()]


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)  # a callable: a template string is parsed again on every call


class TokenKey(NamedTuple):
    skeleton: str
    vowels: tuple[int, ...]


@lru_cache(maxsize=262144)
def token_key(token: str) -> TokenKey:
    """Skeleton + vowel classes of one folded token (see the module docstring).

    Hot on text (every new capitalised word): each rewrite runs only on tokens that
    hold a letter it reads, and one split yields both the skeleton and the vowel runs.
    """
    if not token.isascii() or not token.isalpha():
        return TokenKey(token, ())
    if token.startswith(_BOUND_FORMS) and len(token) > 4:
        rest = token_key(token[3:])  # Abu Usamah != Abu Samia: vowels do not merge
        return TokenKey(token[:3] + "+" + rest.skeleton, rest.vowels)
    mapped = _FINAL_H.sub("", token) if token[-1] == "h" else token
    if "y" in mapped or "w" in mapped:
        if "yy" in mapped or "ww" in mapped:  # doubled like any consonant: Sayyid = Sayid
            mapped = mapped.replace("yy", "y").replace("ww", "w")
        mapped = _CONSONANT_W.sub("v", _CONSONANT_Y.sub("Y", mapped))
        # w or y not before a vowel is a vowel: a diphthong (Tawfiq, Soleymani)
        mapped = mapped.replace("w", "u").replace("y", "i")
    if "h" in mapped or "dj" in mapped or "ck" in mapped:
        mapped = _MULTI_UNITS.sub(_unit, mapped)
    if "q" in mapped:
        mapped = mapped.replace("q", "k")
    if "c" in mapped:
        mapped = mapped.replace("c", "k")
    if "x" in mapped:
        mapped = mapped.replace("x", "ks")
    if "z" in mapped:
        mapped = mapped.replace("z", "s")
    mapped = _DOUBLED.sub(_first_group, mapped)
    parts = _VOWEL_SPLIT.split(mapped)
    if len(parts) == 1:
        return TokenKey(mapped, ())
    runs = parts[1::2]
    try:
        vowels = tuple(map(_RUN_CLASSES.__getitem__, runs))
    except KeyError:  # a run of five or more vowels
        vowels = tuple(map(_run_class, runs))
    return TokenKey("V".join(parts[0::2]), vowels)


def _run_class(run: str) -> int:
    mask = 0
    for ch in run:  # runs are one to three letters
        mask |= _VOWEL_CLASS[ch]
    if len(run) > 1 and ((run[-1] == "i" and run[0] in "aeou") or run == "ae"):
        # ai/ay/ei/ey/oi/ui: Hussein = Husayn, Ayman != Aman, Angola != Anguilla; and ae,
        # which transliterates the same sound: Qaeda = Qaida, Esmaeli = Ismaili
        mask |= _DIPHTHONG
    return mask


#: The class of every vowel run of up to four letters (780 runs), looked up per run.
_RUN_CLASSES = {
    "".join(run): _run_class("".join(run))
    for size in range(1, 5)
    for run in itertools.product("aeiou", repeat=size)
}


_TRACE = re.compile(r"([blmnr])\1*")


def consonant_trace(token: str) -> str:
    """The letters b, l, m, n, r of a folded token in order, a run of one letter once.

    No skeleton rule writes or reads these letters, nor removes what lies between
    two of them, so two tokens with one skeleton have one trace: a token whose
    trace no gazetteer token has cannot be a spelling of one (a cheap test that
    spares the skeleton of a word that cannot match).
    """
    return "".join(_TRACE.findall(token))


def compatible(a: TokenKey, b: TokenKey) -> bool:
    """Same skeleton, and each vowel run shares a class and agrees on being a diphthong."""
    return a.skeleton == b.skeleton and vowels_compatible(a.vowels, b.vowels)


@lru_cache(maxsize=65536)
def vowels_compatible(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """The vowel runs of two keys with one skeleton (so as many runs) agree run by run;
    cached: few vowel patterns recur."""
    return a == b or all(
        x & y & _VOWELS and (x ^ y) & _DIPHTHONG == 0 for x, y in zip(a, b, strict=True)
    )
