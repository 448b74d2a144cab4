"""The edit log: replay after every step, sorted and non-overlapping, annotations move."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.document import Document, Proposal
from cleanse.models import replay

ALPHABET = st.sampled_from(list("ab \n.é"))
texts = st.text(ALPHABET, max_size=30)


@st.composite
def batches(draw: st.DrawFn, size: int) -> list[Proposal]:
    points = sorted(draw(st.lists(st.integers(0, size), max_size=8, unique=True)))
    replacements = st.sampled_from(["", "x", "yz", "\n", "ab"])
    return [
        Proposal(a, b, draw(replacements), "rule.test")
        for a, b in zip(points[::2], points[1::2], strict=False)
    ]


@given(texts, st.data())
def test_log_replays_after_every_step(source: str, data: st.DataObject) -> None:
    doc = Document(source)
    for step in range(data.draw(st.integers(1, 4))):
        doc.apply(f"s{step}", data.draw(batches(len(doc.text))))
        edits = doc.edits()
        assert replay(source, edits) == doc.text
        for earlier, later in itertools.pairwise(edits):
            assert earlier.end <= later.start
            if earlier.end == later.start:  # touching edits are never insertions
                assert earlier.start < earlier.end and later.start < later.end
        assert all(e.before != e.after for e in edits)
        assert all(source[e.start : e.end] == e.before for e in edits)


def test_overlapping_edits_merge_with_both_rules() -> None:
    doc = Document("hello  world")
    doc.apply("a", [Proposal(5, 7, " ", "ws.repeated")])
    doc.apply("b", [Proposal(0, 6, "Hi ", "greeting")])
    (edit,) = doc.edits()
    assert (edit.start, edit.end, edit.before, edit.after) == (0, 7, "hello  ", "Hi ")
    assert edit.step == "a+b"
    assert edit.rule == "ws.repeated+greeting"


def test_edit_undone_by_a_later_step_leaves_no_entry() -> None:
    doc = Document("colour")
    doc.apply("a", [Proposal(0, 6, "color", "r1")])
    doc.apply("b", [Proposal(0, 5, "colour", "r2")])
    assert doc.text == "colour"
    assert doc.edits() == []


def test_annotation_follows_later_edits() -> None:
    doc = Document("aa Soleimani bb")
    doc.annotate(3, 12, "mention")
    doc.apply("x", [Proposal(0, 3, "", "drop")])
    doc.apply("y", [Proposal(9, 9, "!", "insert-after")])
    ann = doc.annotations[0]
    assert doc.text[ann.start : ann.end] == "Soleimani"


def test_overlapping_proposals_in_one_step_are_rejected() -> None:
    doc = Document("abcdef")
    with pytest.raises(ValueError, match="overlaps"):
        doc.apply("x", [Proposal(0, 3, "", "r"), Proposal(2, 4, "", "r")])
