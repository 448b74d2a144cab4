"""The offline language detector."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.language import detect_language

CASES = [
    ("The rally was called by the cleric, days after the parliament voted against it.", "en"),
    ("Der Hund und die Katze sind nicht im Haus, aber sie schlafen dort mit dem Kind.", "de"),
    ("Le chien et le chat ne sont pas dans la maison, mais ils dorment avec les enfants.", "fr"),
    ("El perro y el gato no están en la casa, pero duermen con los niños de la familia.", "es"),
    ("Nesta página você terá sempre a classificação atualizada da corrida e dos pilotos.", "pt"),
    ("Собака и кошка не в доме, но они спят там вместе с детьми каждый день.", "ru"),
    ("犬と猫は家の中にいませんが、子供たちと一緒にそこで寝ています。", "ja"),
    ("Ο σκύλος και η γάτα δεν είναι στο σπίτι, αλλά κοιμούνται εκεί με τα παιδιά.", "el"),
]


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_detects(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_too_short_is_none() -> None:
    assert detect_language("OK") is None
    assert detect_language("") is None


def test_long_text_is_sampled() -> None:
    text = "The cat sat on the mat and looked at the dog. " * 5000
    assert detect_language(text) == "en"


@given(st.text(max_size=500))
def test_never_crashes(text: str) -> None:
    result = detect_language(text)
    assert result is None or (isinstance(result, str) and 2 <= len(result) <= 3)


def test_name_particles_and_compounds_are_no_function_words() -> None:
    # "al" of "al-Sisi" read as Catalan/Dutch, with "met" and "in", made this Dutch
    text = "Egypt's president Abdel Fattah al-Sisi met King Abdullah in Cairo."
    assert detect_language(text) in (None, "en")


def test_invisible_characters_do_not_change_the_verdict() -> None:
    # a BOM inside a word split it in two; the repair step removes it, so a second pass
    # read another language (and spaced punctuation was kept only the first time)
    text = "e YACTrumpII\u0627\ufeffC(Y(A : C ZAPb"
    assert detect_language(text) == detect_language(text.replace("\ufeff", ""))
