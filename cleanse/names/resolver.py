"""Resolve a name mention to a gazetteer entity, or refuse.

Matching is token-level and indexed (no scan of the gazetteer per lookup):

1. The mention is analysed into content tokens (``normalize.analyse``).
2. Each token is looked up in the gazetteer's token vocabulary: the same
   folded token (score 1.0), a spelling variant with the same skeleton and
   compatible vowels (0.9), or a skeleton one edit away found through a
   deletion-neighbourhood index (0.75, long tokens only).
3. Candidate names are those that contain a match for *every* mention token
   (posting-set intersection, rarest first); each is aligned one-to-one.
4. A candidate is accepted only if at least one aligned token is rare in the
   gazetteer (few entities carry it) and a lone token is a surname or
   kunya, not a given name on its own. Its score weighs token similarity by
   rarity (idf) and rewards covering the whole name.
5. The best entity wins only if no other entity comes within ``margin``:
   near-ties return ``None`` rather than a guess.

Acronyms (PMU, ISIL) match only exactly, against acronym names of the
gazetteer ("ISIL", or the "(FDLR)" of "Forces ... du Rwanda (FDLR)"), and an
acronym name matches as a word only when written the same ("Nato"), never by
a spelling variant ("Issues" is no ISIS). An organisation's initials
(3+ content words) serve as an acronym the gazetteer does not list; such a
match is marked ``derived``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from cleanse.names.gazetteer import Entity, Gazetteer
from cleanse.names.normalize import (
    LEGAL_FORMS,
    POSSESSIVE,
    abbreviates,
    acronym,
    analyse,
    consonant_trace,
    fold,
    initials_acronym,
    may_bind,
    plain_token,
    token_key,
    vowels_compatible,
)

SPELLING = 0.9  # same skeleton, compatible vowels
FUZZY = 0.75  # skeleton one edit away
_MIN_FUZZY_SKELETON = 6
_KUNYA = ("abu", "umm")
_BOUND = ("abu", "umm", "abd")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Match:
    """A resolved mention: the entity, how well it matched, and how."""

    entity: Entity
    score: float
    name: str  # the gazetteer name (canonical or alias) that matched best
    full: bool  # the mention covers every token of that name
    exact: bool  # ... and every token is the same after folding
    # An acronym the gazetteer does not list, made from the initials of a name: three
    # letters stand for many bodies, so text should link it only beside that body's name.
    derived: bool = False


@dataclass(frozen=True, slots=True)
class _Name:
    entity: int
    text: str
    tokens: tuple[int, ...]
    total_idf: float
    last: int  # the vocabulary id of the final token (a surname, usually)
    exact_only: bool = False  # an acronym ("US", "Nato"): no spelling variant of it


@dataclass(frozen=True, slots=True)
class _Candidate:
    entity: int
    name: int
    score: float
    full: bool
    exact: bool


class Resolver:
    """Links mentions to the entities of one gazetteer (and only that one)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        margin: float = 0.05,
        min_score: float = 0.6,
        rare_fraction: float = 0.002,
        min_rare: int = 2,
        max_unaligned: int = 0,
        surname_links: bool = False,
    ) -> None:
        self.gazetteer = gazetteer
        self.margin = margin
        self.min_score = min_score
        self.max_unaligned = max_unaligned
        self.surname_links = surname_links
        self._entities = gazetteer.entities
        n = max(1, len(self._entities))
        self.rare_df = max(min_rare, math.ceil(rare_fraction * n))
        self._vocab: dict[str, int] = {}
        self._vocab_tokens: list[str] = []
        vocab_entities: list[set[int]] = []
        postings: list[set[int]] = []
        self._names: list[_Name] = []
        self._acronyms: dict[str, set[int]] = {}
        derived: dict[str, set[int]] = {}
        raw_names: list[tuple[int, str, tuple[str, ...], bool]] = []
        plain_tokens: set[str] = set()  # tokens seen outside joined-pair variants

        for ei, entity in enumerate(self._entities):
            for text in entity.names:
                for name_text, acr in _name_parts(text):
                    if acr is not None:
                        self._acronyms.setdefault(acr, set()).add(ei)
                    if not name_text:
                        continue
                    if entity.kind == "org" and acr is None:
                        initials = initials_acronym(name_text)
                        if initials is not None:
                            derived.setdefault(initials, set()).add(ei)
                    form = analyse(name_text)
                    seen: set[tuple[str, ...]] = set()
                    plain = (form.tokens, *form.variants)
                    for k, tokens in enumerate((*plain, *_joined(form.tokens))):
                        toks = tuple(t for t in tokens if len(t) > 1)
                        if k < len(plain):
                            plain_tokens.update(toks)
                        if toks and toks not in seen:
                            seen.add(toks)
                            raw_names.append((ei, name_text, toks, acr is not None))
        self._derived: set[str] = set()
        for acr, owners in derived.items():  # explicit acronyms win over derived ones
            if acr not in self._acronyms:
                self._acronyms[acr] = owners
                self._derived.add(acr)
        for ei, _, toks, _ in raw_names:
            for tok in toks:
                vid = self._vocab.get(tok)
                if vid is None:
                    vid = self._vocab[tok] = len(self._vocab_tokens)
                    self._vocab_tokens.append(tok)
                    vocab_entities.append(set())
                    postings.append(set())
                vocab_entities[vid].add(ei)
        # Rarity counts every spelling: entities carrying any token of the same skeleton.
        skeleton_entities: dict[str, set[int]] = {}
        for tok, vid in self._vocab.items():
            skeleton_entities.setdefault(token_key(tok).skeleton, set()).update(vocab_entities[vid])
        self._df = [len(skeleton_entities[token_key(tok).skeleton]) for tok in self._vocab_tokens]
        self._idf = [math.log(1.0 + n / df) for df in self._df]
        self._exact: dict[tuple[str, ...], set[int]] = {}
        for ei, name_text, toks, exact_only in raw_names:
            self._exact.setdefault(toks, set()).add(len(self._names))
            ids = tuple(self._vocab[t] for t in toks)
            ni = len(self._names)
            total = sum(self._idf[v] for v in ids)
            self._names.append(_Name(ei, name_text, ids, total, ids[-1], exact_only))
            for vid in ids:
                postings[vid].add(ni)
        self._postings = [frozenset(p) for p in postings]
        self._surnames = frozenset(
            self._vocab_tokens[name.last]
            for name in self._names
            if self._entities[name.entity].kind == "person"
        )
        self._is_rare = [df <= self.rare_df for df in self._df]
        self._traces = frozenset(consonant_trace(tok) for tok in self._vocab_tokens)

        # Spelling-variant and one-edit indexes over token skeletons: a skeleton's tokens
        # grouped by vowel pattern (one compatibility test per pattern, not per token),
        # and the skeletons one deletion away (one edit distance per skeleton).
        self._by_skeleton: dict[str, dict[tuple[int, ...], list[int]]] = {}
        self._by_deletion: dict[str, list[str]] = {}
        self._fuzzy_vids: dict[str, list[int]] = {}  # skeleton -> tokens one edit may reach
        for tok, vid in self._vocab.items():
            skeleton, vowels = token_key(tok)
            self._by_skeleton.setdefault(skeleton, {}).setdefault(vowels, []).append(vid)
            if len(skeleton) >= _MIN_FUZZY_SKELETON and tok in plain_tokens:
                vids = self._fuzzy_vids.get(skeleton)
                if vids is None:
                    vids = self._fuzzy_vids[skeleton] = []
                    for variant in _deletions(skeleton):
                        self._by_deletion.setdefault(variant, []).append(skeleton)
                vids.append(vid)
        self._token_cache: dict[str, tuple[dict[int, float], frozenset[int]]] = {}
        # News repeats its names ("I", "This", "Google" ...): the names step asks for the
        # same span texts across documents (4 in 5 lookups on the extraction bodies).
        # Match is immutable, so a result can be shared; bounded like the token cache.
        self._match_cache: dict[str, Match | None] = {}
        self._spelled: dict[str, bool] = {}  # joined words: _spells_a_token

    # -- public -------------------------------------------------------------------

    def resolve(self, mention: str) -> str | None:
        """The canonical name of the entity ``mention`` refers to, or None if unsure."""
        found = self.match(mention)
        return found.entity.canonical if found is not None else None

    def match(self, mention: str) -> Match | None:
        """Like ``resolve``, with the entity and how it matched."""
        cache = self._match_cache
        if mention in cache:
            return cache[mention]
        found = self._match(mention)
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[mention] = found
        return found

    def _match(self, mention: str) -> Match | None:
        text = mention.strip()
        if not text:
            return None
        if ";" in text:  # a list of names for one entity: all that resolve must agree
            found = [self.match(part) for part in text.split(";") if part.strip()]
            hits = [m for m in found if m is not None]
            if hits and all(h.entity.id == hits[0].entity.id for h in hits):
                return max(hits, key=lambda h: h.score)
            return None
        paren = split_parenthesis(text)
        if paren is not None and paren[0]:
            acr = acronym(paren[1])
            if acr is None or not abbreviates(acr, paren[0]):
                return None  # "X (qualifier)": a qualifier we cannot check
            base = self._match_plain(paren[0])
            inner = self._match_acronym(acr)
            if base is not None and inner is not None and base.entity.id != inner.entity.id:
                return None
            return base or inner
        return self._match_plain(text)

    def match_acronym(self, text: str) -> Match | None:
        acr = acronym(text)
        return self._match_acronym(acr) if acr is not None else None

    def entity_of(self, mention: str) -> Entity | None:
        found = self.match(mention)
        return found.entity if found is not None else None

    # -- internals ----------------------------------------------------------------

    def _match_acronym(self, acr: str) -> Match | None:
        owners = self._acronyms.get(acr)
        if owners is None or len(owners) != 1:
            return None
        entity = self._entities[next(iter(owners))]
        return Match(entity, 1.0, acr.upper(), full=True, exact=True, derived=acr in self._derived)

    def blockers(self, words: Sequence[str]) -> list[Blocker | None]:
        """Words of a run that no mention of two or more of its words can get past.

        ``words`` are consecutive words of a text, one space apart; any span of two or
        more of them is a mention the caller may look up. A word blocks such a span
        when its token (``plain_token``) matches no gazetteer token even by a spelling
        or one edit: ``_match_tokens`` needs every token to match. Only two things
        could still make the span match: a bound prefix fusing with the word (no word
        before it may hold one) and a joined variant that writes it together with a
        neighbouring token, so a neighbour inside the span must be plain too, and the
        two written as one word must spell no gazetteer token. Spares the names step
        most lookups of long capitalised runs ("The New York Times Editorial Board").
        """
        out: list[Blocker | None] = [None] * len(words)
        if self.max_unaligned:
            return out  # a token may then stay unaligned
        tokens = [plain_token(w) for w in words]
        for k, tok in enumerate(tokens):
            if k and may_bind(words[k - 1]):
                break  # a bound prefix may fuse with this word or, past articles, a later one
            if tok is None or words[k].endswith(POSSESSIVE) or self._token(tok)[0]:
                continue
            left = k > 0 and _apart(tokens[k - 1], tok, self)
            right = k + 1 < len(words) and _apart(tok, tokens[k + 1], self)
            out[k] = Blocker(left=left, right=right)
        return out

    def is_surname(self, token: str) -> bool:
        """Whether an analysed token is, exactly, the last word of a person's name."""
        return token in self._surnames

    def is_rare(self, token: str) -> bool:
        """Whether an analysed token (in any of its spellings) is rare among the names."""
        return bool(self._token(token, fuzzy=False)[1])

    def _match_plain(self, text: str) -> Match | None:
        acr = acronym(text)
        if acr is not None:
            return self._match_acronym(acr)
        form = analyse(text)
        found = self._match_tokens(form.tokens, surface=text)
        if found is None:
            for variant in form.variants:
                found = self._match_tokens(variant, surface=text)
                if found is not None:
                    return found
            tokens = form.tokens
            for i in _join_points(tokens):
                word = tokens[i] + tokens[i + 1]
                if word not in tokens and not self._spells_a_token(word):
                    continue  # the joined word is not a gazetteer token: skip cheaply
                found = self._match_tokens(
                    (*tokens[:i], word, *tokens[i + 2 :]), fuzzy=False, surface=text
                )
                if found is not None:
                    return found
        if found is None and self.max_unaligned and len(form.tokens) >= 3:
            found = self._match_leaving_out(form.tokens)
        if found is not None and found.entity.kind in ("person", "place"):
            dropped = LEGAL_FORMS.intersection(fold(text).split()).difference(form.tokens)
            if dropped:
                return None  # "US Group", "Jordan Ltd": a company named after them
        return found

    def _match_leaving_out(self, tokens: tuple[str, ...]) -> Match | None:
        """Opt-in (``max_unaligned=1``): one mention token may stay unaligned."""
        hits = [self._match_tokens(tokens[:i] + tokens[i + 1 :]) for i in range(len(tokens))]
        found = [h for h in hits if h is not None]
        if not found or any(h.entity.id != found[0].entity.id for h in found):
            return None
        best = max(found, key=lambda h: h.score)
        return Match(best.entity, best.score * 0.9, best.name, full=False, exact=False)

    def _spells_a_token(self, tok: str) -> bool:
        """Whether ``tok`` is a gazetteer token or a spelling of one (no one-edit match)."""
        known = self._spelled.get(tok)
        if known is not None:
            return known
        traces = self._traces
        bare = _without_article(tok)  # _token tries it too
        if consonant_trace(tok) not in traces and (
            bare is None or consonant_trace(bare) not in traces
        ):
            found = False  # no token shares its trace, so none its skeleton (see _token)
        else:
            found = bool(self._token(tok, fuzzy=False)[0])
        if len(self._spelled) >= _CACHE_LIMIT:
            self._spelled.clear()
        self._spelled[tok] = found
        return found

    def _token(self, tok: str, *, fuzzy: bool = True) -> tuple[dict[int, float], frozenset[int]]:
        """Vocabulary matches of one token: scores, and the names holding a rare match."""
        cache_key = tok if fuzzy else "=" + tok
        cached = self._token_cache.get(cache_key)
        if cached is not None:
            return cached
        scores = self._token_scores(tok, fuzzy=fuzzy)
        bare = _without_article(tok)
        if not scores and bare is not None:
            scores = {v: s * 0.95 for v, s in self._token_scores(bare, fuzzy=fuzzy).items()}
        is_rare = self._is_rare
        rare_ids = [v for v in scores if is_rare[v]]
        if not rare_ids:
            rare: frozenset[int] = frozenset()
        elif len(rare_ids) == 1:
            rare = self._postings[rare_ids[0]]
        else:
            rare = frozenset().union(*(self._postings[v] for v in rare_ids))
        if len(self._token_cache) > _CACHE_LIMIT:
            self._token_cache.clear()
        result = self._token_cache[cache_key] = (scores, rare)
        return result

    def _token_scores(self, tok: str, *, fuzzy: bool = True) -> dict[int, float]:
        scores: dict[int, float] = {}
        skeleton, vowels = token_key(tok)
        groups = self._by_skeleton.get(skeleton)
        if groups is not None:
            for other_vowels, vids in groups.items():
                if vowels_compatible(vowels, other_vowels):
                    scores.update(dict.fromkeys(vids, SPELLING))
        if (
            fuzzy
            and len(skeleton) >= _MIN_FUZZY_SKELETON
            and len(skeleton) - skeleton.count("V") >= 4
            and not tok.startswith(_BOUND)
        ):
            near = {
                other
                for variant in _deletions(skeleton)
                for other in self._by_deletion.get(variant, ())
            }
            for other in near:
                if Levenshtein.distance(skeleton, other, score_cutoff=1) <= 1:
                    for vid in self._fuzzy_vids[other]:
                        scores.setdefault(vid, FUZZY)
        exact = self._vocab.get(tok)
        if exact is not None:
            scores[exact] = 1.0
        return scores

    def _match_tokens(
        self, tokens: tuple[str, ...], *, fuzzy: bool = True, surface: str | None = None
    ) -> Match | None:
        """The entity whose name aligns ``tokens``; ``surface`` is the mention as written
        (a lone common word links only to a name written exactly so)."""
        toks = [t for t in tokens if len(t) > 1]
        initials = [t for t in tokens if len(t) == 1 and t.isalpha()]
        if not toks:
            return None
        looked = []
        for t in toks:  # stop at the first token that matches nothing
            found = self._token(t, fuzzy=fuzzy)
            if not found[0]:
                return None
            looked.append(found)
        scores = [s for s, _ in looked]
        # Only names that align a rare token, or carry exactly these tokens, can pass.
        candidates: set[int] = set().union(*(rare for _, rare in looked))
        exact = self._exact.get(tuple(toks))
        if exact is not None:
            candidates |= exact
        postings = self._postings
        for tok_scores in sorted(scores, key=len):  # keep names that hold a match for each
            if len(tok_scores) == 1:
                candidates &= postings[next(iter(tok_scores))]
            else:  # union of (candidates & posting): never materialise a common token's names
                candidates = set().union(*(candidates & postings[v] for v in tok_scores))
            if not candidates:
                return None
        best: dict[int, _Candidate] = {}
        for ni in candidates:
            cand = self._score(ni, scores, initials, surface)
            if cand is None:
                continue
            known = best.get(cand.entity)
            if known is None or cand.score > known.score:
                best[cand.entity] = cand
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda c: c.score, reverse=True)
        top = ranked[0]
        if top.score < self.min_score:
            return None
        if len(ranked) > 1 and ranked[1].score > top.score - self.margin:
            return None  # near-tie: refuse rather than guess
        return Match(
            self._entities[top.entity],
            top.score,
            self._names[top.name].text,
            full=top.full,
            exact=top.exact,
        )

    def _score(
        self,
        ni: int,
        scores: list[dict[int, float]],
        initials: list[str],
        surface: str | None = None,
    ) -> _Candidate | None:
        """Align the mention's tokens one-to-one with name ``ni``'s; None if they do not fit."""
        name = self._names[ni]
        idf = self._idf
        pairs: list[tuple[float, int, int]] = []
        for i, tok_scores in enumerate(scores):
            for pos, v in enumerate(name.tokens):
                s = tok_scores.get(v)
                if s is not None:
                    pairs.append((s, i, pos))
        pairs.sort(reverse=True)
        used_m: set[int] = set()
        used_n: set[int] = set()
        weighted = weight = 0.0
        rare = False
        exact = True
        lowest = 1.0
        for s, i, pos in pairs:
            if i in used_m or pos in used_n:
                continue
            used_m.add(i)
            used_n.add(pos)
            v = name.tokens[pos]
            weighted += idf[v] * s
            weight += idf[v]
            rare = rare or self._is_rare[v]
            exact = exact and s == 1.0
            lowest = min(lowest, s)
        if len(used_m) < len(scores):
            return None
        for initial in initials:  # "A. Kabir": the initial must fit another token
            for pos, v in enumerate(name.tokens):
                if pos not in used_n and self._vocab_tokens[v].startswith(initial):
                    used_n.add(pos)
                    break
            else:
                return None
        full = len(used_n) == len(name.tokens)
        exact = exact and full and not initials
        if name.exact_only and not exact:
            return None  # "Use", "App", "Issues" are no spellings of US, AP, ISIS
        if not (rare or exact):
            return None
        lone = len(scores) == 1 and not initials
        v = name.tokens[next(iter(used_n))]
        if (
            lone
            and not rare
            and self._entities[name.entity].kind == "person"
            and (surface is None or _surface(surface) != _surface(name.text))
        ):
            # A one-word alias ("Omar", "Hajj Ibrahim") names one person in the gazetteer
            # but thousands outside it: "Sheik Omar" or "Dr. Ibrahim" link only when the
            # word is rare among the names, or when written exactly as the name is.
            return None
        if lone and (
            not full
            or (
                self._entities[name.entity].kind == "person"
                and self._vocab_tokens[v].startswith(_KUNYA)
            )
        ):
            # A lone token names a person by surname or kunya, spelled (nearly) the same;
            # never an organisation or place by one word of its name. A kunya ("Abu
            # Salman") is shared by many people even when the gazetteer has one holder, so
            # a lone kunya counts as a partial name even when it is a whole alias.
            if (
                not self.surname_links
                or lowest < SPELLING
                or len(self._vocab_tokens[v]) < 4
                or self._entities[name.entity].kind != "person"
                or not (v == name.last or self._vocab_tokens[v].startswith(_KUNYA))
            ):
                return None
        elif len(scores) == 1 and lowest < SPELLING:
            return None
        cover = weight / name.total_idf
        score = (weighted / weight) * (0.75 + 0.25 * cover)
        return _Candidate(name.entity, ni, score, full, exact)


@dataclass(frozen=True, slots=True)
class Blocker:
    """A word no multi-word mention holding it can match (``Resolver.blockers``):
    ``left``/``right``: whether that holds with the word before/after it in the span."""

    left: bool
    right: bool

    def blocks(self, first: bool, last: bool) -> bool:
        """Whether it blocks a span it opens (``first``), closes (``last``) or lies inside."""
        return (first or self.left) and (last or self.right)


def span_blocked(blockers: Sequence[Blocker | None], start: int, end: int) -> bool:
    """Whether words[start:end], two or more, hold a word that blocks them."""
    return end - start > 1 and any(
        b is not None and b.blocks(k == start, k == end - 1)
        for k, b in enumerate(blockers[start:end], start)
    )


def _without_article(tok: str) -> str | None:
    """A token with a glued article taken off ("alzahrani" -> "zahrani"), or None."""
    return tok[2:] if len(tok) >= 6 and tok.startswith(("al", "el")) else None


def _apart(a: str | None, b: str | None, resolver: Resolver) -> bool:
    """Whether plain tokens ``a`` and ``b`` written as one word spell no gazetteer token."""
    return a is not None and b is not None and not resolver._spells_a_token(a + b)


def split_parenthesis(text: str) -> tuple[str, str] | None:
    """'Name (ACR)' -> ('Name', 'ACR'); None unless the text ends with one parenthesis."""
    text = text.rstrip()
    if not text.endswith(")"):
        return None
    opening = text.rfind("(")
    inner = text[opening + 1 : -1]
    if opening < 0 or "(" in inner or ")" in inner:
        return None
    return text[:opening].rstrip(), inner


def _join_points(tokens: tuple[str, ...]) -> list[int]:
    """Where two adjacent tokens may be one word written apart (Obaid Ullah = Obaidullah)."""
    if not 2 <= len(tokens) <= 6:
        return []
    return [i for i in range(len(tokens) - 1) if tokens[i].isalpha() and tokens[i + 1].isalpha()]


def _joined(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The token tuple with one adjacent pair written as one word, at each join point."""
    return [
        (*tokens[:i], tokens[i] + tokens[i + 1], *tokens[i + 2 :]) for i in _join_points(tokens)
    ]


_NOT_WORD = re.compile(r"[\W_]+")


def _surface(text: str) -> str:
    """A name as written, up to case, accents and punctuation ("Dr. Ibrahim" = "dr ibrahim")."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def _deletions(skeleton: str) -> set[str]:
    out = {skeleton}
    for i in range(len(skeleton)):
        out.add(skeleton[:i] + skeleton[i + 1 :])
    return out


def _name_parts(text: str) -> list[tuple[str, str | None]]:
    """A gazetteer name, split into (name without "(ACR)", acronym or None)."""
    paren = split_parenthesis(text)
    if paren is not None:
        base = paren[0]
        inner = acronym(paren[1])
        if inner is not None and abbreviates(inner, base):
            return [(base, inner)]
        return [(base, None)]
    acr = acronym(text)
    if acr is not None:
        return [(text, acr)]  # also a word ("Nato"), but never a spelling variant of one
    return [(text, None)]
