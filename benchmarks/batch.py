"""Throughput and peak memory of ``cleanse clean``: --workers 1 vs 2, and a Dask LocalCluster.

Inputs: the extraction sets' pages (``<bench>/extraction/*/html/*.html.gz``) and
generated plain-text JSONL corpora of the given sizes (written to --tmp, never
to the repository). Each run is a fresh ``python -m cleanse clean ... -o FILE``
subprocess; peak RSS is the largest of its processes (parent or worker), read
from ``RUSAGE_CHILDREN`` of a wrapper process. Prints a markdown table.

    python benchmarks/batch.py                          # pages + 10 MB corpus
    python benchmarks/batch.py --sizes 10 --dask        # RESULTS-batch.md: pages, 10 MB
    python benchmarks/batch.py --sizes 1000 --no-pages --workers 2    # ... and the 1 GB row
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime + use.ru_stime)\n"
    "sys.exit(code)\n"
)
_VOCABULARY = (
    "the council voted on Tuesday to build a new sea wall along eastern quay after three "
    "storms flooded old town this winter engineers said would be finished in two years "
    "residents welcomed plan though some asked who pay for it officials government minister "
    "report people city river bridge library school hospital market police court election"
)
WORDS = _VOCABULARY.split()
DIRT = ["  ", " ,", " .", "\u00e2\u20ac\u2122", "\t", "   "]


@dataclass
class Run:
    label: str
    workers: str
    seconds: float
    cpu: float
    docs: int
    megabytes: float
    peak_mb: float

    def row(self, base: Run | None) -> str:
        if base is not None:
            speedup = f"{base.seconds / self.seconds:.2f}x"
        else:  # the baseline row itself, or no --workers 1 run to compare with
            speedup = "1.00x" if self.workers == "1" else "n/a"
        return (
            f"| {self.label} | {self.workers} | {self.docs:,} | {self.megabytes:,.1f} | "
            f"{self.seconds:.1f} | {self.docs / self.seconds:,.1f} | "
            f"{self.megabytes / self.seconds:.2f} | {speedup} | {self.cpu:.1f} | "
            f"{self.peak_mb:,.0f} |"
        )


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 5)):
        words = rng.choices(WORDS, k=rng.randint(8, 20))
        words[0] = words[0].capitalize()
        sentence = " ".join(words)
        if rng.random() < 0.3:
            pos = rng.randrange(len(sentence))
            sentence = sentence[:pos] + rng.choice(DIRT) + sentence[pos:]
        sentences.append(sentence + ("." if rng.random() < 0.9 else " ."))
    return " ".join(sentences) + ("   " if rng.random() < 0.2 else "")


def generate(path: Path, megabytes: int, seed: int = 7) -> int:
    """A JSONL corpus of about ``megabytes`` MB of ~4 kB articles; returns the record count."""
    rng = random.Random(seed)
    target = megabytes * 1_000_000
    written = count = 0
    with path.open("wb") as out:
        while written < target:
            paras = [paragraph(rng) for _ in range(rng.randint(4, 10))]
            title = " ".join(w.capitalize() for w in rng.choices(WORDS, k=6))
            text = title + "\n\n" + ("\n\n\n" if rng.random() < 0.2 else "\n\n").join(paras)
            line = orjson.dumps({"id": f"doc{count}", "text": text}) + b"\n"
            out.write(line)
            written += len(line)
            count += 1
    return count


def run(label: str, inputs: list[str], out: Path, docs: int, mb: float, *extra: str) -> Run:
    if out.is_dir():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "cleanse", "clean", *inputs, "-o", str(out), "-q", *extra]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAP, *cmd], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    peak_kb, cpu = done.stdout.strip().splitlines()[-1].split()
    workers = extra[extra.index("--workers") + 1] if "--workers" in extra else "1"
    if "--dask" in extra:
        workers = f"dask local, {workers} procs"
    return Run(label, workers, seconds, float(cpu), docs, mb, int(peak_kb) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp/cleanse-batch-bench"))
    parser.add_argument("--sizes", type=int, nargs="*", default=[10], help="corpus sizes, MB")
    parser.add_argument("--dask", action="store_true", help="also run on a Dask LocalCluster")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument(
        "--workers", type=int, nargs="*", default=[1, 2], help="worker counts to run (default 1 2)"
    )
    args = parser.parse_args()
    args.tmp.mkdir(parents=True, exist_ok=True)

    sets: list[tuple[str, list[str], int, float]] = []
    if not args.no_pages:
        pages = sorted(args.bench.glob("extraction/*/html/*.html.gz"))
        mb = sum(p.stat().st_size for p in pages) / 1e6
        sets.append((f"extraction pages (.html.gz, {mb:.0f} MB gz)", [str(p.parent) for p in
                     {p.parent: None for p in pages}], len(pages), mb))  # fmt: skip
    for size in args.sizes:
        corpus = args.tmp / f"corpus-{size}mb.jsonl"
        if not corpus.exists():
            generate(corpus, size)
        count = sum(1 for _ in corpus.open("rb"))
        sets.append(
            (f"plain-text JSONL {size} MB", [str(corpus)], count, corpus.stat().st_size / 1e6)
        )

    print(
        "| input | workers | docs | MB in | wall s | docs/s | MB/s | speed-up | CPU s (all procs)"
        " | peak RSS MB (largest proc) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, inputs, docs, mb in sets:
        out = args.tmp / "out.jsonl"
        one: Run | None = None
        for count in args.workers:
            done = run(label, inputs, out, docs, mb, "--workers", str(count))
            print(done.row(one), flush=True)
            one = one or done
        if args.dask:
            shards = args.tmp / "shards"
            dask_run = run(label, inputs, shards, docs, mb, "--dask", "local", "--workers", "2")
            print(dask_run.row(one), flush=True)
        out.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
