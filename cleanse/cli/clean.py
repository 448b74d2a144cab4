"""``cleanse clean``: the batch cleaner."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from cleanse.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from cleanse.cli._common import load_config, stderr
from cleanse.io.readers import read_inputs
from cleanse.io.writers import OutputFormat, Writer
from cleanse.models import Failure
from cleanse.pipeline import Pipeline


def register(app: typer.Typer) -> None:
    @app.command("clean")
    def clean(
        inputs: Annotated[
            list[str], typer.Argument(help="Files, folders (recursive), globs, or '-' for stdin.")
        ],
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", help="jsonl (default), json or text.")
        ] = "jsonl",
        workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
        config_path: Annotated[
            Path | None, typer.Option("--config", help="cleanse.toml or pyproject.toml.")
        ] = None,
        errors: Annotated[
            Path | None, typer.Option("--errors", help="Write one JSON line per failed input.")
        ] = None,
    ) -> None:
        """Clean inputs into Article records."""
        if fmt not in ("jsonl", "json", "text"):
            stderr.print(f"[red]error:[/] --format must be jsonl, json or text, not {fmt!r}")
            raise typer.Exit(EXIT_USAGE)
        out_format: OutputFormat = fmt  # type: ignore[assignment]
        config = load_config(config_path)
        pipeline = Pipeline(config)
        failures = 0
        with ExitStack() as stack:
            out: BinaryIO = (
                stack.enter_context(output.open("wb")) if output is not None else sys.stdout.buffer
            )
            err: BinaryIO | None = (
                stack.enter_context(errors.open("wb")) if errors is not None else None
            )
            writer = Writer(out, out_format)
            for result in pipeline.clean_many(read_inputs(inputs), workers=workers):
                if isinstance(result, Failure):
                    failures += 1
                    stderr.print(f"[red]failed:[/] {result.message}", markup=True)
                    if err is not None:
                        err.write(result.to_json() + b"\n")
                else:
                    writer.write(result)
            writer.close()
        raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)
