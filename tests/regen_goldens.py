"""Rewrite the golden files from the current default Config.

    python -m tests.regen_goldens            # rewrite seeds/expected/*.golden
    python -m tests.regen_goldens --cases    # also the expected text of passing golden cases
    python -m tests.regen_goldens --check    # change nothing; exit 1 if anything would change

A golden changes only through a reviewed diff: run this after a step lands,
read ``git diff seeds/expected tests/golden``, and commit the diff with the step.
Cases marked ``"expect": "fail"`` and "must not change" cases (no ``expected``)
are never rewritten: when one of those changes, a test says so and a person decides.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cleanse import Article, Config, Pipeline
from cleanse.io.readers import format_of, read_path
from cleanse.pipeline import Input

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = SEEDS / "expected"
CASES = Path(__file__).resolve().parent / "golden"


# -- seeds ------------------------------------------------------------------------


def seed_files() -> list[Path]:
    """Every input file under seeds/ that ``cleanse clean seeds/`` reads (expected/ excluded)."""
    return sorted(
        p
        for p in SEEDS.rglob("*")
        if p.is_file() and EXPECTED not in p.parents and format_of(p) is not None
    )


def golden_path(seed: Path) -> Path:
    return EXPECTED / f"{seed.name}.golden"


def render(article: Article) -> str:
    """The golden form of a record: pretty JSON of model_dump(mode='json'), sorted keys."""
    dumped = article.model_dump(mode="json")
    return json.dumps(dumped, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def clean_seed(seed: Path, pipeline: Pipeline | None = None) -> Article:
    """Clean one seed file exactly as ``cleanse clean seeds/`` reads it (bytes, kind by suffix)."""
    pipeline = pipeline if pipeline is not None else Pipeline(Config())
    (item,) = list(read_path(seed))
    assert isinstance(item, Input), item
    return pipeline.clean_input(item)


# -- golden cases -----------------------------------------------------------------


def case_files() -> list[Path]:
    return sorted((CASES).glob("*.json"))


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return cases


def iter_cases() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in case_files():
        for case in load_cases(path):
            yield path, case


def case_config(case: dict[str, Any]) -> Config:
    steps = case.get("steps")
    return Config() if steps is None else Config(steps=tuple(steps))


def run_case(case: dict[str, Any], pipeline: Pipeline | None = None) -> Article:
    pipeline = pipeline if pipeline is not None else Pipeline(case_config(case))
    return pipeline.clean(
        case["input"], kind=case.get("kind", "text"), url=case.get("url"), name=case["label"]
    )


def _write_cases(path: Path, cases: list[dict[str, Any]]) -> None:
    path.write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# -- command ----------------------------------------------------------------------


def regenerate(*, cases: bool, check: bool) -> list[str]:
    """Rewrite what changed (unless ``check``); return the names of changed files."""
    changed: list[str] = []
    pipeline = Pipeline(Config())
    for seed in seed_files():
        target = golden_path(seed)
        new = render(clean_seed(seed, pipeline))
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if new != old:
            changed.append(str(target.relative_to(ROOT)))
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(new, encoding="utf-8")
    if not cases:
        return changed
    for path in case_files():
        data = load_cases(path)
        dirty = False
        for case in data:
            if case.get("expect", "pass") != "pass" or "expected" not in case:
                continue
            article = run_case(case)
            updates: dict[str, Any] = {"expected": article.text}
            if "title" in case:
                updates["title"] = article.title
            if "rules" in case:
                updates["rules"] = sorted({e.rule for e in article.edits})
            if any(case[k] != v for k, v in updates.items()):
                case.update(updates)
                dirty = True
                print(f"  {path.name}: {case['label']}", file=sys.stderr)
        if dirty:
            changed.append(str(path.relative_to(ROOT)))
            if not check:
                _write_cases(path, data)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.regen_goldens", description=__doc__)
    parser.add_argument("--cases", action="store_true", help="also rewrite golden case texts")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on changes")
    args = parser.parse_args(argv)
    changed = regenerate(cases=args.cases, check=args.check)
    verb = "would change" if args.check else "rewritten"
    for name in changed:
        print(f"{verb}: {name}")
    if not changed:
        print("goldens up to date")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
