"""Speed: cleanse next to ftfy and trafilatura, measured side by side in one run.

Plain text: the truth bodies of the extraction sets (real article text) and the
same bodies with mojibake injected into some lines; MB per CPU-second of
``ftfy.fix_text`` alone (its defaults, and the conservative config cleanse
uses), of cleanse's repair step alone, and of the full plain-text pipeline
(``Pipeline.clean`` + record validation + ``Article.to_json()``).
HTML: the extraction sets' pages; documents per CPU-second of
``trafilatura.extract`` alone vs the full HTML pipeline from bytes to JSON.
Systems alternate within each round; the best round counts.

    python benchmarks/speed.py [--data ../shared/bench/extraction] [--steps all|default|a,b,c]
        [--config cleanse.toml] [--rounds 3] [--pages N] [--profile DIR]

``--steps all`` runs every step whose module has a ``build`` already.
``--profile DIR`` also writes pyinstrument text profiles of both pipelines there.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "extraction"
SETS = ("scrapinghub", "wcxb-dev")

import ftfy  # noqa: E402

from cleanse import Article, Config, Input, Pipeline  # noqa: E402
from cleanse.document import Document  # noqa: E402
from cleanse.steps import ALL_STEPS, TEXT_STEPS, StepContext  # noqa: E402
from cleanse.steps.repair import Repair, ftfy_config  # noqa: E402


def usable_steps() -> tuple[Any, ...]:
    """All steps whose module defines ``build`` (the others are still being written)."""
    built = [
        s for s in TEXT_STEPS if hasattr(importlib.import_module(f"cleanse.steps.{s}"), "build")
    ]
    return (*(s for s in ALL_STEPS if s not in TEXT_STEPS), *built)


def make_config(steps: str, path: Path | None) -> Config:
    base = Config.load(path) if path else Config()
    if steps == "default":
        return base
    chosen = usable_steps() if steps == "all" else tuple(s.strip() for s in steps.split(","))
    return base.updated(steps=chosen)


def load(data: Path, pages_limit: int | None) -> tuple[list[str], list[bytes]]:
    bodies: list[str] = []
    pages: list[bytes] = []
    for name in SETS:
        truth = json.loads((data / name / "truth.json").read_text(encoding="utf-8"))
        bodies += [v["body"] for v in truth.values() if v.get("body")]
        for path in sorted((data / name / "html").glob("*.html.gz")):
            pages.append(gzip.decompress(path.read_bytes()))
    return bodies, pages[:pages_limit] if pages_limit else pages


_MOJIBAKE_ENCODINGS = ("cp1252", "latin-1", "mac_roman", "cp437", "cp1251")


def inject_mojibake(bodies: list[str], seed: int = 7, share: float = 0.1) -> list[str]:
    """Re-decode about ``share`` of the lines (and some single words) in a wrong encoding."""
    rng = random.Random(seed)
    out = []
    for body in bodies:
        lines = body.split("\n")
        for i, line in enumerate(lines):
            r = rng.random()
            enc = rng.choice(_MOJIBAKE_ENCODINGS)
            if r < share:
                lines[i] = line.encode("utf-8").decode(enc, errors="replace")
            elif r < share * 2:
                words = line.split(" ")
                j = rng.randrange(len(words))
                words[j] = (words[j] + "’s").encode("utf-8").decode(enc, errors="replace")
                lines[i] = " ".join(words)
        out.append("\n".join(lines))
    return out


def cpu(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def ftfy_lines(text: str, config: ftfy.TextFixerConfig) -> str:
    """ftfy applied line by line, as the repair step promises (with its two deliberate
    differences: a vertical tab is a line break, a C1 control ftfy leaves is dropped)."""
    lines = text.replace("\v", "\n").split("\n")
    out = []
    for i, line in enumerate(lines):
        if i < len(lines) - 1:
            fixed = ftfy.fix_text(line + "\n", config)
            out.append(fixed[:-1] if fixed.endswith("\n") else ftfy.fix_text(line, config))
        else:
            out.append(ftfy.fix_text(line, config))
    return re.sub("[\x80-\x9f]", "", "\n".join(out))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--steps", default="all")
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()

    config = make_config(args.steps, args.config)
    pipeline = Pipeline(config)
    text_pipeline = Pipeline(config)
    bodies, pages = load(args.data, args.pages)
    broken = inject_mojibake(bodies)
    conservative = ftfy_config(config.repair)
    repair = Repair(config.repair)
    ctx = StepContext(kind="text")
    import trafilatura

    # Warm up: build steps, import trafilatura's lazy parts.
    pipeline.clean(pages[0], kind="html").to_json()
    text_pipeline.clean(bodies[0], kind="text").to_json()
    trafilatura.extract(pages[0])

    def repair_only(texts: list[str]) -> None:
        for t in texts:
            doc = Document(t)
            doc.apply("repair", repair(t, ctx).edits)

    def full_text(texts: list[str]) -> None:
        for t in texts:
            text_pipeline.clean(t, kind="text").to_json()

    text_systems: dict[str, Callable[[list[str]], object]] = {
        "ftfy.fix_text (defaults)": lambda ts: [ftfy.fix_text(t) for t in ts],
        "ftfy.fix_text (cleanse's config)": lambda ts: [ftfy.fix_text(t, conservative) for t in ts],
        "cleanse repair step alone": repair_only,
        "cleanse full plain-text pipeline + JSON": full_text,
    }
    html_systems: dict[str, Callable[[], object]] = {
        "trafilatura.extract (defaults)": lambda: [trafilatura.extract(p) for p in pages],
        # clean_many: a page with no article text is a Failure record, as in a real batch
        # (trafilatura.extract returns None for it)
        "cleanse full HTML pipeline + JSON": lambda: [
            r.to_json() if isinstance(r, Article) else r.message
            for r in pipeline.clean_many(Input(p, kind="html") for p in pages)
        ],
    }
    corpora = {"article text": bodies, "article text + mojibake": broken}
    best: dict[tuple[str, str], float] = {}
    for round_no in range(args.rounds):
        for corpus, texts in corpora.items():
            for name, fn in text_systems.items():
                t = cpu(lambda fn=fn, texts=texts: fn(texts))  # type: ignore[misc]
                key = (corpus, name)
                best[key] = min(best.get(key, t), t)
        for name, html_fn in html_systems.items():
            t = cpu(html_fn)
            best[("pages", name)] = min(best.get(("pages", name), t), t)
        print(f"round {round_no + 1}/{args.rounds} done", file=sys.stderr)

    # Correctness of the fast path on the injected corpus: same result as ftfy per line.
    mismatches = 0
    for t in broken:
        doc = Document(t)
        doc.apply("repair", repair(t, ctx).edits)
        mismatches += doc.text != ftfy_lines(t, conservative)

    print(f"steps: {', '.join(config.steps)}; rounds: {args.rounds} (best kept)\n")
    print(
        "| corpus | system | MB | CPU s | MB per CPU-s | vs ftfy defaults | vs ftfy same config |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for corpus, texts in corpora.items():
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        base = mb / best[(corpus, "ftfy.fix_text (defaults)")]
        same = mb / best[(corpus, "ftfy.fix_text (cleanse's config)")]
        for name in text_systems:
            rate = mb / best[(corpus, name)]
            print(
                f"| {corpus} | {name} | {mb:.1f} | {best[(corpus, name)]:.2f} | {rate:.2f} | "
                f"{rate / base:.2f}x | {rate / same:.2f}x |"
            )
    print()
    print("| corpus | system | pages | CPU s | pages per CPU-s | vs trafilatura |")
    print("|---|---|---:|---:|---:|---:|")
    base_html = len(pages) / best[("pages", "trafilatura.extract (defaults)")]
    for name in html_systems:
        rate = len(pages) / best[("pages", name)]
        print(
            f"| extraction pages | {name} | {len(pages)} | {best[('pages', name)]:.2f} | "
            f"{rate:.1f} | {rate / base_html:.2f}x |"
        )
    print(
        f"\nfast path vs ftfy line by line on the mojibake corpus: "
        f"{len(broken) - mismatches}/{len(broken)} documents identical"
    )

    if args.profile:
        from pyinstrument import Profiler

        args.profile.mkdir(parents=True, exist_ok=True)
        for label, fn in (
            ("plain-text", lambda: full_text(broken)),
            ("html", html_systems["cleanse full HTML pipeline + JSON"]),
        ):
            profiler = Profiler(interval=0.0005)
            profiler.start()
            fn()
            profiler.stop()
            out = args.profile / f"profile-{label}.txt"
            out.write_text(profiler.output_text(unicode=False, color=False), encoding="utf-8")
            print(f"profile written: {out}", file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
