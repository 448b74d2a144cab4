"""The typos step: in/out tables, guards, and properties."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanse import Config, Pipeline
from cleanse.document import Document
from cleanse.steps import StepContext
from cleanse.steps.typos import (
    TyposOptions,
    _neighbours,
    _occurrences,
    _Plan,
    build,
    confidence,
)
from cleanse.typos.lexicon import load_lexicon
from cleanse.typos.nonword import Ambiguous, Correction, NonWordCorrector, edits1

SEED = Path(__file__).resolve().parent.parent / "seeds" / "iraq-million-man-march.txt"
CTX = StepContext(kind="text")


def fixed(step, text: str) -> str:  # type: ignore[no-untyped-def]
    doc = Document(text)
    doc.apply("typos", step(text, CTX).edits)
    return doc.text


FIXES = [
    ("We will recieve the goverment report.", "We will receive the government report."),
    ("Recieve it tomorrow.", "Receive it tomorrow."),
    ("They said unless their will be more crimes.", "They said unless there will be more crimes."),
    ("Their are many reasons.", "There are many reasons."),
    ("You should of known better.", "You should have known better."),
    ("It was the the best day.", "It was the best day."),
    ("The dog wagged it's own tail.", "The dog wagged its own tail."),
    ("I think its a good idea.", "I think it's a good idea."),
    ("This is more expensive then that one.", "This is more expensive than that one."),
    ("The goverment's plan failed.", "The government's plan failed."),
    ("There are simply to many factors.", "There are simply too many factors."),
    ("The report on eduacation was late.", "The report on education was late."),
    # a curly-apostrophe possessive is checked by its base, like a straight one
    ("Your organiztion’s approach may differ.", "Your organization’s approach may differ."),
    # a curated misspelling inside a hyphenated compound
    (
        "It adds thrid-party tools for health-consious diners.",
        "It adds third-party tools for health-conscious diners.",
    ),
    # near-equal one-edit words: the neighbouring words choose, both ways
    ("She read a long sotry about the war.", "She read a long story about the war."),
    ("He was so sotry for the delay.", "He was so sorry for the delay."),
    ("We loked at the map.", "We looked at the map."),
    ("Loked at from above, it is round.", "Looked at from above, it is round."),
    # a neighbour fixed in the same pass is context as fixed (and a second pass agrees)
    ("She read a long sotry abuot the war.", "She read a long story about the war."),
    # a wrong doubling, even two letters off ("dissapearing" is in the table; these are not)
    ("It was a matter of great satisfacttion.", "It was a matter of great satisfaction."),
    ("That is alltogether different.", "That is altogether different."),
    # not a derivation: English drops the silent e and writes "-es" only after sibilants
    ("She is moveing to Leeds.", "She is moving to Leeds."),
    ("The bookes are on the shelf.", "The books are on the shelf."),
]
UNCHANGED = [
    "Qassem Soleimani and Abu Mahdi al-Muhandis met in the Jadriyah neighborhood.",
    "Qais al-Khazali, leader of Asa'ib Ahl al-Haq, spoke.",
    "The colour of the organisation's centre is grey.",  # British
    "The color of the organization's center is gray.",  # American
    "Visit https://example.com/recieve or mail recieve@example.com now.",
    "Follow @recieve and #goverment for news.",
    "Use `recieve()` in code and teh_var2 in config.",
    "The GOVERMENT and Recieve Ltd are names mid-sentence here.",
    "There are many reasons, and there is more.",
    "It is its own reward, and it's fine.",
    "They went there with their friends; they're happy.",
    "Me too. I want to go too.",
    "Der Hund und die Katze sind nicht recieve im Haus, aber sie schlafen dort.",
    # an unknown word used twice (or with its plural) is a term, not a one-off slip
    "Each cryptid has a trait. The last cryptid wins.",
    "Bloodthirsty selkies roam the coast; one selkie sings.",
    # a capitalised unknown word before another capitalised word is a name
    "Fees went up. Frndly TV is the cheapest service.",
    # a word split by a stray space is not a misspelling of a shorter word
    "I bought my first backp ack in Anchorage.",
    # to/too: month ranges, "from ... to", and no evidence for the alternative
    "Visit in spring (March to May) or autumn.",
    "It runs from the old town to early farms.",
    "The key to success was to reorganize jobs.",
    # a comparison earlier in the sentence wants "than"
    "She booked less comfortable rooms for you than he has for himself.",
    # near-equal candidates and no neighbouring word to choose by: left alone
    "Tags: sotry, news.",
    # four-letter unknown words have too many neighbours to guess
    "The system gives better control over wern modules execute.",
    # short compound parts are affixes, not misspelt words ("ons" is a table entry)
    "Optional add-ons and AR try-ons are sold separately.",
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fixes(step, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert fixed(step, before) == after


@pytest.mark.parametrize("text", UNCHANGED)
def test_leaves_alone(step, text: str) -> None:  # type: ignore[no-untyped-def]
    assert step(text, CTX).edits == []


def test_quotation_gets_flag_not_edit(step) -> None:  # type: ignore[no-untyped-def]
    text = 'He said "we will recieve it" and left. She said “the goverment lies”.'
    result = step(text, CTX)
    assert result.edits == []
    assert {f.suggestion for f in result.flags} == {"receive", "government"}


def test_unclosed_quotation_protects_rest_of_paragraph(step) -> None:  # type: ignore[no-untyped-def]
    result = step('He said "we will recieve it and left.\n\nThe goverment fell.', CTX)
    assert [p.replacement for p in result.edits] == ["government"]


def test_non_english_context_skips(step) -> None:  # type: ignore[no-untyped-def]
    text = "We will recieve the goverment report."
    assert step(text, StepContext(kind="text", language="de")).edits == []


def test_known_names_hook() -> None:
    step = build(Config(typos=TyposOptions(known_names=("Goverment Jones",))))
    assert step("the goverment said", CTX).edits == []


def test_options_switch_parts_off() -> None:
    step = build(Config(typos=TyposOptions(nonword=False, realword=False)))
    assert step("We will recieve it; their will be more.", CTX).edits == []


def test_rule_ids_and_confidence(step) -> None:  # type: ignore[no-untyped-def]
    rules = {p.rule for p in step("We will recieve it; their will be more.", CTX).edits}
    assert rules == {"typos.nonword.table", "typos.realword.their-there"}
    assert all(0.5 < confidence(r) <= 1 for r in rules)


def test_table_has_no_uk_us_pairs() -> None:
    lex = load_lexicon()
    for british, american in [("colour", "color"), ("organise", "organize"), ("centre", "center")]:
        assert british in lex.zipf and american in lex.zipf
        assert british not in lex.corrections and american not in lex.corrections
    assert all(wrong not in lex.zipf for wrong in lex.corrections)


def test_seed_through_pipeline() -> None:
    config = Config(steps=("decode", "extract", "repair", "whitespace", "typos"))
    article = Pipeline(config).clean(SEED.read_text(encoding="utf-8"))
    assert "unless there will be more crimes" in article.text
    typo_edits = [e for e in article.edits if "typos" in e.step]
    touched = " ".join(e.before for e in typo_edits)
    for name in ("Soleimani", "Muhandis", "Jadriyah", "Asa'ib", "Haq"):
        assert name not in touched
    quoted = article.text.index('"Oh women')
    quote_end = article.text.index("Sadr said in a tweet")
    source_quote = article.text[quoted:quote_end]
    assert source_quote in article.text and "its sovereignty and dependence" in source_quote
    for edit in typo_edits:  # nothing inside the quotation was edited
        assert edit.before not in {"its", "dependence"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_never_crashes_and_proposals_are_valid(text: str) -> None:
    step = build(Config())
    result = step(text, CTX)
    doc = Document(text)
    doc.apply("typos", result.edits)  # validates spans, no overlaps
    for flag in result.flags:
        assert 0 <= flag.start <= flag.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([before for before, _ in FIXES] + UNCHANGED))
def test_idempotent(text: str) -> None:
    step = build(Config())
    once = fixed(step, text)
    assert fixed(step, once) == once


def test_first_letter_slip_competes() -> None:
    """A one-edit word with another first letter is a competitor, never the fix."""
    from cleanse.typos.nonword import NonWordCorrector

    corrector = NonWordCorrector(load_lexicon(), min_length=4)
    nost = corrector.correct("nost")  # "not" and "most" both one edit away
    assert isinstance(nost, Ambiguous)
    assert {"not", "most"} <= {c for c, _ in nost.candidates}
    # context may favour "most", but a winner with another first letter is never offered
    assert corrector.choose(nost, "the", "popular") is None
    fixed_word = corrector.correct("eduacation")
    assert isinstance(fixed_word, Correction) and fixed_word.replacement == "education"


_SLIPS = st.sampled_from(sorted(w for w in load_lexicon().suggestible if w.isalpha()))


@given(
    word=_SLIPS,
    where=st.integers(0, 40),
    letter=st.sampled_from("abcxyz'é"),
    kind=st.integers(0, 4),
)
@example(word="receiving", where=2, letter="e", kind=3)
@settings(max_examples=300, deadline=None)
def test_one_edit_search_equals_the_generated_neighbours(
    word: str, where: int, letter: str, kind: int
) -> None:
    """The bucketed search finds exactly the suggestible words one OSA edit away."""
    i = where % (len(word) + 1)
    slip = [
        word[:i] + word[i + 1 :],
        word[:i] + letter + word[i + 1 :],
        word[:i] + letter + word[i:],
        word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],
        word,
    ][kind]
    corrector = _corrector()
    assert corrector._one_edit(slip) == edits1(slip) & load_lexicon().suggestible


def _corrector() -> NonWordCorrector:
    if not _CORRECTOR:
        _CORRECTOR.append(NonWordCorrector(load_lexicon()))
    return _CORRECTOR[0]


_CORRECTOR: list[NonWordCorrector] = []


def test_a_nested_derivation_yields_to_a_doubling_slip() -> None:
    from cleanse.typos.nonword import NonWordCorrector

    corrector = NonWordCorrector(load_lexicon())
    assert corrector.derived("comissioners")  # co + mission + ers...
    assert not corrector.derived("comissioners", nested=False)
    found = corrector.correct("comissioners")  # ...but one letter undoubled is likelier
    assert found == Correction("commissioners", "typos.nonword.doubling")
    assert corrector.correct("unskippable") is None  # no doubling variant is a word


def test_doubling_slip_loses_to_a_more_frequent_one_edit_word() -> None:
    from cleanse.typos.nonword import NonWordCorrector

    corrector = NonWordCorrector(load_lexicon())
    assert corrector._doubling("satisfacttion") == "satisfaction"
    assert corrector._doubling("refere") == "referee"  # the only doubling variant...
    refere = corrector.correct("refere")  # ...but "refer" is one edit away and commoner
    assert not (isinstance(refere, Correction) and refere.replacement == "referee")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("enviornmant", "environment"),  # two edits, no word one edit away
        ("comunicasion", "communication"),
        ("disapointmant", "disappointment"),
        ("wolfmen", None),  # two common words run together: a coinage
        ("midsoles", None),
        ("infermashun", None),  # nothing within two edits
    ],
)
def test_two_edit_misspellings_of_long_words(word: str, expected: str | None) -> None:
    from cleanse.typos.nonword import NonWordCorrector

    result = NonWordCorrector(load_lexicon()).correct(word)
    if expected is None:
        assert result is None
    else:
        assert result == Correction(expected, "typos.nonword.edit2")


def test_two_edit_search_ignores_words_too_rare_to_matter() -> None:
    """Leaving rare spellings out of the two-edit pool must not change a decision: every
    word it drops is rarer than a winner minus the margin (or has an apostrophe: a slip
    two edits from "hitler's" is no possessive)."""
    from cleanse.typos.nonword import NonWordCorrector

    corrector = NonWordCorrector(load_lexicon())
    floor = corrector.min_zipf - corrector.margin
    pool = {w for words, _ in corrector._pool.values() for w in words}
    zipf = corrector.lexicon.zipf
    wanted = {w for w in corrector.lexicon.suggestible if zipf[w] >= floor and "'" not in w}
    assert pool == wanted


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("The new enviornmant rules apply.", "The new environment rules apply."),
        ("Enviornmant rules apply.", None),  # capitalised: a brand as often as a slip
        ("Calathea enviornmant grows here.", None),  # after an unknown capitalised word
    ],
)
def test_two_edit_fixes_only_plain_lower_case_words(text: str, changed: str | None) -> None:
    step = build(Config())
    assert fixed(step, text) == (changed or text)


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("The new techonlogy rules apply.", "The new technology rules apply."),
        ("Techonlogy is everywhere.", "Technology is everywhere."),
        ("We love techonlogy.", "We love technology."),  # one word beside it is prose
        # no word on either side: a list item, a tag
        ("Materials:\n- techonlogy\n- cotton", None),
        ("tools (cotton, techonlogy, wool)", None),
        # beside a word that is no English word: another language, or a name
        ("Definitely techonlogy vatbaar.", None),
        ("Ficuss techonlogy grows.", None),
        # capitalised and not followed by a lower-case word: a reference list, a brand list
        ("Techonlogy G, Smith J. 2019.", None),
        ("Techonlogy. Time tracking.", None),
        ("Techonlogy’s experts agree.", None),  # a capitalised possessive is a name
        # the same spelling twice, in any case, is a term
        ("Techonlogy is here. We like techonlogy a lot.", None),
        # a neighbour fixed in the same pass is a word
        ("the new techonlogy goverments use", "the new technology governments use"),
    ],
)
def test_guessed_fixes_only_in_english_prose(text: str, changed: str | None) -> None:
    step = build(Config())
    assert fixed(step, text) == (changed or text)


@pytest.mark.parametrize(
    "text",
    [
        "The techonlogy's value and techonlogys here.",  # one spelling, either side
        "The abilty is rare. Their abiltys vary.",  # the table fixes one of them
        "The abilty is rare. Their abiltys enviornmant vary.",
        "We saw the new enviornmant Techonlogy rules today.",
    ],
)
def test_typos_step_is_idempotent_on_related_misspellings(text: str) -> None:
    step = build(Config())
    once = fixed(step, text)
    assert fixed(step, once) == once


@pytest.mark.parametrize(
    "text",
    [
        "You mightnt like the new plan.",  # two edits that only cut the word short
        "I mightve seen it today.",
        "All the techonlogys we use.",  # a plural never becomes a singular
        "Wir haben für enviornmant und mehr.",  # a word of another language beside it
    ],
)
def test_two_edit_fixes_keep_the_ending_and_the_language(text: str) -> None:
    step = build(Config())
    assert fixed(step, text) == text


@pytest.mark.parametrize("word", ["computingis", "companiesin", "wolfmen"])
def test_words_run_together_are_not_two_edit_slips(word: str) -> None:
    from cleanse.typos.nonword import NonWordCorrector

    assert NonWordCorrector(load_lexicon()).correct(word) is None


@pytest.mark.parametrize(
    ("word", "derived"),
    [
        ("frother", True),  # froth + er
        ("repotting", True),  # re + potting
        ("unpatched", True),
        ("mocktails", True),  # mock | tails
        ("upskilled", True),
        ("rollouts", True),
        ("bookes", False),  # "-es" only after s, x, z, ch, sh, o
        ("moveing", False),  # the silent e goes before "-ing"
        ("shoping", False),  # a one-vowel stem doubles its consonant
        ("visting", False),  # "vis" + "ting": compound parts need four letters
        ("controle", False),  # "cont" + "role": parts must be common words
        ("moveed", False),  # "-ed" after a silent e
        ("walkd", False),  # "-d" only after "e"
        ("wishs", False),  # a bare "-s" never follows a sibilant
        ("unskippable", True),  # un + skip + able: a prefix before a derived word
        ("unshiftable", True),
        ("overcomming", False),  # over + comm + ing: the inner stem must be common
        ("demostrate", False),  # de + most|rate: no compound after a prefix
    ],
)
def test_derived_follows_english_spelling_rules(word: str, derived: bool) -> None:
    from cleanse.typos.nonword import NonWordCorrector

    assert NonWordCorrector(load_lexicon()).derived(word) is derived


@pytest.mark.parametrize(
    ("text", "token", "expected"),
    [
        ("a long sotry about", "sotry", ("long", "about")),
        ("Tags: sotry, news", "sotry", (None, None)),  # punctuation ends the context
        ("sotry", "sotry", (None, None)),
        ("the\nsotry of", "sotry", (None, "of")),  # a line break ends it too
        ("so \nsotry", "sotry", (None, None)),  # also after trailing spaces
        ("It’s sotry time", "sotry", ("It’s", "time")),
    ],
)
def test_neighbours(text: str, token: str, expected: tuple[str | None, str | None]) -> None:
    start = text.index(token)
    assert _neighbours(text, start, start + len(token)) == expected


def test_capitalisation_run_ends_before_a_particle(step) -> None:  # type: ignore[no-untyped-def]
    from cleanse.typos.capitals import capitalisation_slips

    lex = load_lexicon()
    text = "it comes after Influential Iraqi the cleric."
    slips = list(capitalisation_slips(text, lex, fix=True))
    assert [(text[s.start : s.end], s.replacement) for s in slips] == [
        ("Influential", "influential")
    ]


@pytest.mark.parametrize(
    ("text", "initial"),
    [
        ("Hello. World", True),
        ("Hello World", False),
        ("Hello\n   \t World", True),
        ('He said: "World', True),
        ("a list\n - World", True),
        ("word" + " " * 50 + "World", False),
    ],
)
def test_sentence_initial(text: str, initial: bool) -> None:
    from cleanse.typos.guards import sentence_initial

    assert sentence_initial(text, text.index("World")) is initial


@given(
    st.lists(
        st.sampled_from(
            ["recieve", "goverment", "thrid", "ons", "the", "-", "'", "’", "_", "2", "x", " ", "\n"]
        ),
        max_size=40,
    )
)
def test_one_pass_and_per_token_scans_find_the_same_occurrences(parts: list[str]) -> None:
    """Many tokens to fix take one pass over the words; few take one regex each: same hits."""
    text = "".join(parts)
    plans = {
        token: _Plan(len(token), token.upper(), "r", "lower", False, len(token) >= 4)
        for token in ("recieve", "goverment", "thrid", "ons")
    }
    few = sorted(_occurrences(text, plans))
    padding = {f"zzq{i}": _Plan(4, "x", "r", "lower", True, False) for i in range(10)}
    many = sorted(_occurrences(text, {**plans, **padding}))
    assert few == many


def test_lookup_cache_never_changes_results() -> None:
    """The per-step cache of non-word lookups: same output in any document order, and a
    copy made with dataclasses.replace starts empty."""
    import dataclasses

    docs = [before for before, _ in FIXES] + UNCHANGED
    forward = build(Config())
    backward = build(Config())
    first = {text: fixed(forward, text) for text in docs}
    second = {text: fixed(backward, text) for text in reversed(docs)}
    assert first == second
    assert forward._corrections  # it did remember lookups
    assert dataclasses.replace(forward)._corrections == {}


def test_context_model_holds_exactly_the_table() -> None:
    """The compact model (ids, one sorted array) answers as the plain table would."""
    import gzip

    from cleanse.typos.context import DATA, load_context

    model = load_context()
    unigrams: dict[str, int] = {}
    bigrams: dict[str, int] = {}
    with gzip.open(DATA / "context.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            key, _, value = line.rstrip("\n").partition("\t")
            (bigrams if " " in key else unigrams)[key] = int(value)
    for key, value in list(bigrams.items())[::50]:
        left, right = key.split(" ")
        assert model._bigram(left, right) == value
        assert model._bigram(right, left) == bigrams.get(f"{right} {left}")
    for word, value in list(unigrams.items())[::50]:
        assert model._unigram(word) == value and model.knows(word)
    assert not model.knows("qzxv") and model._bigram("the", "qzxv") is None


_GUARD_TEXT = st.lists(
    st.sampled_from([*"ab Z1_.-/@#:`>\"“”„«»‘’'\t\n", "    ", "http://", "www.", ".com"]),
    max_size=60,
).map("".join)


@given(_GUARD_TEXT)
@settings(max_examples=400, deadline=None)
def test_guard_spans_never_cross_a_line_break(text: str) -> None:
    """The step computes guards one line at a time; that is exact only because no
    quotation or protected span crosses a line break."""
    from cleanse.typos.guards import Guards

    whole = Guards.of(text)
    by_line_quotes: list[tuple[int, int]] = []
    by_line_other: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        part = Guards.of(line)
        by_line_quotes += [
            (s + offset, e + offset)
            for s, e in zip(part.quotes.starts, part.quotes.ends, strict=True)
        ]
        by_line_other += [
            (s + offset, e + offset)
            for s, e in zip(part.non_prose.starts, part.non_prose.ends, strict=True)
        ]
        offset += len(line) + 1
    assert list(zip(whole.quotes.starts, whole.quotes.ends, strict=True)) == by_line_quotes
    assert list(zip(whole.non_prose.starts, whole.non_prose.ends, strict=True)) == by_line_other


_REALWORD_TEXT = st.lists(
    st.sampled_from(
        ["should", "Could", "MAY", "of", "its", "It’s", "their", "too", "Then", "than",
         "affect", "ſhould", "K", "the", "The", " ", "  ", "\n", "-", "'", "’", "x", "İts"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@given(_REALWORD_TEXT)
@settings(max_examples=300, deadline=None)
def test_first_letter_lookaheads_change_no_match(text: str) -> None:
    """The real-word patterns open with a class of possible first letters for speed; the
    matches must be exactly those of the pattern without it."""
    import re

    from cleanse.typos import realword

    for pattern in (
        realword._PAIR_WORDS,
        realword._APOS_WORDS,
        realword._MODAL_OF,
        realword._DOUBLED,
    ):
        plain = re.compile(re.sub(r"^\(\?=\[[a-z]+\]\)", "", pattern.pattern), pattern.flags)
        assert plain.pattern != pattern.pattern
        found = [m.span() for m in pattern.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)]


@given(_REALWORD_TEXT.map(lambda t: t.upper()) | _REALWORD_TEXT | st.text(max_size=40))
@example("They ſhould of been there, the THE loſe")
@example("ıts tIme, the THE same")
@settings(max_examples=300, deadline=None)
def test_the_lowered_twins_find_what_the_case_insensitive_patterns_find(text: str) -> None:
    from cleanse.typos import realword

    lowered = realword._lowered(text)
    for pattern in realword._TWINS:
        found = [m.span() for m in realword._scan(pattern, text, lowered)]
        assert found == [m.span() for m in pattern.finditer(text)]


def test_lowering_is_exact_for_ascii_case_insensitive_patterns() -> None:
    # What _lowered relies on, over all of Unicode: the only non-ASCII characters that
    # re.IGNORECASE matches with an ASCII letter are the special folds, K (which lower()
    # makes k) and İ (which lower() lengthens); lowering a character to one character
    # never changes whether it is a word character.
    import re

    from cleanse.typos.realword import _SPECIAL_FOLDS

    letter = re.compile("[a-z]", re.IGNORECASE)
    word = re.compile(r"[\w'’-]")
    folding: set[str] = set()
    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        if letter.fullmatch(ch):
            folding.add(ch)
        low = ch.lower()
        if len(low) == 1:
            assert (word.match(ch) is None) == (word.match(low) is None), hex(code)
    assert folding == {*_SPECIAL_FOLDS, "\u212a", "\u0130"}


def test_the_next_word_test_never_skips_an_apostrophe_fix() -> None:
    # Every next word the rules name (and others), with previous and second-next words
    # from each class the rules read: a fix never comes where the cheap test says no.
    from cleanse.typos import realword as rw

    nexts = [*sorted(rw.DET | rw.PREP | rw.BE | rw.MODAL | rw.ADVERB), "own", "been",
             "going", "gonna", "not", "has", "have", "to", "car", "", ".", "'s"]  # fmt: skip
    prevs = ["", ".", "car", "be", *sorted(rw.PREP)[:3], *sorted(rw.BE)[:2], *sorted(rw.MODAL)[:2]]
    seconds = ["", "to", "be", "been", "only", "just", "a", "car"]
    for word in ("its", "it's", "your", "you're", "their", "they're", "there", "whose", "who's"):
        for nxt in nexts:
            if rw.RealWordChecker._next_allows(word, nxt):
                continue
            for prev in prevs:
                for nxt2 in seconds:
                    assert rw.RealWordChecker._apostrophe_fix(word, prev, nxt, nxt2) is None


def test_a_pair_word_matched_through_a_special_fold_is_no_pair_word() -> None:
    # re.IGNORECASE matches "ſ" with "s": "effectſ" is found by the pattern but is no
    # key of the pair table, and must not raise.
    from cleanse.typos.realword import RealWordChecker

    assert list(RealWordChecker(load_lexicon()).find("the effectſ of it and their effectſ")) == []
