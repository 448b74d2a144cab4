"""The published hooks, run by the real ``pre-commit`` tool on a throwaway git repository.

The hook repository is a snapshot of this working tree (tracked and untracked,
not ignored, files) committed into a temporary git repository, so the test sees
uncommitted changes too; pre-commit installs it into its own virtualenv with pip
(one install, about 15 s with a warm package cache).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "cli"
GIT = shutil.which("git")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(GIT is None or not (ROOT / ".git").exists(), reason="needs git"),
]


def git(*args: str, cwd: Path) -> str:
    assert GIT is not None
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        [GIT, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def snapshot_of_this_repo(target: Path) -> str:
    """Copy the working tree into a new git repository; return its commit."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target)


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_check_then_fix_hooks_on_a_dirty_data_repository(tmp_path: Path) -> None:
    hooks, data, home = tmp_path / "hooks", tmp_path / "data", tmp_path / "home"
    hooks.mkdir()
    data.mkdir()
    rev = snapshot_of_this_repo(hooks)
    (data / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n"
        "      - id: cleanse-check\n      - id: cleanse-fix\n",
        encoding="utf-8",
    )
    shutil.copy(DATA / "dirty-article.txt", data / "article.txt")
    (data / "records.jsonl").write_bytes(b'{"id": 1, "text": "Two  spaces ."}\n')
    (data / "table.csv").write_bytes(b"a,  b ,c\n")  # not a cleanse file: untouched
    git("init", "-q", cwd=data)
    git("add", "-A", cwd=data)

    first = pre_commit("run", "--all-files", cwd=data, home=home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "cleanse check" in first.stdout and "cleanse fix" in first.stdout
    assert "would change: article.txt" in first.stdout  # check's diff
    assert "files were modified by this hook" in first.stdout
    fixed = (data / "article.txt").read_text(encoding="utf-8")
    assert fixed.startswith("Harbour Council Approves New Flood Defences After Winter Storms\n\n")
    assert (data / "records.jsonl").read_bytes() == b'{"id": 1, "text": "Two spaces."}\n'
    assert (data / "table.csv").read_bytes() == b"a,  b ,c\n"

    git("add", "-A", cwd=data)
    second = pre_commit("run", "--all-files", cwd=data, home=home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (data / "article.txt").read_text(encoding="utf-8") == fixed
