"""The typos step leaves correct text alone: names, grammar, name runs, other languages.

Each case below was changed by the step before the rule named in its comment; each
fixed case beside it shows the rule still lets a real error through.
"""

from __future__ import annotations

import pytest

from cleanse.typos.capitals import capitalisation_slips
from cleanse.typos.lexicon import load_lexicon
from cleanse.typos.nonword import Correction, NonWordCorrector
from tests.test_typos import CTX, fixed

# -- A. curated table fixes and names ---------------------------------------------------

TABLE_UNCHANGED = [
    # the document writes the word capitalised mid-sentence: a name in every occurrence
    "Google co-founder Sergey Brin has returned to the company.\n\n"
    "Brin said in a memo that engineers should be in the office.",
    "Senator Ed Markey introduced the bill.\n\nMarkey said the measure would cut emissions.",
    "Australia's former captain Ricky Ponting was named coach.\n\n"
    "Ponting scored 13,378 Test runs in his career.",
    # a capitalised table word needs the evidence a guessed fix needs: no name after it
    "Napoli beat Inter.\n\nSerie A leaders Napoli now have a six-point cushion.",
    "Economists compared the levies to the 1930 act.\n\nSmoot-Hawley, as it is known, hurt.",
    "The ruling cited a 1961 case.\n\nMapp v. Ohio established the exclusionary rule.",
    "The singer died in 2017.\n\nGord Downie was 53 years old.",
    # a table word a slip model doubts: a much likelier word one edit away ("has")...
    "Most hass avocados sold in Europe are grown in Peru and Chile.",
    # ... or a short word two edits from the table's word, a common word one edit away
    "Finish the table with two coats of tung oil and leave it to cure for a week.",
]


@pytest.mark.parametrize("text", TABLE_UNCHANGED)
def test_table_leaves_names_and_rare_words(step, text: str) -> None:  # type: ignore[no-untyped-def]
    assert step(text, CTX).edits == []


TABLE_FIXES = [
    ("Recieve it tomorrow.", "Receive it tomorrow."),
    # a comma after a sentence adverb is no name evidence
    ("Howver, the plan failed.", "However, the plan failed."),
    # a capitalised common word after it is a title, not a name
    ("Esential Trail Skills are taught here.", "Essential Trail Skills are taught here."),
    # a name elsewhere in the document does not protect another word
    ("Ricky Ponting spoke.\n\nRecieve it now.", "Ricky Ponting spoke.\n\nReceive it now."),
    ("We will recieve the goverment report.", "We will receive the government report."),
    ("It was wierd, and they never told us.", "It was weird, and they never told us."),
]


@pytest.mark.parametrize(("before", "after"), TABLE_FIXES)
def test_table_still_fixes(step, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert fixed(step, before) == after


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hass", None),  # "has" is 2.7 Zipf points likelier than "hash"
        ("markey", None),  # "market" against "marquee"
        ("tung", None),  # "tune" one edit away, about as frequent as "tongue"
        ("recieve", "receive"),
        ("teh", "the"),  # short, but one edit from "the"
        ("wich", "which"),  # "with" is likelier, but not by the margin
    ],
)
def test_table_yields_to_a_slip_model(word: str, expected: str | None) -> None:
    result = NonWordCorrector(load_lexicon()).correct(word)
    if expected is None:
        assert result is None
    else:
        assert result == Correction(expected, "typos.nonword.table")


# -- B. real-word rules and correct grammar ---------------------------------------------

REALWORD_UNCHANGED = [
    # "to" + adjective after a noun or an adjective: a range or a verb, not "too"
    "Upstate New York generally has warm to hot summers and cold winters.",
    "Use their handy filters to narrow down your searches.",
    "The earbuds could be more friendly to small ears.",
    # "who's" after a preposition opens a free relative
    "The party is divided over who's in charge of the campaign.",
    "As for who's responsible, the inquiry will decide.",
    # an inverted condition: "Had there not been"
    "Had there not been a ceasefire, the city would have fallen within days.",
    "Did there not use to be a bridge here?",
    # "not" opening a modifier: "not guilty pleas", "not-for-profit status"
    "The defendants entered their not guilty pleas on Monday.",
    "The charity said their not-for-profit status was never in doubt.",
    # an adverb that is an adjective too, before a noun; a hyphenated compound
    "The camera is known for its video, and its still images are sharp too.",
    "Workers marched to press the union and its just demands.",
    "The hospital trust and its not-for-profit partner signed the deal.",
    "Painting a bowl of fruit? Your still life will look better with side lighting.",
    # temporal "then": no second term after it, "than" after it, "the other then"
    "Prices were much lower then, and wages were higher too.",
    "The team played better then.",
    "Sales were weaker then than now.",
    "One was a lawyer, the other then a junior reporter at the paper.",
    # doubled words that are grammar or a name
    "The will will be read to the family on Friday.",
    "Staff must log in in the morning before starting their shift.",
    "The talks will carry on on Monday, officials said.",
    "Matt Johnson, who leads the band The The, announced a new tour.",
    "One of the benefits for For Hire Livery Insurance is the cover.",  # a name opens
]


@pytest.mark.parametrize("text", REALWORD_UNCHANGED)
def test_realword_leaves_correct_grammar(step, text: str) -> None:  # type: ignore[no-untyped-def]
    assert step(text, CTX).edits == []


REALWORD_FIXES = [
    ("The the PMU said it would march.", "The PMU said it would march."),  # case differs
    ("Don't be to hard on yourself.", "Don't be too hard on yourself."),
    ("The method feels to distant for us.", "The method feels too distant for us."),
    ("She is the writer who's own book sold.", "She is the writer whose own book sold."),
    ("I think there not coming today.", "I think they're not coming today."),
    ("I know their not happy with it.", "I know they're not happy with it."),
    ("If their not, we leave.", "If they're not, we leave."),
    ("I think its still a good idea.", "I think it's still a good idea."),
    ("I think its just a phase.", "I think it's just a phase."),
    ("It has more then 30 hotels.", "It has more than 30 hotels."),
    ("This is more expensive then that one.", "This is more expensive than that one."),
    ("He was interested in in the plan.", "He was interested in the plan."),
    ("It was the the best day.", "It was the best day."),
    ("They will will win.", "They will win."),
]


@pytest.mark.parametrize(("before", "after"), REALWORD_FIXES)
def test_realword_still_fixes(step, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert fixed(step, before) == after


# -- C. capitalised adjectives in names ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The match was decided when striker Innocent Bonke scored in the 89th minute.",
        "The goalkeeper Brilliant Khuzwayo made six saves in the first half.",
        "The grant was awarded by Creative Scotland last year, officials said.",
    ],
)
def test_capitalised_adjective_in_a_name_is_left_alone(step, text: str) -> None:  # type: ignore[no-untyped-def]
    result = step(text, CTX)
    assert result.edits == []
    assert [f for f in result.flags if f.rule == "typos.capitalisation"] == []


def test_capitalised_adjective_before_a_demonym_is_fixed() -> None:
    text = "The rally comes after Influential Iraqi Shia cleric Muqtada al-Sadr called."
    slips = list(capitalisation_slips(text, load_lexicon(), fix=True))
    assert [(text[s.start : s.end], s.replacement, s.flag_only) for s in slips] == [
        ("Influential", "influential", False)
    ]


# -- D. paragraphs of another language ----------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Wir stehen vor einer Zeitenwende. Unter diesen Umständen ist es absolut notwendig, "
        "dass wir handeln, und zwar vor dem Ende des Jahres.",
        "Le projet de loi est une mesure responsable pour protéger l'environnement et notre "
        "avenir commun.",
    ],
)
def test_foreign_paragraph_in_english_text_is_left_alone(step, paragraph: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The leader's speech on Tuesday was short. Speaking in his own language, he told "
        "the members of the parliament what the government would do next:\n\n"
        + paragraph
        + "\n\nIn English, that means the country faces a turning point and must act before "
        "the end of the year, the goverment said. Analysts said the tone was unusually blunt."
    )
    result = step(text, CTX)
    assert [(text[e.start : e.end], e.replacement) for e in result.edits] == [
        ("goverment", "government")
    ]
    assert result.flags == []


def test_its_and_its_contraction_have_their_own_rule_ids(step) -> None:  # type: ignore[no-untyped-def]
    (to_contraction,) = step("The company said its going to grow.", CTX).edits
    (to_possessive,) = step("The dog wagged it's own tail.", CTX).edits
    assert (to_contraction.rule, to_possessive.rule) == (
        "typos.realword.its-it-is",
        "typos.realword.it-is-its",
    )
