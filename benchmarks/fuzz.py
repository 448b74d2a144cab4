"""Fuzz the whole pipeline: no exception escapes but CleanseError, no record is lost,
every record validates against the schema, replay and idempotence hold.

Seeded random generators (reproducible: ``--seed``) produce arbitrary bytes,
broken UTF-8, NUL bytes, random Unicode (surrogates, controls, combining
marks), mojibake, deeply nested and malformed HTML, huge attribute values,
entity bombs, mutated real pages and seed text, article text in random case with
letters swapped for their case-fold twins (ſ ı K İ), and the adversarial strings of
tests/test_regex_safety.py for every regex in cleanse; plus, once per run, a
few 10 MB single lines. Inputs go through ``Pipeline.clean_many`` in batches.

    python benchmarks/fuzz.py [--count 100000] [--seed 1] [--workers 2]
        [--data ../shared/bench/extraction] [--out /tmp/cleanse-fuzz] [--steps all|default]

Failing inputs are written to ``--out`` (one file each) and listed at the end;
the exit status is 1 if any check failed.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLEANSE_REGEX_SIZE", "100000")

import jsonschema  # noqa: E402
import orjson  # noqa: E402

from cleanse import Config, Failure, Pipeline, replay  # noqa: E402
from cleanse.errors import CleanseError  # noqa: E402
from cleanse.models import Article  # noqa: E402
from cleanse.pipeline import Input  # noqa: E402
from cleanse.steps import ALL_STEPS, TEXT_STEPS  # noqa: E402
from cleanse.steps.decode import decode  # noqa: E402
from cleanse.steps.extract import Deadline, extract_html, time_limit  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "extraction"
SCHEMA = ROOT / "schemas" / "article.schema.json"
_SURROGATE = re.compile("[\ud800-\udfff]")
WRONG = ("latin-1", "cp1252", "cp437", "mac_roman", "cp1251", "iso-8859-2", "cp850")
TAGS = ("div", "p", "span", "a", "article", "section", "table", "tr", "td", "ul", "li", "b", "i")
WORDS = [
    "the",
    "march",
    "was",
    "held",
    "in",
    "Baghdad",
    "on",
    "Friday",
    "as",
    "thousands",
    "of",
    "protesters",
    "called",
    "for",
    "U.S.",
    "troops",
    "to",
    "leave",
    "Iraq",
    ",",
    "said",
    "Mr.",
    "Sadr",
    "’s",
    "spokesman",
    "“",
    "we",
    "will",
    "not",
    "stop",
    "”",
    "—",
    "café",
    "naïve",
    "São",
    "Paulo",
    "Zürich",
    "Москва",
    "北京",
    "القاهرة",
    "1,000",
    "3.5%",
    "&",
    "<",
    ">",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
]


def usable_steps() -> tuple[Any, ...]:
    built = [
        s for s in TEXT_STEPS if hasattr(importlib.import_module(f"cleanse.steps.{s}"), "build")
    ]
    return (*(s for s in ALL_STEPS if s not in TEXT_STEPS), *built)


# -- generators ----------------------------------------------------------------------------


class Corpus:
    def __init__(self, data: Path) -> None:
        self.pages: list[bytes] = []
        self.bodies: list[str] = []
        for name in ("scrapinghub", "wcxb-dev"):
            folder = data / name
            if not folder.is_dir():
                continue
            for path in sorted((folder / "html").glob("*.html.gz"))[:60]:
                self.pages.append(gzip.decompress(path.read_bytes()))
            truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
            self.bodies += [v["body"] for v in list(truth.values())[:200] if v.get("body")]
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            self.bodies.append(seed.read_text(encoding="utf-8"))
        if not self.bodies:
            self.bodies = [" ".join(WORDS)]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def rand_unicode(rng: random.Random, n: int) -> str:
    ranges = ((0, 0x80), (0x80, 0x250), (0x300, 0x370), (0x2000, 0x2070), (0xD800, 0xE000),
              (0xFB00, 0xFB07), (0xFE00, 0xFFFF), (0, 0x110000))  # fmt: skip
    out = []
    for _ in range(n):
        lo, hi = rng.choice(ranges)
        out.append(chr(rng.randrange(lo, hi)))
    return "".join(out)


def mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if not buf:
            break
        i = rng.randrange(len(buf))
        op = rng.random()
        if op < 0.4:
            buf[i] = rng.randrange(256)
        elif op < 0.6:
            del buf[i : i + rng.randint(1, 50)]
        elif op < 0.8:
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            buf[i:i] = buf[max(0, i - 200) : i]  # duplicate a stretch
    if rng.random() < 0.3:
        del buf[rng.randrange(len(buf) + 1) :]  # truncate
    return bytes(buf)


def nested_html(rng: random.Random) -> str:
    depth = rng.choice((10, 100, 1000, 5000))
    tag = rng.choice(TAGS)
    close = rng.random() < 0.5
    inner = f"<p>{words(rng, 40)}</p>"
    return (
        "<html><body>" + f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if close else "")
        + "</body></html>"
    )  # fmt: skip


def tag_soup(rng: random.Random) -> str:
    parts = ["<html>" if rng.random() < 0.7 else ""]
    for _ in range(rng.randint(1, 80)):
        r = rng.random()
        tag = rng.choice(TAGS)
        if r < 0.3:
            parts.append(f"<{tag}{' class=x' if rng.random() < 0.3 else ''}>")
        elif r < 0.5:
            parts.append(f"</{tag}>")
        elif r < 0.55:
            parts.append(rng.choice(("<", ">", "<!--", "-->", "<![CDATA[", "]]>", "</", "<p")))
        elif r < 0.6:
            parts.append(rng.choice(("<script>", "</script>", "<style>", "<title>", "<head>")))
        else:
            parts.append(words(rng, rng.randint(1, 30)))
    return "".join(parts)


def huge_attribute(rng: random.Random) -> str:
    size = rng.choice((1000, 100_000, 1_000_000))
    value = rng.choice(("x", "&amp;", '"', "a b ", "\u00e9")) * (size // 5)
    quote = rng.choice(('"', "'", ""))
    return (
        f"<html><body><article><a href={quote}{value}{quote}>link</a>"
        f"<p data-x={quote}{value}{quote}>{words(rng, 60)}</p></article></body></html>"
    )


def entity_bomb(rng: random.Random) -> str:
    kind = rng.random()
    n = rng.choice((100, 10_000, 200_000))
    if kind < 0.3:
        body = "&amp;" * n
    elif kind < 0.5:
        body = "&amp;amp;amp;amp;" * (n // 4)
    elif kind < 0.7:
        refs = ("&#x41;", "&#65;", "&#999999999;", "&#0;", "&#xD800;", "&bogus;")
        body = "".join(rng.choice(refs) for _ in range(min(n, 20_000)))
    else:
        ents = "".join(f'<!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};">' for i in range(1, 10))
        return f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY e0 "lol">{ents}]><html><body><p>&e9;</p></body></html>'  # noqa: E501
    if rng.random() < 0.5:
        return f"<html><body><p>{body}</p></body></html>"
    return f"A headline\n\n{body} said the report."


# Characters re.IGNORECASE matches with an ASCII letter that lower() does not lower to it
# (or lengthens): a pattern finds a word that a table keyed by lower case lacks.
_CASE_FOLDS = {"s": "ſ", "i": "ı", "k": "\u212a", "K": "\u212a", "I": "\u0130"}


def case_folds(rng: random.Random, text: str) -> str:
    """Words in random case, some letters swapped for their case-fold twins."""
    out = []
    for word in text.split(" "):
        r = rng.random()
        if r < 0.1:
            word = word.upper()
        elif r < 0.2:
            word = word.title()
        if rng.random() < 0.3:
            word = "".join(_CASE_FOLDS.get(c, c) if rng.random() < 0.5 else c for c in word)
        out.append(word)
    return " ".join(out)


def regex_attack(rng: random.Random, strings: list[str]) -> str:
    text = rng.choice(strings)
    if rng.random() < 0.02:
        return text  # the full 100 KB
    return text[: rng.choice((50, 500, 2000, 5000, 20_000))]


def generate(rng: random.Random, corpus: Corpus, attacks: list[str]) -> tuple[str, str | bytes]:
    r = rng.random()
    body = rng.choice(corpus.bodies)
    if r < 0.08:
        return "bytes", bytes(rng.randrange(256) for _ in range(rng.randint(0, 600)))
    if r < 0.18:
        return "broken-utf8", mutate(rng, body[: rng.randint(1, 3000)].encode())
    if r < 0.24:
        text = body[: rng.randint(1, 3000)]
        pos = sorted(rng.randrange(len(text) + 1) for _ in range(rng.randint(1, 20)))
        return "nul", "\x00".join(
            text[a:b] for a, b in zip([0, *pos], [*pos, len(text)], strict=True)
        )
    if r < 0.36:
        return "unicode", rand_unicode(rng, rng.randint(0, 400))
    if r < 0.46:
        lines = body[: rng.randint(1, 4000)].split("\n")
        enc = rng.choice(WRONG)
        broken = [
            ln.encode("utf-8").decode(enc, errors="replace") if rng.random() < 0.5 else ln
            for ln in lines
        ]
        return "mojibake", "\n".join(broken)
    if r < 0.52:
        return "nested-html", nested_html(rng)
    if r < 0.60:
        return "tag-soup", tag_soup(rng)
    if r < 0.62:
        return "huge-attribute", huge_attribute(rng)
    if r < 0.65:
        return "entity-bomb", entity_bomb(rng)
    if r < 0.70 and attacks:
        return "regex-attack", regex_attack(rng, attacks)
    if r < 0.82 and corpus.pages:
        return "mutated-page", mutate(rng, rng.choice(corpus.pages))
    if r < 0.92:
        text = body[: rng.randint(1, 6000)]
        return "mutated-text", mutate(rng, text.encode()).decode("utf-8", "replace")
    if r < 0.96:
        return "case-folds", case_folds(rng, body[: rng.randint(1, 4000)])
    return "words", words(rng, rng.randint(0, 300)).replace(" ; ", rng.choice(("\n", "\n\n", "\t")))


def big_inputs() -> Iterator[tuple[str, str | bytes]]:
    line = (" ".join(WORDS) + " ") * (10_000_000 // (len(" ".join(WORDS)) + 1))
    yield "10MB-line", line
    yield "10MB-line-mojibake", line.encode().decode("cp1252", errors="replace")
    yield "10MB-spaces", "x" + " \t" * 5_000_000 + "x"
    yield "10MB-html", "<html><body><p>" + line + "</p></body></html>"


# -- checks -------------------------------------------------------------------------------


class Checker:
    def __init__(self, config: Config) -> None:
        self.pipeline = Pipeline(config)
        self.config = config
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        self.validator = jsonschema.Draft202012Validator(schema)

    def source_of(self, raw: str | bytes, article: Article) -> str:
        """The edit log's input text, recomputed with the pipeline's public pieces."""
        text = decode(raw) if isinstance(raw, bytes) else raw
        text = _SURROGATE.sub("\ufffd", text)
        from cleanse.steps.extract import looks_like_html

        if looks_like_html(text) and self.config.enabled("extract"):
            return extract_html(text, url=None, options=self.config.extract).text
        return text

    def check(self, raw: str | bytes, result: Article | Failure) -> list[str]:
        problems: list[str] = []
        if isinstance(result, Failure):
            if result.error == "StepFailedError":
                problems.append(f"bug: {result.message[:300]}")
            return problems
        record = orjson.loads(result.to_json())
        errors = list(self.validator.iter_errors(record))
        if errors:
            problems.append(f"schema: {errors[0].message[:200]}")
        try:
            source = self.source_of(raw, result)
        except CleanseError:
            source = None
        if source is not None and replay(source, result.edits) != result.text:
            problems.append("replay")
        again = self.pipeline.clean(
            result.text, kind="text", title=result.title or "", language=result.language
        )
        if again.text != result.text:
            problems.append("idempotence")
        return problems


_CHECKER: Checker | None = None


def _init(config_json: str) -> None:
    global _CHECKER  # noqa: PLW0603
    _CHECKER = Checker(Config.model_validate_json(config_json))
    # Warm up outside the time limit: the first HTML and text documents of a process pay
    # for importing trafilatura and loading word lists and gazetteers (~3 s on a busy
    # machine), which is start-up cost, not the input's.
    warm = "<html><body><article><p>The council met in Baghdad.</p></article></body></html>"
    for raw in (warm, "The council met on Monday in Baghdad. It voted."):
        list(_CHECKER.pipeline.clean_many([Input(raw, name="warm-up")]))


def run_batch(batch: list[tuple[int, str, str | bytes]]) -> list[tuple[int, str, list[str]]]:
    """Each input through ``clean_many`` (one result per input, else "record lost"),
    under a time limit: an input that takes longer is reported as "slow"."""
    assert _CHECKER is not None
    checker = _CHECKER
    out: list[tuple[int, str, list[str]]] = []
    for i, kind, raw in batch:
        # Linear budget: 3 s plus 20 µs per character (two cleans at 0.1 MB/s, well under
        # the ~0.3 MB/s of the all-steps pipeline), so only a superlinear blow-up is slow.
        limit = 3.0 + len(raw) / 50_000
        item = Input(raw, name=f"fuzz-{i}")
        try:
            with time_limit(limit):
                results = list(checker.pipeline.clean_many([item]))
                if len(results) != 1:
                    out.append((i, kind, ["record lost"]))
                    continue
                result = results[0]
                label = f"{kind}/failure" if isinstance(result, Failure) else kind
                out.append((i, label, checker.check(raw, result)))
        except Deadline:
            out.append((i, kind, [f"slow: over {limit:g} s ({len(raw):,} chars)"]))
        except BaseException as exc:
            out.append((i, kind, [f"escaped: {type(exc).__name__}: {str(exc)[:200]}"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("/tmp/cleanse-fuzz"))
    parser.add_argument("--steps", choices=("all", "default"), default="all")
    parser.add_argument("--no-big", action="store_true", help="skip the 10 MB inputs")
    args = parser.parse_args()

    config = Config(steps=usable_steps()) if args.steps == "all" else Config()
    rng = random.Random(args.seed)
    corpus = Corpus(args.data)
    from tests.test_regex_safety import PATTERNS, adversarial

    attacks = sorted({s for p in PATTERNS.values() for s in adversarial(p)})
    print(f"steps: {', '.join(config.steps)}; {len(PATTERNS)} regexes, {len(attacks)} attacks")

    inputs: list[tuple[int, str, str | bytes]] = []
    if not args.no_big:
        inputs += [(i, kind, raw) for i, (kind, raw) in enumerate(big_inputs())]
    start = len(inputs)
    inputs += [(start + i, *generate(rng, corpus, attacks)) for i in range(args.count)]
    batches = [inputs[i : i + 50] for i in range(0, len(inputs), 50)]

    started = time.perf_counter()
    kinds: Counter[str] = Counter()
    failures: list[tuple[int, str, list[str]]] = []
    context = multiprocessing.get_context("fork")
    with context.Pool(args.workers, _init, (config.model_dump_json(),)) as pool:
        for n, results in enumerate(pool.imap(run_batch, batches, chunksize=1)):
            for i, kind, problems in results:
                kinds[kind] += 1
                if problems:
                    failures.append((i, kind, problems))
            if n % 200 == 0:
                done = sum(kinds.values())
                print(f"  {done:,} inputs, {len(failures)} failing, "
                      f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    elapsed = time.perf_counter() - started

    args.out.mkdir(parents=True, exist_ok=True)
    by_index = {i: raw for i, _, raw in inputs}
    for i, kind, _problems in failures:
        raw = by_index[i]
        data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
        (args.out / f"{i}.{kind.replace('/', '-')}.in").write_bytes(data)
    total = sum(kinds.values())
    print()
    print(f"| inputs | failing | seconds | seed |\n|---:|---:|---:|---:|\n"
          f"| {total:,} | {len(failures)} | {elapsed:.0f} | {args.seed} |")  # fmt: skip
    print("\n| kind | inputs |\n|---|---:|")
    for kind, count in sorted(kinds.items()):
        print(f"| {kind} | {count:,} |")
    problem_kinds = Counter(p.split(":")[0] for _, _, ps in failures for p in ps)
    if failures:
        print("\n| problem | count |\n|---|---:|")
        for problem, count in problem_kinds.most_common():
            print(f"| {problem} | {count} |")
        print(f"\nfailing inputs in {args.out}; first ones:")
        for i, kind, problems in failures[:15]:
            print(f"  #{i} {kind}: {'; '.join(problems)[:300]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
