"""``cleanse fix`` killed with SIGKILL at random moments leaves every file old or new.

The run rewrites many text files and one large JSONL file; each trial kills it at
a random point of its measured run time and checks, byte for byte, that every
file is either its original or its fully fixed version (never truncated, never
a mix), and that the only other files left behind are the writer's own
``.NAME.*.tmp`` temporaries.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

_PARAGRAPHS = [
    "The council  met on Tuesday , and voted to extend the harbour wall .",
    "Residents said the works would last untill the spring.",
    "â€œWe are pleased,â€\x9d the mayor said.",
    "Fishermen have asked for compensation for the lost season.",
    "No comments",
    "Share this article",
]
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")


def _article(rng: random.Random) -> str:
    return "\n\n".join(rng.choice(_PARAGRAPHS) for _ in range(rng.randint(3, 12)))


def _make_originals(folder: Path, rng: random.Random) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for index in range(40):
        files[f"a{index:03d}.txt"] = (f"Story {index}\n\n" + _article(rng)).encode()
    lines = (
        orjson.dumps({"id": f"r{n}", "text": _article(rng), "meta": {"n": n}}) for n in range(800)
    )
    files["dump.jsonl"] = b"\n".join(lines) + b"\n"
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _fix(folder: Path, names: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "cleanse", "fix", *names],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_at_random_points_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    rng = random.Random(20261130)
    reference = tmp_path / "reference"
    reference.mkdir()
    originals = _make_originals(reference, rng)
    names = sorted(originals)

    started = time.perf_counter()
    finished = _fix(reference, names)
    assert finished.wait(timeout=600) == 1  # some files changed
    duration = time.perf_counter() - started
    fixed = {name: (reference / name).read_bytes() for name in names}
    assert sum(fixed[n] != originals[n] for n in names) > 30, "the corpus must need fixing"

    outcomes: list[tuple[int, int]] = []
    for trial in range(6):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        for name, data in originals.items():
            (folder / name).write_bytes(data)
        process = _fix(folder, names)
        # odd trials anywhere in the run; even ones early, among the many small files
        time.sleep(rng.uniform(0.2, duration if trial % 2 else duration * 0.3))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)

        new = old = 0
        for name in names:
            now = (folder / name).read_bytes()
            assert now in (originals[name], fixed[name]), f"trial {trial}: {name} is torn"
            if now != originals[name]:
                new += 1
            elif originals[name] != fixed[name]:
                old += 1
        for leftover in {p.name for p in folder.iterdir()} - set(names):
            match = _TEMPORARY.match(leftover)
            assert match and match["name"] in originals, f"trial {trial}: stray {leftover}"
        outcomes.append((old, new))
    # the kills must have landed mid-run, not only before or after all the work
    print(f"fix took {duration:.1f}s; (old, new) after each kill: {outcomes}")
    assert any(old and new for old, new in outcomes), outcomes


def test_a_killed_run_can_be_rerun_to_completion(tmp_path: Path) -> None:
    rng = random.Random(7)
    originals = _make_originals(tmp_path, rng)
    names = sorted(originals)
    process = _fix(tmp_path, names)
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    rerun = _run("fix", tmp_path, names)
    assert rerun.returncode in (0, 1), rerun.stderr
    again = _run("check", tmp_path, names)
    assert again.returncode == 0, again.stdout


def _run(command: str, folder: Path, names: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleanse", command, *names],
        cwd=folder,
        capture_output=True,
        timeout=600,
        check=False,
    )
