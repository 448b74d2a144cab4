"""Extraction benchmark: trafilatura configurations vs cleanse, side by side.

Runs every system on both extraction sets in one run and prints a markdown
table of the scrapinghub shingle metric (4-gram and single tokens), split
into the development half (ids whose sha256 starts with an even byte), the
held-out half and the whole set, plus WCXB ``with``/``without`` snippet pass
rates. The text is compared WITHOUT the title (the truth body has none).

    python benchmarks/extraction.py [--data ../shared/bench/extraction] [--workers 2]
        [--cache DIR] [--reuse-extract] [--truth-check] [--show-removed]

"cleanse full" is the pipeline the project ships: extract with
``favor_precision=False, include_comments=False``, then repair, whitespace and
boilerplate (passed explicitly through ``Config``).

``--cache DIR`` keeps trafilatura's outputs (keyed by its version) so later
runs only redo cleanse. ``--reuse-extract`` (development only; needs
``--cache``) also caches cleanse's extract+repair+whitespace text per page,
keyed by the source of those steps, and runs only the boilerplate step on it,
in-process: a rule change is measured in seconds. The final table must come
from a run without it (the real pipeline on the HTML).
``--truth-check`` runs the truth bodies through the boilerplate step as plain
text and reports the share of lines it removes (``--show-removed`` lists them).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shingles import Score, average, precision_recall

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "extraction"
SETS = ("scrapinghub", "wcxb-dev")
TRAF = {
    "trafilatura default": {},
    "trafilatura include_comments=False": {"include_comments": False},
    "trafilatura favor_precision, no comments": {
        "include_comments": False,
        "favor_precision": True,
    },
}
EXTRACT_ONLY = "cleanse extract only"
FULL = "cleanse full"
FULL_FP = "cleanse full, favor_precision=True"
# cleanse systems: name -> (extract.favor_precision, boilerplate step?)
CLEANSE: dict[str, tuple[bool, bool]] = {
    EXTRACT_ONLY: (False, False),
    FULL: (False, True),
    FULL_FP: (True, True),
}
SYSTEMS = (*TRAF, *CLEANSE)
EXTRACT_STEPS = ("decode", "extract", "repair", "whitespace")
FULL_STEPS = (*EXTRACT_STEPS, "boilerplate")
# Sources whose change invalidates the --reuse-extract cache.
EXTRACT_SOURCES = (
    "cleanse/steps/decode.py",
    "cleanse/steps/extract.py",
    "cleanse/steps/repair.py",
    "cleanse/steps/whitespace.py",
    "cleanse/pipeline.py",
    "cleanse/document.py",
)
_SPACE = re.compile(r"\s+")


def is_dev(doc_id: str) -> bool:
    return hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0


def _config(favor_precision: bool, steps: tuple[str, ...]) -> Any:
    from cleanse import Config
    from cleanse.steps.extract import ExtractOptions

    extract = ExtractOptions(favor_precision=favor_precision, include_comments=False)
    return Config(steps=steps, extract=extract)


# -- workers ---------------------------------------------------------------------------

_PIPES: dict[tuple[bool, bool], Any] = {}


def _pipeline(favor_precision: bool, full: bool) -> Any:
    key = (favor_precision, full)
    if key not in _PIPES:
        from cleanse import Pipeline

        _PIPES[key] = Pipeline(_config(favor_precision, FULL_STEPS if full else EXTRACT_STEPS))
    return _PIPES[key]


# (set, id, path, url, wanted systems); a wanted "extract:<fp>" is the extract-only
# pipeline's output with the context the boilerplate step would see (--reuse-extract).
Task = tuple[str, str, str, str | None, tuple[str, ...]]


def run_page(task: Task) -> tuple[str, str, dict[str, Any]]:
    set_name, doc_id, path, url, wanted = task
    from trafilatura import extract

    html = gzip.decompress(Path(path).read_bytes()).decode("utf-8", "replace")
    out: dict[str, Any] = {}
    for system in wanted:
        if system in TRAF:
            out[system] = extract(html, url=url, **TRAF[system]) or ""
        elif system.startswith("extract:"):
            out[system] = _clean(_pipeline(system == "extract:True", False), html, url)
        else:
            favor_precision, full = CLEANSE[system]
            out[system] = _clean(_pipeline(favor_precision, full), html, url)
    return set_name, doc_id, out


def _clean(pipeline: Any, html: str, url: str | None) -> dict[str, Any]:
    from cleanse import CleanseError

    try:
        art = pipeline.clean(html, url=url, kind="html")
    except CleanseError:
        return {"text": "", "title": None, "url": url, "site": None, "authors": []}
    return {
        "text": art.text,
        "title": art.title,
        "url": art.url,
        "site": art.site,
        "language": art.language,
        "authors": art.authors,
        "sources": art.sources,
    }


def boilerplate_on(extracted: dict[str, Any], step: Any) -> dict[str, Any]:
    """The boilerplate step on a cached extract+repair+whitespace output (as in the pipeline)."""
    from cleanse.document import Document
    from cleanse.steps import StepContext

    text = extracted["text"]
    if not text:
        return extracted
    ctx = StepContext(
        kind="html",
        url=extracted.get("url"),
        site=extracted.get("site"),
        title=extracted.get("title"),
        language=extracted.get("language"),
        authors=tuple(extracted.get("authors") or ()),
    )
    result = step(text, ctx)
    doc = Document(text)
    doc.apply("boilerplate", result.edits)
    return {**extracted, "text": doc.text, "sources": result.sources}


# -- scoring -----------------------------------------------------------------------------


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s).strip().lower()


def snippet_pass(text: str, truth: dict[str, Any]) -> tuple[bool | None, bool | None]:
    norm = _norm(text)
    with_ = [_norm(s) for s in truth.get("with") or [] if s.strip()]
    without = [_norm(s) for s in truth.get("without") or [] if s.strip()]
    ok_with = all(s in norm for s in with_) if with_ else None
    ok_without = not any(s in norm for s in without) if without else None
    return ok_with, ok_without


def _rate(values: list[bool | None]) -> str:
    vals = [v for v in values if v is not None]
    return f"{sum(vals) / len(vals):.3f}" if vals else "–"


def table(
    truths: dict[str, dict[str, Any]], outputs: dict[str, dict[str, dict[str, str]]]
) -> list[str]:
    head = (
        "| set | split | system | P | R | F1 | P (1-tok) | R (1-tok) | F1 (1-tok)"
        " | with pass | without pass |"
    )
    rows = [head, "|" + "---|" * 11]
    for set_name in SETS:
        if set_name not in truths:
            continue
        truth = truths[set_name]
        scores = {
            (system, n): {
                i: precision_recall(outputs[set_name][system][i], truth[i]["body"], n)
                for i in truth
            }
            for system in SYSTEMS
            for n in (4, 1)
        }
        for split in ("dev", "held-out", "all"):
            ids = [i for i in sorted(truth) if split == "all" or (is_dev(i) == (split == "dev"))]
            for system in SYSTEMS:
                texts = outputs[set_name][system]
                s4 = average(scores[system, 4][i] for i in ids)
                s1 = average(scores[system, 1][i] for i in ids)
                passes = [snippet_pass(texts[i], truth[i]) for i in ids]
                rows.append(
                    f"| {set_name} ({len(ids)}) | {split} | {system} | {_fmt(s4)} | {_fmt(s1)}"
                    f" | {_rate([w for w, _ in passes])} | {_rate([w for _, w in passes])} |"
                )
    return rows


def _fmt(s: Score) -> str:
    return f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f}"


# -- truth check ---------------------------------------------------------------------------


def truth_check(truths: dict[str, dict[str, dict[str, Any]]], show: bool) -> list[str]:
    """Run truth bodies (plain text) through the boilerplate step; count removed lines."""
    from cleanse import Config, Pipeline
    from cleanse.pipeline import _site
    from cleanse.steps import StepContext
    from cleanse.steps.boilerplate import build

    prepare = Pipeline(Config(steps=("repair", "whitespace")))
    step = build(_config(False, FULL_STEPS))
    out = [
        "| set | lines | lines removed | share | trailing fragments removed |",
        "|---|---|---|---|---|",
    ]
    removed_lines: list[str] = []
    for set_name, truth in truths.items():
        total = removed = fragments = 0
        for doc_id in sorted(truth):
            item = truth[doc_id]
            body = item["body"] or ""
            if not body.strip():
                continue
            text = prepare.clean(body, kind="text", title=item.get("title") or "").text
            lines = [ln for ln in text.split("\n") if ln.strip()]
            total += len(lines)
            url = item.get("url")
            ctx = StepContext(
                kind="text", url=url, site=_site(url), title=item.get("title") or None
            )
            for edit in step(text, ctx).edits:
                if edit.rule == "credit.trailing":  # a fragment of a line, not a line
                    fragments += 1
                    frag = text[edit.start : edit.end].strip()
                    removed_lines.append(f"{set_name}\t{doc_id}\t{edit.rule}\t(fragment) {frag}")
                    continue
                gone = [ln for ln in text[edit.start : edit.end].split("\n") if ln.strip()]
                removed += len(gone)
                for ln in gone:
                    removed_lines.append(f"{set_name}\t{doc_id}\t{edit.rule}\t{ln[:160]}")
        share = removed / total if total else 0.0
        out.append(f"| {set_name} | {total} | {removed} | {share:.3%} | {fragments} |")
    if show:
        out.append("")
        out.extend(f"    {ln}" for ln in removed_lines)
    return out


# -- main ----------------------------------------------------------------------------------


def load_truths(data: Path, sets: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    truths: dict[str, dict[str, dict[str, Any]]] = {}
    for set_name in sets:
        raw = json.loads((data / set_name / "truth.json").read_text(encoding="utf-8"))
        for item in raw.values():
            for key in ("with", "without"):
                if isinstance(item.get(key), str):  # stored as a Python-literal string
                    import ast

                    item[key] = ast.literal_eval(item[key]) if item[key].strip() else []
        truths[set_name] = raw
    return truths


def _extract_cache_key(trafilatura_version: str) -> str:
    h = hashlib.sha256(trafilatura_version.encode())
    for rel in EXTRACT_SOURCES:
        path = ROOT / rel
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--reuse-extract", action="store_true")
    ap.add_argument("--truth-check", action="store_true")
    ap.add_argument("--show-removed", action="store_true")
    ap.add_argument("--dump", type=Path, default=None, help="write every output to this JSON")
    args = ap.parse_args(argv)
    if args.reuse_extract and args.cache is None:
        ap.error("--reuse-extract needs --cache DIR")

    import trafilatura

    truths = load_truths(args.data, args.sets)
    cache: dict[str, Any] = {}
    cache_file = extract_file = None
    extract_cache: dict[str, Any] = {}
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
        cache_file = args.cache / f"extraction-trafilatura-{trafilatura.__version__}.json"
        if cache_file.is_file():
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
        if args.reuse_extract:
            key = _extract_cache_key(trafilatura.__version__)
            extract_file = args.cache / f"extraction-cleanse-extract-{key}.json"
            if extract_file.is_file():
                extract_cache = json.loads(extract_file.read_text(encoding="utf-8"))

    outputs: dict[str, dict[str, dict[str, Any]]] = {
        s: {system: {} for system in SYSTEMS} for s in truths
    }
    bases = sorted({f"extract:{fp}" for fp, _ in CLEANSE.values()})
    tasks: list[Task] = []
    for set_name, truth in truths.items():
        for doc_id in sorted(truth):
            wanted: list[str] = []
            for system in TRAF:
                key = f"{set_name}\t{system}\t{doc_id}"
                if key in cache:
                    outputs[set_name][system][doc_id] = cache[key]
                else:
                    wanted.append(system)
            if args.reuse_extract:
                wanted += [b for b in bases if f"{set_name}\t{b}\t{doc_id}" not in extract_cache]
            else:
                wanted += list(CLEANSE)
            if wanted:
                path = str(args.data / set_name / "html" / f"{doc_id}.html.gz")
                tasks.append((set_name, doc_id, path, truth[doc_id].get("url"), tuple(wanted)))
    start = time.perf_counter()
    if tasks:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.workers) as pool:
            for set_name, doc_id, out in pool.imap_unordered(run_page, tasks, chunksize=4):
                for system, value in out.items():
                    key = f"{set_name}\t{system}\t{doc_id}"
                    if system.startswith("extract:"):
                        extract_cache[key] = value
                    else:
                        outputs[set_name][system][doc_id] = value
                        if system in TRAF:
                            cache[key] = value
        if cache_file is not None:
            cache_file.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
        if extract_file is not None:
            extract_file.write_text(json.dumps(extract_cache, sort_keys=True), encoding="utf-8")
    if args.reuse_extract:
        from cleanse.steps.boilerplate import build

        step = build(_config(False, FULL_STEPS))
        for set_name, truth in truths.items():
            for doc_id in truth:
                for system, (fp, full) in CLEANSE.items():
                    base = extract_cache[f"{set_name}\textract:{fp}\t{doc_id}"]
                    outputs[set_name][system][doc_id] = boilerplate_on(base, step) if full else base
    elapsed = time.perf_counter() - start

    texts = {
        s: {
            system: {
                i: (v["text"] if isinstance(v, dict) else v) for i, v in outputs[s][system].items()
            }
            for system in SYSTEMS
        }
        for s in outputs
    }
    if args.dump is not None:
        args.dump.write_text(json.dumps(texts, sort_keys=True), encoding="utf-8")
    mode = "REUSED extraction (development only)" if args.reuse_extract else "real pipeline"
    print(
        f"trafilatura {trafilatura.__version__}; {args.workers} workers; {mode}; {elapsed:.0f} s\n"
    )
    print("\n".join(table(truths, texts)))
    if args.truth_check:
        print("\nBoilerplate step on the truth bodies (plain text):\n")
        print("\n".join(truth_check(truths, args.show_removed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
