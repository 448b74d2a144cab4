"""Name-variant linking benchmark: cleanse's Resolver against two peers, same run.

Data: ../shared/bench/names/<set>/ (see its README). For each set:

- link: every mention of ``mentions_link.jsonl`` is resolved against the set's
  ``gazetteer.jsonl``. Precision = correct links / links made; recall =
  correct links / mentions whose entity is in the gazetteer; "nil linked" =
  share of mentions whose entity is NOT in the gazetteer that got a link.
- hard negatives: a pair (a, b) counts as merged when a's name links to b or
  b's name links to a.
- speed: mentions/second of one cold pass (fresh resolver, nothing cached),
  on the set's gazetteer and on a synthetic 10,000-entity gazetteer.
- split: items are split by a CRC32 of the gold entity id into a development
  half (even) and a held-out half (odd); the resolver was developed on the
  development half of the UN set only.

Peers (measured here, in the same run):
- rapidfuzz: ``process.extractOne(mention, all gazetteer names,
  scorer=token_sort_ratio, processor=default_process, score_cutoff=90)``;
- metaphone: the mention links when exactly one entity has a name with the same
  sorted tuple of per-token Metaphone codes (``jellyfish.metaphone``).

Synthetic 10k gazetteer: the UN gazetteer + the countries gazetteer + person
entities generated from the UN set's given names and surnames (seeded RNG:
two or three given names + a surname, each combination used once, never
equal to a real name), up to 10,000 entities. The UN mentions are then
resolved against it (the generated names are distractors).

Real web text (no gold): the names step, with the default gazetteer, runs over the text
of the 972 extraction pages (``benchmarks/pages.py``: trafilatura's output, cached). The
report counts rewrites and links, with the links that are not the gazetteer name as
written; ``--list-pages`` prints every distinct (surface, entity) pair, for reading.

Reproduce: /work/venv/bin/python benchmarks/names.py  (jellyfish needed for the metaphone peer)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pages import DEFAULT_CACHE, extracted_pages
from rapidfuzz import fuzz, process, utils

from cleanse.config import Config
from cleanse.names import Gazetteer, Resolver
from cleanse.names.normalize import analyse, fold, token_key
from cleanse.steps import StepContext
from cleanse.steps.names import build as build_names

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "names"

Linker = Callable[[str], str | None]  # mention -> entity id or None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def half(entity_id: str) -> str:
    return "dev" if zlib.crc32(entity_id.encode()) % 2 == 0 else "held"


# -- linkers ----------------------------------------------------------------------


def cleanse_linker(gazetteer: Gazetteer) -> Linker:
    resolver = Resolver(gazetteer)

    def link(mention: str) -> str | None:
        entity = resolver.entity_of(mention)
        return entity.id if entity is not None else None

    return link


def rapidfuzz_linker(gazetteer: Gazetteer, cutoff: float = 90) -> Linker:
    names: list[str] = []
    owners: list[str] = []
    for entity in gazetteer:
        for name in entity.names:
            names.append(utils.default_process(name))
            owners.append(entity.id)

    def link(mention: str) -> str | None:
        hit = process.extractOne(
            utils.default_process(mention),
            names,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=cutoff,
        )
        return owners[hit[2]] if hit is not None else None

    return link


def metaphone_linker(gazetteer: Gazetteer) -> Linker | None:
    try:
        import jellyfish
    except ImportError:
        return None

    def key(name: str) -> tuple[str, ...]:
        words = utils.default_process(name).split()
        return tuple(sorted(jellyfish.metaphone(w) for w in words if w))

    index: dict[tuple[str, ...], set[str]] = {}
    for entity in gazetteer:
        for name in entity.names:
            k = key(name)
            if k:
                index.setdefault(k, set()).add(entity.id)

    def link(mention: str) -> str | None:
        owners = index.get(key(mention))
        return next(iter(owners)) if owners is not None and len(owners) == 1 else None

    return link


# -- metrics ----------------------------------------------------------------------


def score_links(
    link: Linker, mentions: list[dict[str, Any]], pairs: list[dict[str, Any]]
) -> dict[str, float]:
    made = correct = nil_linked = 0
    n_in = sum(1 for m in mentions if m["in_gazetteer"])
    n_nil = len(mentions) - n_in
    for m in mentions:
        got = link(m["text"])
        if got is None:
            continue
        made += 1
        if m["in_gazetteer"] and got == m["gold"]:
            correct += 1
        if not m["in_gazetteer"]:
            nil_linked += 1
    merged = 0
    for pair in pairs:
        if link(pair["a_name"]) == pair["b"] or link(pair["b_name"]) == pair["a"]:
            merged += 1
    return {
        "P": correct / made if made else 0.0,
        "R": correct / n_in if n_in else 0.0,
        "nil": nil_linked / n_nil if n_nil else 0.0,
        "hard": merged / len(pairs) if pairs else 0.0,
        "n": len(mentions),
        "pairs": len(pairs),
    }


def speed(
    make: Callable[[], Linker], texts: list[str], limit: int | None = None, repeat: int = 5
) -> tuple[float, float, float]:
    """Mentions/s: best of ``repeat`` cold passes (fresh linker, caches cleared), and warm.

    Cold = every mention seen for the first time, as in this benchmark; warm = a second
    pass over the same mentions (token caches filled), as on a stream where names repeat.
    Returns (cold by wall clock, cold by process CPU time, warm by wall clock): on a shared
    machine the CPU-time rate is the one that does not depend on the other jobs' load.
    """
    sample = texts if limit is None else texts[:limit]
    best = best_cpu = float("inf")
    link = make()
    for _ in range(repeat):
        analyse.cache_clear()
        token_key.cache_clear()
        link = make()  # build outside the timing
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in sample:
            link(text)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    warm = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in sample:
            link(text)
        warm = min(warm, time.perf_counter() - start)
    return len(sample) / best, len(sample) / max(best_cpu, 1e-9), len(sample) / warm


def machine() -> str:
    """CPUs this process may use and the load average, to print next to speed numbers."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpus} CPUs available, load average {load} (1/5/15 min)"


# -- synthetic gazetteer ----------------------------------------------------------


def synthetic_gazetteer(data: Path, size: int, seed: int = 13) -> Gazetteer:
    un = read_jsonl(data / "un" / "gazetteer.jsonl")
    countries = read_jsonl(data / "countries" / "gazetteer.jsonl")
    given: set[str] = set()
    family: set[str] = set()
    real: set[str] = set()
    for record in read_jsonl(data / "un" / "entities.jsonl"):
        for name in record["names"]:
            real.add(name["text"].lower())
            if record["type"] != "person":
                continue
            words = [w for w in name["text"].replace(",", " ").split() if w.isalpha()]
            if len(words) >= 2:
                given.update(w for w in words[:-1] if len(w) > 2 and w[0].isupper())
                family.add(words[-1])
    given_list, family_list = sorted(given), sorted(family)
    rng = random.Random(seed)
    records: list[dict[str, Any]] = [*un, *countries]
    seen: set[str] = set()
    while len(records) < size:
        parts = rng.sample(given_list, rng.choice((1, 2, 2, 3)))
        name = " ".join((*parts, rng.choice(family_list)))
        if name.lower() in seen or name.lower() in real:
            continue
        seen.add(name.lower())
        records.append({"id": f"syn:{len(records)}", "type": "person", "canonical": name})
    return Gazetteer.from_records(records)


# -- report -----------------------------------------------------------------------


def fmt(x: float) -> str:
    return f"{x:.3f}"


def run(data: Path, sets: Iterable[str], synthetic: int, fuzz_limit: int) -> str:
    lines = [
        "| set | split | method | link P | link R | nil linked | hard neg. merged | mentions |",
        "|---|---|---|---|---|---|---|---|",
    ]
    speeds: list[str] = []
    for name in sets:
        folder = data / name
        gaz = Gazetteer.load(folder / "gazetteer.jsonl")
        mentions = read_jsonl(folder / "mentions_link.jsonl")
        pairs = read_jsonl(folder / "hard_negatives.jsonl")
        makers: dict[str, Callable[[], Linker | None]] = {
            "cleanse": lambda g=gaz: cleanse_linker(g),
            "rapidfuzz tsr>=90": lambda g=gaz: rapidfuzz_linker(g),
            "metaphone key": lambda g=gaz: metaphone_linker(g),
        }
        for method, make in makers.items():
            link = make()
            if link is None:
                continue
            for split in ("dev", "held", "all"):
                ms = [m for m in mentions if split == "all" or half(m["gold"]) == split]
                ps = [p for p in pairs if split == "all" or half(p["a"]) == split]
                r = score_links(link, ms, ps)
                lines.append(
                    f"| {name} | {split} | {method} | {fmt(r['P'])} | {fmt(r['R'])} | "
                    f"{fmt(r['nil'])} | {fmt(r['hard'])} ({r['pairs']}) | {r['n']} |"
                )
        texts = [m["text"] for m in mentions]
        for method, make in makers.items():
            if make() is None:
                continue
            limit = fuzz_limit if method.startswith("rapidfuzz") else None
            cold, cpu, warm = speed(make, texts, limit)  # type: ignore[arg-type]
            speeds.append(
                f"| {name} ({len(gaz)} entities) | {method} | {cold:,.0f} | {cpu:,.0f} | "
                f"{warm:,.0f} |"
            )

    if synthetic:
        big = synthetic_gazetteer(data, synthetic)
        folder = data / "un"
        mentions = read_jsonl(folder / "mentions_link.jsonl")
        pairs = read_jsonl(folder / "hard_negatives.jsonl")
        texts = [m["text"] for m in mentions]
        big_makers: dict[str, Callable[[], Linker | None]] = {
            "cleanse": lambda: cleanse_linker(big),
            "rapidfuzz tsr>=90": lambda: rapidfuzz_linker(big),
            "metaphone key": lambda: metaphone_linker(big),
        }
        for method, make in big_makers.items():
            link = make()
            if link is None:
                continue
            r = score_links(link, mentions, pairs)
            lines.append(
                f"| un vs synthetic {len(big):,} | all | {method} | {fmt(r['P'])} | "
                f"{fmt(r['R'])} | {fmt(r['nil'])} | {fmt(r['hard'])} ({r['pairs']}) | {r['n']} |"
            )
            limit = fuzz_limit if method.startswith("rapidfuzz") else None
            cold, cpu, warm = speed(make, texts, limit)  # type: ignore[arg-type]
            speeds.append(
                f"| synthetic ({len(big):,} entities) | {method} | {cold:,.0f} | {cpu:,.0f} | "
                f"{warm:,.0f} |"
            )
        build_start, build_cpu = time.perf_counter(), time.process_time()
        Resolver(big)
        build = time.perf_counter() - build_start
        cpu_build = time.process_time() - build_cpu
        speeds.append(
            f"| synthetic ({len(big):,} entities) | cleanse index build | {build:.2f} s | "
            f"{cpu_build:.2f} s CPU | |"
        )

    out = [
        *lines,
        "",
        f"Speed measured with {machine()}.",
        "",
        "| gazetteer | method | mentions/s cold, wall (best of 5) | cold, CPU time | warm, wall |",
        "|---|---|---|---|---|",
    ]
    out.extend(speeds)
    out.append("")
    out.append(f"After the run: {machine()}.")
    return "\n".join(out)


def pages_report(pages: list[dict[str, str]], listing: bool) -> str:
    """The names step on real pages: rewrites, and links that differ from the listed name."""
    step = build_names(Config())
    listed = {fold(n) for e in step.resolver.gazetteer.entities for n in e.names}
    ctx = StepContext(kind="text")
    links: Counter[tuple[str, str, str]] = Counter()
    on_pages: dict[tuple[str, str, str], set[str]] = {}
    rewrites: Counter[tuple[str, str, str]] = Counter()
    words = 0
    for row in pages:
        text = row["text"]
        words += len(text.split())
        result = step(text, ctx)
        for m in result.mentions:
            key = (text[m.start : m.end], m.canonical, m.kind)
            links[key] += 1
            on_pages.setdefault(key, set()).add(row["id"])
        for e in result.edits:
            rewrites[e.rule, text[e.start : e.end], e.replacement] += 1
    gazetteer = {e.canonical for e in step.resolver.gazetteer.entities}
    known = {k: n for k, n in links.items() if k[1] in gazetteer}
    other = {k: n for k, n in known.items() if fold(k[0]) not in listed}
    out = [
        f"Names step on the {len(pages)} extraction pages ({words:,} words), default gazetteer:",
        f"{sum(rewrites.values())} rewrites; {sum(links.values())} linked mentions, "
        f"{sum(known.values())} to gazetteer entities ({len(known)} distinct surface/entity "
        f"pairs), the rest to acronyms the page itself defines; {sum(other.values())} "
        f"gazetteer links ({len(other)} pairs) where the text is not a listed name:",
        "",
        "| surface | entity | mentions | pages |",
        "|---|---|---|---|",
    ]
    for key, n in sorted(other.items(), key=lambda x: (-x[1], x[0])):
        out.append(f"| {key[0]} | {key[1]} | {n} | {len(on_pages[key])} |")
    if rewrites:
        out += ["", "| rewrite rule | before | after | count |", "|---|---|---|---|"]
        out += [f"| {r} | {b} | {a} | {n} |" for (r, b, a), n in rewrites.most_common()]
    if listing:
        out += ["", "All links (mentions, pages, surface, entity, kind):"]
        for key, n in sorted(links.items(), key=lambda x: (-x[1], x[0])):
            out.append(f"{n}\t{len(on_pages[key])}\t{key[0]}\t{key[1]}\t{key[2]}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="+", default=["un", "countries"])
    parser.add_argument("--synthetic", type=int, default=10_000, help="0 to skip")
    parser.add_argument(
        "--fuzz-limit", type=int, default=300, help="mentions timed for rapidfuzz (slow)"
    )
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="extracted pages")
    parser.add_argument("--list-pages", action="store_true", help="print every link on pages")
    parser.add_argument("--pages-only", action="store_true", help="only the real-text check")
    args = parser.parse_args()
    if not args.pages_only:
        print(run(args.data, args.sets, args.synthetic, args.fuzz_limit))
        print()
    print(pages_report(extracted_pages(args.bench, args.cache), args.list_pages))


if __name__ == "__main__":
    main()
