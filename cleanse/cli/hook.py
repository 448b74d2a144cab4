"""``cleanse check`` and ``cleanse fix``: the pre-commit data hooks.

``check FILE...`` prints a short diff of each file that cleaning would change
and exits 1 if any would; ``fix FILE...`` rewrites those files in place,
atomically (their mode kept), and exits 1 if it changed any, so pre-commit
reports it. ``.txt``/``.md`` files are cleaned as text, ``.jsonl`` files record
by record (the ``text`` field); other files are named and skipped. A file that
cannot be cleaned is reported and left alone, and also makes the exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cleanse.cli import EXIT_FAILED, EXIT_OK
from cleanse.cli._common import built_pipeline, load_config, stderr
from cleanse.io.atomic import atomic_writer
from cleanse.io.diff import unified_diff
from cleanse.io.rewrite import FileOutcome, rewrite_file, supported
from cleanse.pipeline import Pipeline

MAX_CHANGES_SHOWN = 5

Files = Annotated[list[Path], typer.Argument(help=".txt, .md or .jsonl files.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="cleanse.toml or pyproject.toml.")
]


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check(files: Files, config_path: ConfigOption = None) -> None:
        """Exit 1 and show a short diff for each file cleaning would change."""
        files = _supported(files)
        pipeline = _pipeline(config_path)
        out = Console(highlight=False, soft_wrap=True)
        status = EXIT_OK
        for path in files:
            outcome = rewrite_file(pipeline, path)
            status |= _report(outcome, out, verb="would change")
        raise typer.Exit(status)

    @app.command("fix")
    def fix(files: Files, config_path: ConfigOption = None) -> None:
        """Clean files in place (atomically); exit 1 if any changed."""
        files = _supported(files)
        pipeline = _pipeline(config_path)
        out = Console(highlight=False, soft_wrap=True)
        status = EXIT_OK
        for path in files:
            outcome = rewrite_file(pipeline, path)
            if outcome.changed and not outcome.errors:
                with atomic_writer(path) as sink:
                    outcome = rewrite_file(pipeline, path, sink)
            elif outcome.changed and path.suffix.lower() == ".jsonl":
                # fix the good records; the bad lines stay as they are
                with atomic_writer(path) as sink:
                    outcome = rewrite_file(pipeline, path, sink)
            status |= _report(outcome, out, verb="fixed", show_diff=False)
        raise typer.Exit(status)


def _supported(files: list[Path]) -> list[Path]:
    """The files check/fix read; the others are named and skipped. A hook narrowed with
    ``files: ^data/`` in a user's pre-commit config is handed every file there (the
    user's pattern replaces the hook's own), and a CSV beside the text files must not
    stop the text files from being checked."""
    kept = []
    for path in files:
        if supported(path):
            kept.append(path)
        else:
            stderr.print(f"skipped: {escape(str(path))} (check/fix read .txt, .md and .jsonl)")
    return kept


def _pipeline(config_path: Path | None) -> Pipeline:
    return built_pipeline(load_config(config_path))


def _report(outcome: FileOutcome, out: Console, *, verb: str, show_diff: bool = True) -> int:
    for error in outcome.errors:
        stderr.print(f"[red]error:[/] {escape(error)}", markup=True)
    if outcome.changed:
        out.print(f"[bold]{verb}:[/] {escape(str(outcome.path))}", markup=True)
        if show_diff:
            for change in outcome.changes[:MAX_CHANGES_SHOWN]:
                if change.note:
                    out.print(f"  {escape(change.where)}: {escape(change.note)}", markup=True)
                else:
                    out.print(unified_diff(change.before, change.after, label=change.where))
            if len(outcome.changes) > MAX_CHANGES_SHOWN:
                more = len(outcome.changes) - MAX_CHANGES_SHOWN
                out.print(f"  … and {more} more changed records", style="dim")
    sys.stdout.flush()
    return EXIT_FAILED if outcome.changed or outcome.errors else EXIT_OK
