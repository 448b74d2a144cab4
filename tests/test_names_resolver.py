"""The name resolver: normalisation keys, gazetteer loading, linking and refusing."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.errors import ConfigError
from cleanse.names import Gazetteer, Resolver
from cleanse.names.normalize import (
    _analyse_folded,
    abbreviates,
    analyse,
    compatible,
    consonant_trace,
    fold,
    token_key,
)
from cleanse.names.resolver import span_blocked, split_parenthesis

DATA = Path(__file__).parent / "data" / "names"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load(DATA / "small.toml"))


# -- normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "group",
    [
        ["Qasem", "Qassem", "Ghasem", "Kassem", "Qasim"],
        ["Soleimani", "Suleimani", "Sulaimani", "Soleymani"],
        ["Mohammed", "Muhammad", "Mohamed", "Mohamad"],
        ["Hussein", "Husayn", "Hussain", "Husein"],
        ["Hamza", "Hamzah"],
        ["Tawfiq", "Taufik", "Toufik"],
        ["Organisation", "Organization"],
        ["Hisham", "Hicham"],
        ["Qaeda", "Qaida"],  # ae transliterates ai
        ["Esmaeli", "Ismaili", "Esmaili"],
        ["Sayyid", "Sayid", "Sayed"],  # a doubled glide, like a doubled consonant
        ["Ayyub", "Ayub", "Ayoub"],
    ],
)
def test_spelling_variants_share_a_key(group: list[str]) -> None:
    keys = [token_key(fold(word)) for word in group]
    assert all(compatible(keys[0], k) for k in keys[1:]), keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hassan", "Hussein"),
        ("Ayman", "Aman"),
        ("Ali", "Ala"),
        ("Omar", "Amr"),
        ("Michael", "Michal"),
    ],
)
def test_different_names_do_not(a: str, b: str) -> None:
    assert not compatible(token_key(fold(a)), token_key(fold(b)))


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Abu Mahdi al-Muhandis", ("abumahdi", "muhandis")),
        ("Abou Mahdi el-Muhandis", ("abumahdi", "muhandis")),
        ("Abd al-Rahman", ("abdrahman",)),
        ("Abdul Rahman", ("abdrahman",)),
        ("Abdelrahman", ("abdrahman",)),
        ("Khalil Ben Ahmed Ben Mohamed", ("khalil", "ahmed", "mohamed")),
        ("Ursula von der Leyen", ("ursula", "leyen")),
        ("Colonel Jules Mutebutsi", ("jules", "mutebutsi")),
        ("Asa'ib Ahl al-Haq", ("asaib", "ahl", "haq")),
        ("Ayn al-Asad", ("ayn", "asad")),
    ],
)
def test_particles_are_handled_not_dropped_blindly(name: str, tokens: tuple[str, ...]) -> None:
    assert analyse(name).tokens == tokens


def test_kunya_spellings_share_a_key() -> None:
    (a,) = analyse("Abu Mahdi").tokens
    (b,) = analyse("Abou Mehdi").tokens
    assert compatible(token_key(a), token_key(b))
    (c,) = analyse("Abu Usamah").tokens
    (d,) = analyse("Abu Samia").tokens
    assert not compatible(token_key(c), token_key(d))


def test_abbreviates() -> None:
    assert abbreviates("pmu", "Popular Mobilization Units")
    assert abbreviates("isil", "Islamic State of Iraq and the Levant")
    assert abbreviates("aqap", "Al-Qaida in the Arabian Peninsula")
    assert not abbreviates("somalia", "Al-Haramain Islamic Foundation")


# -- gazetteer -----------------------------------------------------------------------


def test_gazetteer_formats_load_the_same_entities(tmp_path: Path) -> None:
    toml = Gazetteer.load(DATA / "small.toml")
    records = [e.to_record() for e in toml]
    (tmp_path / "g.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "g.jsonl").write_text(toml.dumps_jsonl(), encoding="utf-8")
    for path in (tmp_path / "g.json", tmp_path / "g.jsonl"):
        assert Gazetteer.load(path).entities == toml.entities
    tsv = Gazetteer.load(DATA / "small.tsv")
    assert [(e.id, e.kind, e.aliases) for e in tsv] == [
        ("t:baghdad", "place", ()),
        ("t:isil", "org", ("ISIL", "Daesh")),
    ]


def test_from_records_accepts_type_and_label() -> None:
    g = Gazetteer.from_records([{"id": "x", "label": "Hezbollah", "type": "organization"}])
    assert g.entities[0].canonical == "Hezbollah"
    assert g.entities[0].kind == "org"


def test_bad_gazetteer_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no 'canonical'"):
        Gazetteer.load(path)
    with pytest.raises(ConfigError, match="unknown gazetteer format"):
        Gazetteer.loads("", fmt="xml")


def test_default_gazetteer_loads_and_ids_are_unique() -> None:
    g = Gazetteer.default()
    assert len(g) >= 100
    assert len({e.id for e in g}) == len(g)
    assert {e.kind for e in g} == {"person", "org", "place"}


# -- resolving -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("Qassem Soleimani", "Qasem Soleimani"),
        ("Ghasem Suleimani", "Qasem Soleimani"),
        ("Qasim Sulaimani", "Qasem Soleimani"),
        ("SOLEIMANI, Qasem", "Qasem Soleimani"),
        ("Abou Mahdi el-Muhandis", "Abu Mahdi al-Muhandis"),
        ("Mohammed Ali Ebrahimi", "Abu Mahdi al-Muhandis"),
        ("Popular Mobilisation Forces", "Popular Mobilization Forces"),
        ("Popular Mobilization Units (PMU)", "Popular Mobilization Forces"),
        ("PMU", "Popular Mobilization Forces"),
        ("Saddam Hussein", "Saddam Hussein al-Tikriti"),
        ("Uday Saddam Hussein", "Uday Saddam Hussein al-Tikriti"),
    ],
)
def test_resolves_variants(resolver: Resolver, mention: str, canonical: str) -> None:
    assert resolver.resolve(mention) == canonical


@pytest.mark.parametrize(
    "mention",
    [
        "Hassan Soleimani",  # every token must align, Hassan is not Qasem
        "Hussein Nasrallah",  # Hussein is not Hassan
        "Soleimani",  # a lone surname is for the document step to link
        "Popular Front",  # no rare token aligned fully
        "Mahdi",  # a lone given name
        "Tikriti",
        "Al-Haramain Foundation (SOMALIA)",  # a qualifier we cannot check
        "XYZ",
        "",
    ],
)
def test_refuses(resolver: Resolver, mention: str) -> None:
    assert resolver.resolve(mention) is None


def test_refuses_near_ties() -> None:
    g = Gazetteer.from_records(
        [
            {"id": "a", "canonical": "Ahmed Khalil Jarraya"},
            {"id": "b", "canonical": "Ahmad Khalil Jarraya"},
        ]
    )
    resolver = Resolver(g)
    assert resolver.resolve("Akhmed Khalil Jarraya") is None  # as close to both
    assert resolver.resolve("Ahmad Khalil Jarraya") == "Ahmad Khalil Jarraya"  # exact wins


def test_a_legal_form_makes_a_mention_a_company() -> None:
    g = Gazetteer.from_records(
        [
            {"id": "p", "canonical": "Jordan", "kind": "place"},
            {"id": "q", "canonical": "Hassan Nasrallah", "kind": "person"},
            {"id": "o", "canonical": "Al-Rashid Trust", "kind": "org"},
        ]
    )
    resolver = Resolver(g)
    assert resolver.resolve("Jordan") == "Jordan"
    assert resolver.resolve("Jordan Ltd") is None  # a company named after the place
    assert resolver.resolve("Hassan Nasrallah Group") is None
    assert resolver.resolve("Al-Rashid Trust Company") == "Al-Rashid Trust"


def test_surname_links_are_opt_in() -> None:
    g = Gazetteer.load(DATA / "small.toml")
    assert Resolver(g).resolve("Soleimani") is None
    assert Resolver(g, surname_links=True).resolve("Soleimani") == "Qasem Soleimani"


def test_resolver_uses_only_its_gazetteer() -> None:
    g = Gazetteer.from_records([{"id": "x", "canonical": "Hezbollah", "kind": "org"}])
    assert Resolver(g).resolve("Qasem Soleimani") is None
    assert Resolver(g).resolve("Hizbollah") == "Hezbollah"


@given(st.text(max_size=60))
def test_never_crashes(text: str) -> None:
    resolver = _shared_resolver()
    result = resolver.resolve(text)
    assert result is None or isinstance(result, str)


_CACHE: list[Resolver] = []


def _shared_resolver() -> Resolver:
    if not _CACHE:
        _CACHE.append(Resolver(Gazetteer.default()))
    return _CACHE[0]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Popular Mobilization Units (PMU)", ("Popular Mobilization Units", "PMU")),
        ("Foundation (SOMALIA) ", ("Foundation", "SOMALIA")),
        ("no parenthesis", None),
        ("a (b (c))", None),
        ("(x)", ("", "x")),
    ],
)
def test_split_parenthesis(text: str, parts: tuple[str, str] | None) -> None:
    assert split_parenthesis(text) == parts


def test_a_lone_kunya_is_a_partial_name_even_when_it_is_a_whole_alias() -> None:
    g = Gazetteer.from_records(
        [{"id": "s", "canonical": "Said Ben Omar al-Cherif", "kind": "person",
          "aliases": ["Abu Salmaan"]}]
    )  # fmt: skip
    assert Resolver(g).resolve("Abou Salman") is None  # many people share a kunya
    assert Resolver(g, surname_links=True).resolve("Abou Salman") == "Said Ben Omar al-Cherif"
    assert Resolver(g).resolve("Said Ben Omar el-Cherif") == "Said Ben Omar al-Cherif"


def test_a_ui_diphthong_does_not_match_a_single_vowel() -> None:
    assert not compatible(token_key("angola"), token_key("anguilla"))
    g = Gazetteer.from_records([{"id": "ai", "canonical": "Anguilla", "kind": "place"}])
    assert Resolver(g).resolve("Angola") is None


@given(
    st.lists(
        st.sampled_from(
            ("Qasem", "Soleimani", "al", "Al-Sadr", "bin", "Abu", "Abdel", "Abdelrahman",
             "Abubakar", "of", "the", "General", "Ltd", "Group", "as", "ad-Din", "O'Brien",
             "Kassem", "Sadr's", "Ibn", "Umm", "x", "M23", "Jean-Paul", "ǅ", "Zoë", "De")
        ),
        min_size=1,
        max_size=6,
    )
)  # fmt: skip
def test_analyse_shortcut_for_plain_words_agrees(words: list[str]) -> None:
    name = " ".join(words)
    assert analyse.__wrapped__(name) == _analyse_folded(fold(name))


@given(st.text(alphabet="abcdeghijklmnoprstuvwxyz", min_size=1, max_size=12))
def test_token_key_is_a_function_of_the_token(token: str) -> None:
    key = token_key(token)
    token_key.cache_clear()
    assert token_key(token) == key
    assert compatible(key, key)


def test_consonant_trace_is_a_function_of_the_skeleton() -> None:
    # Every token of up to four letters over the letters the skeleton rules read and
    # write: tokens with one skeleton must have one trace, or the resolver's cheap
    # test would skip a real spelling.
    traces: dict[str, str] = {}
    for size in range(1, 5):
        for letters in itertools.product("abcdhjklmnrsuwyz", repeat=size):
            token = "".join(letters)
            trace = traces.setdefault(token_key(token).skeleton, consonant_trace(token))
            assert trace == consonant_trace(token), token


@pytest.mark.parametrize(
    ("mention", "found"),
    [
        ("Obaid Ullah Akhund", "Obaidullah Akhund"),  # one word written apart
        ("Obayd Ullah Akhund", "Obaidullah Akhund"),  # ... and spelled another way
        ("Obaidullah Akhund", "Obaidullah Akhund"),
        ("Obaid Allah Akhund", None),  # no gazetteer token spells "obaidallah"
        ("Abdulkarim Alzahrani", "Abdulkarim al-Zahrani"),  # joined to its article
        ("Abdul Karim Al Zahrani", "Abdulkarim al-Zahrani"),
        ("Abdul Karim Zahrani", "Abdulkarim al-Zahrani"),
    ],
)
def test_words_written_apart_or_joined(mention: str, found: str | None) -> None:
    g = Gazetteer.from_records(
        [
            {"id": "o", "canonical": "Obaidullah Akhund", "kind": "person"},
            {"id": "z", "canonical": "Abdulkarim al-Zahrani", "kind": "person"},
        ]
    )
    assert Resolver(g).resolve(mention) == found


_RUN_WORDS = (
    "Qassem", "Qasem", "Soleimani", "Suleimani", "Abu", "Mahdi", "al-Muhandis", "Muhandis",
    "Popular", "Mobilisation", "Mobilization", "Units", "Forces", "PMU", "Saddam", "Hussein",
    "al-Tikriti", "Tikriti", "Obaid", "Ullah", "Obaidullah", "Akhund", "Abdul", "Karim",
    "al", "of", "the", "bin", "President", "General", "Group", "Ltd", "Sheikh", "Iraq's",
    "Baghdad", "Iraq", "Iraqi", "Times", "New", "York", "Editorial", "Board", "The",
    "Zzyzx", "Qwerty", "Abdel", "Rahman", "Umm", "Salma", "O'Brien", "Jean-Paul", "A",
    "Abdulkarim", "Zahrani", "Alzahrani", "Mohammed", "Ali",
)  # fmt: skip


@pytest.fixture(scope="module")
def joining_resolver() -> Resolver:
    small = Gazetteer.load(DATA / "small.toml").entities
    return Resolver(
        Gazetteer.from_records(
            [
                *({"id": e.id, "canonical": e.canonical, "kind": e.kind,
                   "aliases": list(e.aliases)} for e in small),
                {"id": "o", "canonical": "Obaidullah Akhund", "kind": "person"},
                {"id": "k", "canonical": "Abdulkarim al-Zahrani", "kind": "person"},
                {"id": "b", "canonical": "Baghdad", "kind": "place"},
            ]
        )
    )  # fmt: skip


@given(words=st.lists(st.sampled_from(_RUN_WORDS), min_size=2, max_size=8))
def test_a_blocked_span_never_matches(joining_resolver: Resolver, words: list[str]) -> None:
    # The names step skips the lookup of a span of several words that a blocker holds:
    # that must be exactly a lookup that finds nothing.
    blockers = joining_resolver.blockers(words)
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if span_blocked(blockers, i, j):
                assert joining_resolver.match(" ".join(words[i:j])) is None, words[i:j]


@pytest.mark.parametrize(
    "mention",
    [
        "Abdulkarim Alzahrani",  # a glued prefix: the word's token is "abdkarim"
        "Abu Mahdi al-Muhandis",  # a bound prefix fuses with the word after it
        "Obaid Ullah Akhund",  # two words that are one gazetteer token
        "Abdul Karim Al Zahrani",
        "Popular Mobilisation Units",
    ],
)
def test_no_blocker_in_a_mention_that_matches(joining_resolver: Resolver, mention: str) -> None:
    words = mention.split()
    assert joining_resolver.match(mention) is not None
    assert not span_blocked(joining_resolver.blockers(words), 0, len(words))


def test_blockers_spare_a_long_run_of_unknown_words(joining_resolver: Resolver) -> None:
    words = ["The", "New", "York", "Zzyzx", "Editorial", "Board"]
    blockers = joining_resolver.blockers(words)
    assert blockers[3] is not None and blockers[3].blocks(False, False)
    assert joining_resolver.blockers(["Abu", "Zzyzx", "Qwerty"]) == [None, None, None]
    obaid = joining_resolver.blockers(["Obaid", "Ullah", "Akhund"])[0]
    assert obaid is None or not obaid.blocks(True, False)  # Obaid Ullah = Obaidullah


def test_a_one_word_alias_links_a_lone_word_only_when_the_word_is_rare() -> None:
    records = [
        {"id": "k", "canonical": "Khalil Ben Ahmed Jarraya", "kind": "person",
         "aliases": ["Omar", "Zarqawi"]},
        *({"id": f"o{i}", "canonical": f"Omar {surname}", "kind": "person"}
          for i, surname in enumerate(("Bakri", "Hassan", "Farouk", "Nasser", "Karimov", "Said")))
    ]  # fmt: skip
    resolver = Resolver(Gazetteer.from_records(records), rare_fraction=0.0, min_rare=2)
    # "Omar" is the given name of six more people in the gazetteer, and of many outside it
    assert resolver.resolve("Sheik Omar") is None
    assert resolver.resolve("Dr. Omar") is None
    assert resolver.resolve("Zarqawi") == "Khalil Ben Ahmed Jarraya"  # rare: one holder
    assert resolver.resolve("Omar Bakri") == "Omar Bakri"
    # written exactly as the alias is, the gazetteer's word for its one holder stands
    assert resolver.resolve("Omar") == "Khalil Ben Ahmed Jarraya"


def test_a_common_one_word_name_written_as_in_the_gazetteer_still_links() -> None:
    g = Gazetteer.from_records(
        [
            {"id": "h", "canonical": "Hussein bin Talal", "kind": "person",
             "aliases": ["King Hussein"]},
            {"id": "s", "canonical": "Saddam Hussein", "kind": "person"},
            {"id": "f", "canonical": "Fuad Hussein", "kind": "person"},
            {"id": "a", "canonical": "Amir", "kind": "person"},
            {"id": "b", "canonical": "Omar Bakri", "kind": "person"},
            {"id": "u", "canonical": "Umar Farouk", "kind": "person"},
        ]
    )  # fmt: skip
    resolver = Resolver(g)
    assert resolver.resolve("King Hussein") == "Hussein bin Talal"  # the alias as written
    assert resolver.resolve("Amir") == "Amir"  # a person known by one word
    assert resolver.resolve("Sheik Amir") is None  # another title: not the name as written


def test_acronym_names_match_no_spelling_variant() -> None:
    resolver = Resolver(
        Gazetteer.from_records(
            [{"id": "us", "canonical": "United States", "kind": "place", "aliases": ["US", "USA"]}]
        )
    )
    assert resolver.resolve("US") == resolver.resolve("U.S.") == "United States"
    assert resolver.resolve("USA") == "United States"
    assert resolver.resolve("Usa") == "United States"  # the acronym as a word, exactly
    for word in ("Use", "Uso", "Usaa"):  # never a spelling variant of it
        assert resolver.resolve(word) is None


def test_derived_acronyms_are_marked_and_keep_acronym_words_whole() -> None:
    resolver = Resolver(
        Gazetteer.from_records(
            [
                {"id": "unsc", "canonical": "UN Security Council", "kind": "org"},
                {"id": "pmf", "canonical": "Popular Mobilization Forces", "kind": "org"},
            ]
        )
    )
    assert resolver.resolve("USC") is None
    unsc = resolver.match("UNSC")
    pmf = resolver.match("PMF")
    assert unsc is not None and unsc.entity.id == "unsc" and unsc.derived
    assert pmf is not None and pmf.entity.id == "pmf" and pmf.derived
