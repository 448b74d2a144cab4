"""``cleanse clean``: the batch cleaner.

Streams inputs through ``cleanse.io.batch.run_batch`` (or a Dask cluster with
``--dask``), writes records as they come, in input order, and ends with a
summary table on stderr. Exit 0 when every input cleaned, 1 when some failed
(every good record is still written), 2 on usage errors.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.markup import escape

from cleanse.cli import EXIT_FAILED, EXIT_OK
from cleanse.cli._common import built_pipeline, load_config, same_file, stderr, usage_error
from cleanse.io.atomic import atomic_writer, cannot_write
from cleanse.io.batch import run_batch
from cleanse.io.progress import BatchProgress
from cleanse.io.readers import STDIN, ReadProgress, expand, is_stdin, read_paths, total_size
from cleanse.io.summary import Tally
from cleanse.io.writers import OUTPUT_FORMATS, OutputFormat, Writer, renderer
from cleanse.models import Failure

MAX_FAILURES_SHOWN = 20


def register(app: typer.Typer) -> None:
    @app.command("clean")
    def clean(
        inputs: Annotated[
            list[str],
            typer.Argument(
                help="Files, folders (recursive), globs, or '-' (once) for stdin: JSON lines "
                "when it starts with '{', a JSON array when with '[{', else one document; "
                ".gz too."
            ),
        ],
        output: Annotated[
            Path | None,
            typer.Option(
                "-o", "--output", help="Write here instead of stdout (a folder with --dask)."
            ),
        ] = None,
        fmt: Annotated[str, typer.Option("--format", help="jsonl (default), json or text.")] = (
            "jsonl"
        ),
        workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
        config_path: Annotated[
            Path | None, typer.Option("--config", help="cleanse.toml or pyproject.toml.")
        ] = None,
        errors: Annotated[
            Path | None, typer.Option("--errors", help="Write one JSON line per failed input.")
        ] = None,
        dask: Annotated[
            str | None,
            typer.Option(
                "--dask",
                metavar="ADDRESS|local",
                help="Run on a Dask cluster (scheduler address, or 'local' for a LocalCluster "
                "of --workers processes); writes sharded JSONL into the -o folder.",
            ),
        ] = None,
        shard_size: Annotated[
            int,
            typer.Option(
                "--shard-size",
                min=1,
                help="Records per shard with --dask (a shard also closes at 8 MB of input).",
            ),
        ] = 1000,
        quiet: Annotated[
            bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table.")
        ] = False,
    ) -> None:
        """Clean inputs into Article records (JSONL on stdout, or -o)."""
        if fmt not in OUTPUT_FORMATS:
            raise usage_error(f"--format must be jsonl, json or text, not {fmt!r}")
        out_format: OutputFormat = fmt
        if inputs.count(STDIN) > 1:
            raise usage_error("'-' (stdin) is given more than once; it can be read only once")
        paths = list(expand(inputs))
        _refuse_overwriting_inputs(paths, output, errors)
        if dask is not None and output is not None and _holds_inputs(output, paths):
            raise usage_error(f"-o {output} holds inputs; write the shards into another folder")
        if dask is not None and (output is None or out_format != "jsonl"):
            raise usage_error("--dask writes sharded JSONL: give -o FOLDER and --format jsonl")
        if dask is None and output is not None and output.is_dir():
            raise usage_error(f"-o {output} is a folder (only --dask writes into a folder)")
        for flag, target in (("-o", output if dask is None else None), ("--errors", errors)):
            problem = cannot_write(target) if target is not None else None
            if problem is not None:
                raise usage_error(f"{flag} {target}: {problem}")
        config = load_config(config_path)
        # Built now: a broken gazetteer or rules file the config names is one error.
        pipeline = built_pipeline(config)

        reading = ReadProgress(total=total_size(paths))
        items = read_paths(paths, progress=reading)
        tally = Tally()
        progress = BatchProgress(stderr, reading, tally, enabled=not quiet)
        started = time.perf_counter()
        shown = 0
        try:
            with ExitStack() as stack:
                err: IO[bytes] | None = (
                    stack.enter_context(atomic_writer(errors)) if errors is not None else None
                )

                def report(failure: Failure) -> None:
                    nonlocal shown
                    if err is not None:
                        err.write(failure.to_json() + b"\n")
                    if shown < MAX_FAILURES_SHOWN:
                        progress.log(f"[red]failed:[/] {escape(failure.message)}")
                    elif shown == MAX_FAILURES_SHOWN and err is None:
                        progress.log("[red]more failures[/]: use --errors FILE to keep them all")
                    shown += 1

                stack.enter_context(progress)
                if dask is not None:
                    assert output is not None
                    from cleanse.integrations.dask import clean_to_shards

                    for failure in clean_to_shards(
                        dask,
                        items,
                        output,
                        config=config,
                        workers=workers,
                        shard_size=shard_size,
                        tally=tally,
                        on_started=progress.start,
                        on_update=progress.update,
                    ):
                        report(failure)
                else:
                    out: IO[bytes] = (
                        stack.enter_context(atomic_writer(output))
                        if output is not None
                        else sys.stdout.buffer
                    )
                    writer = Writer(out, out_format)
                    for result in run_batch(
                        config,
                        items,
                        render=renderer(out_format),
                        tally=tally,
                        workers=workers,
                        on_started=progress.start,
                        pipeline=pipeline,
                    ):
                        if isinstance(result, Failure):
                            report(result)
                        else:
                            writer.write_rendered(result)
                        progress.update()
                    writer.close()
        except BrokenPipeError:
            # stdout closed early (`cleanse clean ... | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_FAILED) from None
        if not quiet:
            stderr.print(tally.table(seconds=time.perf_counter() - started))
        raise typer.Exit(EXIT_FAILED if tally.failures else EXIT_OK)


def _refuse_overwriting_inputs(
    paths: list[Path | Failure], output: Path | None, errors: Path | None
) -> None:
    """Exit 2 when -o or --errors names an input (or each other)."""
    files = [p for p in paths if isinstance(p, Path) and not is_stdin(p)]
    for flag, target in (("-o", output), ("--errors", errors)):
        if target is None:
            continue
        for path in files:
            if same_file(target, path) or (target.is_dir() and path.resolve() == target.resolve()):
                raise usage_error(f"{flag} {target} is also an input; write somewhere else")
    if output is not None and errors is not None and same_file(output, errors):
        raise usage_error("-o and --errors name the same file")


def _holds_inputs(folder: Path, paths: list[Path | Failure]) -> bool:
    target = folder.resolve()
    return any(
        isinstance(p, Path) and not is_stdin(p) and target in p.resolve().parents for p in paths
    )
