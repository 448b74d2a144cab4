"""The names step in the pipeline: mentions, short forms, acronyms, rewrite policies."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse import Config, clean
from cleanse.models import Article, replay
from cleanse.steps import names as names_step
from cleanse.steps.names import candidate_runs

DATA = Path(__file__).parent / "data" / "names"
STEPS = ("decode", "extract", "repair", "whitespace", "names")


def _config(**names: object) -> Config:
    return Config.from_mapping({"steps": list(STEPS), "names": names})


def _entities(article: Article) -> dict[str, list[str]]:
    return {e.canonical: [m.surface for m in e.mentions] for e in article.entities}


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> Article:
    return clean(seed_text, config=_config())


def test_seed_names_are_one_entity_each(seed_article: Article) -> None:
    found = _entities(seed_article)
    assert set(found["Qasem Soleimani"]) == {"Qasem Soleimani", "Soleimani"}
    assert len(found["Qasem Soleimani"]) == 3
    assert set(found["Abu Mahdi al-Muhandis"]) == {
        "Abu Mahdi al-Muhandis",
        "Muhandis",
        "Mohammed Ali Ebrahimi",
    }
    assert set(found["Muqtada al-Sadr"]) == {"Muqtada al-Sadr", "Sadr"}
    pmf = set(found["Popular Mobilization Forces"])
    assert {"Popular Mobilization Units", "PMU", "PMF"} <= pmf
    assert "Popular Mobilization Forces" in pmf  # rewritten from "Mobilisation"


def test_seed_mentions_point_into_the_text(seed_article: Article) -> None:
    text = seed_article.text
    for entity in seed_article.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.surface


def test_seed_spelling_rewrites_are_logged(seed_article: Article, seed_text: str) -> None:
    names_edits = [e for e in seed_article.edits if e.step == "names"]
    assert {(e.before, e.after, e.rule) for e in names_edits} >= {
        ("Qassem", "Qasem", "names.spelling"),
        ("Mobilisation", "Mobilization", "names.spelling"),
    }
    assert "Qassem" not in seed_article.text


def test_policy_none_only_annotates(seed_text: str) -> None:
    article = clean(seed_text, config=_config(rewrite="none"))
    assert not [e for e in article.edits if e.step == "names"]
    assert "Qassem Soleimani" in article.text
    assert "Qasem Soleimani" in _entities(article)


def test_policy_all_rewrites_aliases() -> None:
    text = "Jamal Jafaar Mohammed Ali Al Ebrahim led the Popular Mobilization Units for years."
    article = clean(text, config=_config(rewrite="all"), kind="text")
    assert "Abu Mahdi al-Muhandis led the Popular Mobilization Forces" in article.text
    assert {e.rule for e in article.edits if e.step == "names"} == {"names.alias"}
    assert replay(text, list(article.edits)) == article.text


def test_no_rewrite_inside_quotations() -> None:
    text = 'A banner read "Qassem Soleimani lives" while Qassem Soleimani was mourned.'
    article = clean(text, config=_config(), kind="text")
    assert '"Qassem Soleimani lives"' in article.text
    assert "while Qasem Soleimani was" in article.text
    assert len(_entities(article)["Qasem Soleimani"]) == 2


def test_acronym_defined_in_the_document_links_later_uses() -> None:
    text = "The Iraqi Oil Workers Union (IOWU) struck. Later the IOWU met again."
    article = clean(text, config=_config(), kind="text")
    found = _entities(article)
    assert found["Iraqi Oil Workers Union"] == ["Iraqi Oil Workers Union", "IOWU", "IOWU"]


def test_short_forms_link_only_inside_the_document() -> None:
    alone = clean("Sadr spoke on Friday.", config=_config(), kind="text")
    assert not alone.entities
    both = clean("Muqtada al-Sadr spoke. Sadr said more.", config=_config(), kind="text")
    assert _entities(both)["Muqtada al-Sadr"] == ["Muqtada al-Sadr", "Sadr"]


def test_default_gazetteer_can_be_turned_off_and_files_added() -> None:
    text = "Qassem Soleimani visited Baghdad."
    off = clean(text, config=_config(default_gazetteer=False), kind="text")
    assert not off.entities and off.text == text
    own = clean(
        text,
        config=_config(default_gazetteer=False, gazetteers=[str(DATA / "small.tsv")]),
        kind="text",
    )
    assert list(_entities(own)) == ["Baghdad"]


def test_cleaning_twice_changes_nothing(seed_article: Article) -> None:
    again = clean(seed_article.text, config=_config(), kind="text")
    assert again.text == seed_article.text


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("killed Abu Mahdi al-Muhandis, who", ["Abu Mahdi al-Muhandis"]),
        ("leader of Asa'ib Ahl al-Haq, which", ["Asa'ib Ahl al-Haq"]),
        ("the Popular Mobilization Units (PMU) have", ["Popular Mobilization Units", "PMU"]),
        ("Baghdad's vote", ["Baghdad"]),
        ("Soleimani and Muhandis.", ["Soleimani and Muhandis"]),
        ("no names here", []),
    ],
)
def test_candidate_runs(text: str, runs: list[str]) -> None:
    assert [text[r.start : r.end] for r in candidate_runs(text)] == runs


def _reference_runs(text: str) -> list[list[tuple[int, int]]]:
    """candidate_runs spelled out: every _WORD token in turn (the step visits only the
    capitalised ones)."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    last_end = -1
    for m in names_step._WORD.finditer(text):
        s, e = m.span()
        adjacent = current and s == last_end + 1 and text[last_end] == " "
        last_end = e
        if current and not adjacent:
            runs.append(current)
            current, pending = [], []
        if names_step._is_capitalised(m.group()):
            current.extend(pending)
            pending = []
            current.append((s, e))
            if len(current) >= 16:
                runs.append(current)
                current = []
        elif current and m.group().lower() in names_step._LINKERS and len(pending) < 2:
            pending.append((s, e))
        elif current:
            runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    for run in runs:
        s, e = run[-1]
        if text[s:e].endswith(("'s", "’s")) and e - s > 2:
            run[-1] = (s, e - 2)
    return runs


_PIECES = (
    "Ali", "al-Sadr", "al-sadr", "ash-Sharq", "bin", "of", "the", "OF", "van", "and", "x-Men",
    "5G", "a1B", "O'Brien", "Jean-Paul", "macOS", "iPhone", "Ⅻ", "ǅ", "Σ", "𝐀bc", "𞤀", "é",
    "É", "İ", "_A", "'B", "‐C", "al‐Sadr", "bin-Laden", "abu-Bakr", "Baghdad's", "1", "-", "'",
    "’", "_", "(PMU)", ",", ".", "İstanbul", "ß",
)  # fmt: skip


@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from((" ", " ", "  ", "", "\n", ", "))),
        max_size=40,
    )
)
def test_candidate_runs_visit_only_capitals_but_find_what_every_word_would(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(piece + sep for piece, sep in parts)
    assert [r.words for r in candidate_runs(text)] == _reference_runs(text)


def test_the_capital_classes_hold_every_capital_of_unicode() -> None:
    capitals = re.compile(f"[{names_step._UPPER_BMP}{names_step._UPPER_ASTRAL}]")
    letter = re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert (capitals.match(ch) is not None) == bool(ch.isupper() and letter.match(ch)), hex(
            code
        )


# -- capitalised words that are no names ----------------------------------------------

_WORLD = [
    {"id": "t:mecca", "canonical": "Mecca", "kind": "place"},
    {"id": "t:abudhabi", "canonical": "Abu Dhabi", "kind": "place"},
    {"id": "t:syria", "canonical": "Syria", "kind": "place"},
    {"id": "t:jordan", "canonical": "Jordan", "kind": "place"},
    {"id": "t:houthis", "canonical": "Houthis", "kind": "org"},
    {"id": "t:us", "canonical": "United States", "kind": "place", "aliases": ["US", "USA"]},
    {"id": "t:ap", "canonical": "Associated Press", "kind": "org", "aliases": ["AP"]},
    {"id": "t:airport", "canonical": "Baghdad International Airport", "kind": "place"},
    {"id": "t:aqap", "canonical": "al-Qaeda in the Arabian Peninsula", "kind": "org"},
    {
        "id": "t:pmf",
        "canonical": "Popular Mobilization Forces",
        "kind": "org",
        "aliases": ["Popular Mobilization Committees"],
    },
    {"id": "t:unsc", "canonical": "UN Security Council", "kind": "org"},
    {"id": "t:khamenei", "canonical": "Ali Khamenei", "kind": "person"},
    {"id": "t:sistani", "canonical": "Ali al-Sistani", "kind": "person"},
    {"id": "t:larijani", "canonical": "Ali Larijani", "kind": "person"},
    {"id": "t:biden", "canonical": "Joe Biden", "kind": "person"},
    {"id": "t:quds", "canonical": "Quds Force", "kind": "org", "aliases": ["IRGC Quds Force"]},
    {
        "id": "t:irgc",
        "canonical": "Islamic Revolutionary Guard Corps",
        "kind": "org",
        "aliases": ["IRGC"],
    },
    {"id": "t:dc", "canonical": "Washington, D.C.", "kind": "place", "aliases": ["Washington"]},
    {"id": "t:saddam", "canonical": "Saddam Hussein", "kind": "person"},
    {"id": "t:natos", "canonical": "NATO", "kind": "org"},
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Config:
    path = tmp_path_factory.mktemp("names") / "world.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _WORLD) + "\n", encoding="utf-8")
    return _config(default_gazetteer=False, gazetteers=[str(path)])


@pytest.mark.parametrize(
    "text",
    [
        "Make sure you pack light. Make A Budget first.",  # English words, not Mecca
        "Use the app. Us and them. Issues remain.",  # not US, not AP: acronyms need capitals
        "How This Works: a guide. I Ran the numbers.",  # two words joined: not Houthis, Iran
        "We landed at the International Airport on time.",  # a tail of a place's name
        "Birds of the Arabian Peninsula, a field guide.",  # a tail of an organisation's name
        "The Security Council of the club met.",  # plain words of an organisation's name
        "A glass of Syrah with dinner.",  # a variant of a one-word name, nothing else
        "The USC Trojans won.",  # not the initials of "UN Security Council"
        "Robert Jordan wrote it. Ask Jordan Rummel.",  # a place's name in a person's
        "George Washington crossed the river.",
        "Our office is at 99 Washington Avenue in Albany.",  # named after a place
        "She wrote for The Washington Post's opinion page.",
        "They met near Jordan Street, then at the University of Syria.",
        "A professor at Washington University in St. Louis.",
        "Wines of Washington State: a guide.",  # the state, not the city
        "He read the US Times.",  # an acronym too
        "Everest Re US Group rose. Jordan Ltd fell.",  # companies
    ],
)
def test_words_that_only_resemble_names_are_left_alone(world: Config, text: str) -> None:
    article = clean(text, config=world, kind="text")
    assert article.entities == []
    assert article.text == text


def test_a_place_beside_other_words_still_links(world: Config) -> None:
    article = clean(
        "US President Biden flew to Washington. Syria Jordan talks resumed. Syria's "
        "University reopened. Protests In Jordan Drive Change. The US State Department "
        "Says Syria Group Claims Attack.",
        config=world,
        kind="text",
    )
    assert set(_entities(article)) == {"United States", "Washington, D.C.", "Syria", "Jordan"}


@pytest.mark.parametrize(
    "text",
    [
        "He read the Abu Dhabi Times.",  # no shorter part of the place either
        "Muqtada al-Sadr spoke. He read the Sadr City Times.",  # nor a short form in it
    ],
)
def test_no_part_of_a_name_given_after_a_place_links(text: str) -> None:
    article = clean(text, config=_config(), kind="text")
    assert [m.surface for e in article.entities for m in e.mentions] == (
        ["Muqtada al-Sadr"] if "Muqtada" in text else []
    )


def test_a_variant_of_a_one_word_name_needs_the_name_in_the_document(world: Config) -> None:
    alone = clean("Pilgrims reached Makkah at dawn.", config=world, kind="text")
    assert alone.entities == [] and "Makkah" in alone.text
    both = clean("Mecca was full. Pilgrims reached Makkah at dawn.", config=world, kind="text")
    assert _entities(both)["Mecca"] == ["Mecca", "Mecca"]
    assert [e.rule for e in both.edits] == ["names.spelling"]


def test_acronyms_link_in_capitals_and_derived_ones_beside_their_body(world: Config) -> None:
    found = _entities(clean("The US and the AP agreed.", config=world, kind="text"))
    assert found == {"United States": ["US"], "Associated Press": ["AP"]}
    alone = clean("PMC contractors were hired.", config=world, kind="text")
    assert alone.entities == []
    named = clean("Popular Mobilization Forces fought; PMC units held.", config=world, kind="text")
    assert _entities(named)["Popular Mobilization Forces"] == ["Popular Mobilization Forces", "PMC"]


def test_one_word_short_form_is_a_surname_or_a_rare_name(world: Config) -> None:
    article = clean("Ali Khamenei spoke. Khamenei said more. Ali left.", config=world, kind="text")
    assert _entities(article)["Ali Khamenei"] == ["Ali Khamenei", "Khamenei"]
    saddam = clean("Saddam Hussein spoke. Later Saddam left.", config=world, kind="text")
    assert _entities(saddam)["Saddam Hussein"] == ["Saddam Hussein", "Saddam"]


def test_acronym_names_link_as_words_unless_dictionary_words(world: Config) -> None:
    found = _entities(clean("Nato allies met. Us and them. Un jour.", config=world, kind="text"))
    assert found == {"NATO": ["Nato"]}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Popular Mobilisation Forces said so.", "Popular Mobilization Forces"),
        ("Flights from Abu Dhabi resumed.", "Abu Dhabi"),
    ],
)
def test_parts_that_open_a_name_and_listed_names_link(world: Config, text: str, name: str) -> None:
    assert name in _entities(clean(text, config=world, kind="text"))


def test_a_place_beside_a_common_word_or_in_capitals_still_links(world: Config) -> None:
    found = _entities(clean("Nike USA said Jordan Border Police let them in.", config=world))
    assert found == {"United States": ["USA"], "Jordan": ["Jordan"]}
    found = _entities(clean("The Biden Syria policy failed.", config=world))
    assert found == {"Syria": ["Syria"]}  # a listed person's surname is no given name


def test_two_names_joined_by_and_are_two_mentions(world: Config) -> None:
    found = _entities(clean("The Quds Force and the IRGC attacked.", config=world))
    assert found == {"Quds Force": ["Quds Force"], "Islamic Revolutionary Guard Corps": ["IRGC"]}


def test_a_part_of_a_run_may_end_in_a_possessive(world: Config) -> None:
    found = _entities(clean("Syria's Assad met Jordan's King.", config=world))
    assert found == {"Syria": ["Syria"], "Jordan": ["Jordan"]}


@pytest.mark.parametrize(
    "token",
    [
        "https://en.wikipedia.org/wiki/Qassem_Soleimani",
        "www.example.com/Qassem-Soleimani",
        "@Qassem_Soleimani",
        "#QassemSoleimani",
        "qassem.soleimani@example.com",
        "C:\\Users\\Qassem_Soleimani\\notes.txt",
        "Qassem_Soleimani.txt",
    ],
)
def test_names_in_links_handles_and_paths_are_left_alone(token: str) -> None:
    text = f"See {token} today. Qassem Soleimani spoke."
    article = clean(text, kind="text", title="")
    assert article.text == text.replace("Qassem Soleimani spoke", "Qasem Soleimani spoke")
    (entity,) = article.entities
    assert [m.surface for m in entity.mentions] == ["Qasem Soleimani"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al Jazeera reported the news.", "Al Jazeera reported the news."),
        ("He flew to Washington on Monday.", "He flew to Washington, D.C. on Monday."),
        ("He flew to Washington, D.C. on Monday.", "He flew to Washington, D.C. on Monday."),
    ],
)
def test_rewrite_all_never_writes_a_name_twice(text: str, expected: str) -> None:
    config = _config(rewrite="all")
    article = clean(text, config=config, kind="text", title="")
    assert article.text == expected
    again = clean(article.text, config=config, kind="text", title="", language=article.language)
    assert again.text == article.text


# -- quotations, relatives, surnames that are places -----------------------------------


@pytest.mark.parametrize(
    "quoted",
    [
        "‘Suleimani was our brother,’ the cleric told the crowd.",
        "'Suleimani was our brother,' the cleric told the crowd.",
        "‘We don’t forget: Suleimani was our brother,’ the cleric said.",  # an apostrophe
        "“It was our brother. We mourn him.\n\n“Suleimani was a hero,” the cleric said.",
        "“We mourn him. Suleimani was a hero.\n\n“We will never forget,” the cleric said.",
    ],
)
def test_no_rewrite_inside_single_or_multi_paragraph_quotations(quoted: str) -> None:
    text = f"Qassem Soleimani was killed in 2020.\n\n{quoted}"
    article = clean(text, config=_config(), kind="text")
    assert article.text == text.replace("Qassem", "Qasem", 1)  # outside: rewritten
    assert "Suleimani" in _entities(article)["Qasem Soleimani"]  # inside: linked, not rewritten


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("Bashar al-Assad fled. His brother Maher al-Asad stayed.", "Maher al-Asad"),
        ("Maher al-Assad commanded it. Bashar al-Assad fled.", "Maher al-Assad"),
        ("Qais al-Khazali spoke. His brother Laith al-Khazaali did not.", "Laith al-Khazaali"),
        ("Hosni Mubarak died. His son Gamal Moubarak attended.", "Gamal Moubarak"),
        ("Ismail Haniyeh was killed. His son Abdel Salam Haniya spoke.", "Abdel Salam Haniya"),
        ("Qasem Soleimani was killed. Zeinab Suleimani spoke.", "Zeinab Suleimani"),
        ("Bahaa Hariri, the son of Rafic Hariri, spoke.", "Bahaa Hariri"),
        ("Donald Trump spoke. Ivanka Trump attended.", "Ivanka Trump"),
        ("Donald Trump spoke. Donald Trump Jr. spoke too.", "Donald Trump Jr"),
        ("Donald Trump spoke. Trump Jr. spoke too.", "Trump Jr"),
        ("Muammar Gaddafi died. His son Saif al-Islam Qaddafi was captured.", "Qaddafi"),
        ("Mohammad Bagheri met Ali Bagheri Kani. Bagheri Kani flew on.", "Ali Bagheri Kani"),
        ("Mohammad Bagheri met Ali Bagheri Kani. Bagheri Kani flew on.", "Bagheri Kani flew"),
    ],
)
def test_a_relatives_name_links_to_no_famous_person(text: str, relative: str) -> None:
    article = clean(text, config=_config(), kind="text")
    assert article.text == text  # nothing respelt
    assert text.count(relative) == 1
    at = text.index(relative)
    for entity in article.entities:
        for m in entity.mentions:
            assert not at <= m.start < at + len(relative), (m.surface, entity.canonical)
            assert not m.start <= at < m.end, (m.surface, entity.canonical)


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("President Bashar al-Asad spoke.", "President Bashar al-Assad", "Bashar al-Assad"),
        ("Sheikh Qais al-Khazaali spoke.", "Sheikh Qais al-Khazali", "Qais al-Khazali"),
        ("Bashar al-Assad fled. Syrian President Assad had ruled.", "Assad", "Bashar al-Assad"),
        ("Qais al-Khazali spoke. Sheikh Khazali said more.", "Sheikh Khazali", "Qais al-Khazali"),
        ("Hosni Mubarak died. Former President Mubarak ruled.", "Mubarak", "Hosni Mubarak"),
        (
            "King Abdullah II of Jordan spoke.",
            "King Abdullah II of Jordan",
            "Abdullah II of Jordan",
        ),
    ],
)
def test_titles_and_qualifiers_before_a_name_still_link(
    text: str, surface: str, canonical: str
) -> None:
    article = clean(text, config=_config(), kind="text")
    assert surface in _entities(article)[canonical]


@pytest.mark.parametrize(
    "text",
    [
        "Denzel Washington stars in it. Washington, who won an Oscar, plays a detective.",
        "Washington said he liked the role. Denzel Washington stars in it.",
        "George Washington crossed the river. Washington's army won.",
    ],
)
def test_a_place_that_ends_a_persons_name_is_that_person_elsewhere(
    world: Config, text: str
) -> None:
    article = clean(text, config=world, kind="text")
    assert article.entities == []
    assert article.text == text


def test_a_place_is_still_a_place_beside_other_persons(world: Config) -> None:
    text = "King Hussein of Jordan died. Jordan mourned. Joe Biden flew to Washington."
    found = _entities(clean(text, config=world, kind="text"))
    assert found == {"Jordan": ["Jordan", "Jordan"], "Joe Biden": ["Joe Biden"],
                     "Washington, D.C.": ["Washington"]}  # fmt: skip


def test_a_place_written_in_full_stays_a_place_beside_a_persons_name(world: Config) -> None:
    text = "George Washington crossed the river. The book appeared in Washington, D.C., in 1995."
    found = _entities(clean(text, config=world, kind="text"))
    assert list(found) == ["Washington, D.C."]
