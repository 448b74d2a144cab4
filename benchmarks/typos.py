"""Typo-fixing benchmark: cleanse's typos step vs codespell lookup vs symspellpy.

Sets (../shared/bench/typos): nonword.jsonl and realword.jsonl (one error per item),
clean.jsonl (every edit is false), plus the non-English pages of the extraction sets
(text extracted once with trafilatura and cached). Items are split by a hash of their
id into a development half and a held-out half; both are reported.

Usage: python benchmarks/typos.py [--bench ../shared/bench] [--cache /tmp/cleanse-foreign.jsonl]
Peers are benchmark-only dependencies: pip install codespell symspellpy trafilatura
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pages import DEFAULT_CACHE, extracted_pages

from cleanse.config import Config
from cleanse.steps import StepContext
from cleanse.steps.typos import TyposOptions, build
from cleanse.typos.lexicon import load_lexicon


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ROOT = Path(__file__).resolve().parent.parent
WORDS = re.compile(r"\w+")
TOKEN = re.compile(r"(?<![\w'’@#/.-])[A-Za-z]+(?:['’][A-Za-z]+)?(?![\w'’@/-]|\.\w)")
Edit = tuple[int, int, str]
Fixer = Callable[[str], list[Edit]]


def half(item_id: str) -> str:
    return "dev" if zlib.crc32(item_id.encode()) % 2 == 0 else "held-out"


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# -- systems -----------------------------------------------------------------------------


def cleanse_fixer(options: TyposOptions | None = None) -> Fixer:
    step = build(Config(typos=options or TyposOptions()))
    ctx = StepContext(kind="text")

    def fix(text: str) -> list[Edit]:
        return [(p.start, p.end, p.replacement) for p in step(text, ctx).edits]

    return fix


def _match_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def codespell_fixer() -> Fixer:
    spec = importlib.util.find_spec("codespell_lib")
    assert spec is not None and spec.origin is not None
    table: dict[str, str] = {}
    path = Path(spec.origin).parent / "data" / "dictionary.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        targets = [t.strip() for t in right.split(",") if t.strip()]
        if len(targets) == 1:  # codespell only fixes unambiguous entries
            table[wrong] = targets[0]

    def fix(text: str) -> list[Edit]:
        out: list[Edit] = []
        for m in TOKEN.finditer(text):
            target = table.get(m.group().lower())
            if target is not None:
                out.append((m.start(), m.end(), _match_case(target, m.group())))
        return out

    return fix


def symspell_fixer() -> Fixer:
    from symspellpy import SymSpell, Verbosity

    spec = importlib.util.find_spec("symspellpy")
    assert spec is not None and spec.origin is not None
    sym = SymSpell(max_dictionary_edit_distance=2)
    sym.load_dictionary(str(Path(spec.origin).parent / "frequency_dictionary_en_82_765.txt"), 0, 1)
    words = sym.words

    def fix(text: str) -> list[Edit]:
        out: list[Edit] = []
        for m in TOKEN.finditer(text):
            token = m.group()
            if not token.islower() or "'" in token or "’" in token or token in words:
                continue  # capitalised words skipped (names)
            found = sym.lookup(token, Verbosity.TOP, max_edit_distance=2)
            if found and found[0].term != token:
                out.append((m.start(), m.end(), found[0].term))
        return out

    return fix


# -- metrics -----------------------------------------------------------------------------


def correction_scores(fixer: Fixer, items: list[dict[str, object]]) -> dict[str, float]:
    tp = fp = fn = 0
    for item in items:
        text = str(item["text"])
        gold = {
            (int(e["start"]), int(e["end"]), str(e["correct"]))
            for e in item["edits"]  # type: ignore[attr-defined]
        }
        pred = set(fixer(text))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return {"P": p, "R": r, "F0.5": f05}


# Real errors in the "clean" articles, checked by hand after reading every edit cleanse's
# typos step made there (the peers' edits were not all read, so a peer's "false" column may
# still hold a few real fixes): (item id, wrong text as written) -> right text. An edit of
# exactly this text to the right text counts as a "real fix", not a false edit; both are
# reported.
ERRORS_IN_CLEAN: dict[tuple[str, str], str] = {
    ("cl-0327", "simulataneous"): "simultaneous",
    ("cl-0475", " to"): "",  # "required to to complete"
    ("cl-0488", "Refering"): "Referring",
    ("cl-0758", " the"): "",  # "into the the societal"
    ("cl-0328", " by"): "",  # "Anatomy by by Gottfried"
    ("cl-0486", "recieved"): "received",
    ("cl-0569", "slighest"): "slightest",
    ("cl-0569", "monstruous"): "monstrous",
    ("cl-0672", "recyled"): "recycled",
    ("cl-0769", "Thats"): "That's",
    ("cl-0769", "Its"): "It's",  # "Its a great headphone."
    ("cl-0188", "longetivity"): "longevity",  # "Holistic wellness and longetivity"
    ("cl-0793", "servinges"): "servings",  # "a button for smaller servinges"
}


def clean_edits(fixer: Fixer, items: list[dict[str, object]]) -> tuple[float, float]:
    """Edits per 1,000 words on the clean set: false edits, and fixes of its real errors."""
    words = false = real = 0
    for item in items:
        text = str(item["text"])
        words += len(WORDS.findall(text))
        for start, end, replacement in fixer(text):
            if ERRORS_IN_CLEAN.get((str(item["id"]), text[start:end])) == replacement:
                real += 1
            else:
                false += 1
    return 1000 * false / max(words, 1), 1000 * real / max(words, 1)


def false_edit_rate(fixer: Fixer, texts: list[str]) -> tuple[float, float]:
    """Edits per 1,000 words (all false on foreign text), and words per second."""
    words = sum(len(WORDS.findall(t)) for t in texts)
    edits = sum(len(fixer(t)) for t in texts)
    elapsed = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        t0 = time.perf_counter()
        for t in texts:
            fixer(t)
        elapsed = min(elapsed, time.perf_counter() - t0)
    return 1000 * edits / max(words, 1), words / elapsed


def english_share(text: str) -> float:
    zipf = load_lexicon().zipf
    tokens = [t.lower() for t in re.findall(r"[^\W\d_]+", text) if t.islower()]
    return sum(t in zipf for t in tokens) / max(len(tokens), 1)


def foreign_texts(pages: list[dict[str, str]]) -> list[str]:
    """Non-English pages of the extraction sets: under half their words are English words.

    (The pages' own lang attributes are wrong on several pages, so they are not used, and
    neither is cleanse's detector, which is under test.)"""
    texts = [r["text"] for r in pages]
    return [t for t in texts if len(t) > 200 and english_share(t) < 0.5]


def page_guesses(rows: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    """Guessed non-word edits (every rule but the curated table) on all extraction pages:
    (page id, rule, text around, "wrong -> right"). There is no gold for these pages;
    the list is for reading (``--list-pages``), as a check on web text the sets lack:
    reference lists, code, product names, phrases in other languages."""
    step = build(Config())
    ctx = StepContext(kind="text")
    out = []
    for row in rows:
        text = row["text"]
        for p in step(text, ctx).edits:
            if p.rule.startswith("typos.nonword.") and p.rule != "typos.nonword.table":
                around = text[max(0, p.start - 30) : p.end + 20].replace("\n", " | ")
                change = f"{text[p.start : p.end]} -> {p.replacement}"
                out.append((row["id"], p.rule, around, change))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--list-pages",
        action="store_true",
        help="also print every guessed non-word edit on the extraction pages, for reading",
    )
    args = parser.parse_args()
    typos = args.bench / "typos"
    nonword = load(typos / "nonword.jsonl")
    realword = load(typos / "realword.jsonl")
    clean_items = load(typos / "clean.jsonl")
    clean = [str(i["text"]) for i in clean_items]
    pages = extracted_pages(args.bench, args.cache)
    foreign = foreign_texts(pages)

    systems: dict[str, Fixer] = {
        "cleanse typos": cleanse_fixer(),
        "cleanse typos, language gate off": cleanse_fixer(
            TyposOptions(languages=tuple(sorted({"en", *_ALL_LANGS})))
        ),
        "codespell dictionary lookup": codespell_fixer(),
        "symspellpy (capitalised skipped)": symspell_fixer(),
    }
    print(f"non-English pages: {len(foreign)}\n")
    print(
        "| system | half | non-word P | R | F0.5 | real-word P | R | F0.5 "
        "| clean false/1k | clean real fixes/1k | non-English false/1k | words/s (clean) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, fixer in systems.items():
        _, speed = false_edit_rate(fixer, clean)
        foreign_rate, _ = false_edit_rate(fixer, foreign)
        for part in ("dev", "held-out"):
            nw = correction_scores(fixer, [i for i in nonword if half(str(i["id"])) == part])
            rw = correction_scores(fixer, [i for i in realword if half(str(i["id"])) == part])
            false, real = clean_edits(fixer, [i for i in clean_items if half(str(i["id"])) == part])
            print(
                f"| {name} | {part} | {nw['P']:.3f} | {nw['R']:.3f} | {nw['F0.5']:.3f} "
                f"| {rw['P']:.3f} | {rw['R']:.3f} | {rw['F0.5']:.3f} "
                f"| {false:.3f} | {real:.3f} | {foreign_rate:.3f} | {speed:,.0f} |"
            )
    guesses = page_guesses(pages)
    by_rule = Counter(rule for _, rule, _, _ in guesses)
    print(f"\nguessed non-word edits on the {len(pages)} extraction pages: {len(guesses)}")
    print(", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())))
    if args.list_pages:
        for page, rule, around, change in guesses:
            print(f"{page}\t{rule}\t{change}\t{around!r}")


_ALL_LANGS = _split(
    """
    ar bg ca cs da de el es fa fi fr he hi hr hu id is it ja ko lt lv mk ms nl no pl pt ro
    ru sk sl sv ta th tr uk ur vi zh bn
    """
)

if __name__ == "__main__":
    main()
