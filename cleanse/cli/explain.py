"""``cleanse explain FILE``: the edits of one document as a readable coloured diff."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cleanse.cli import EXIT_FAILED, EXIT_OK
from cleanse.cli._common import built_pipeline, load_config, stderr, usage_error
from cleanse.io.batch import clean_one
from cleanse.io.diff import explain_article
from cleanse.io.readers import expand, read_paths
from cleanse.io.rewrite import markdown_left_alone
from cleanse.models import Failure


def register(app: typer.Typer) -> None:
    @app.command("explain")
    def explain(
        file: Annotated[str, typer.Argument(help="A .txt/.md/.html/.jsonl/.json file (or .gz).")],
        record: Annotated[
            int,
            typer.Option(
                "--record",
                min=1,
                help="Which record of a JSONL/JSON file: the Nth, blank lines not counted "
                "(messages name a record by file:line).",
            ),
        ] = 1,
        config_path: Annotated[
            Path | None, typer.Option("--config", help="cleanse.toml or pyproject.toml.")
        ] = None,
    ) -> None:
        """Show every edit of one document, in context, with its step and rule id."""
        paths = list(expand([file]))
        if len(paths) != 1 or isinstance(paths[0], Failure):
            raise usage_error(f"{file}: explain takes one existing file")
        pipeline = built_pipeline(load_config(config_path))
        for index, item in enumerate(read_paths(paths), start=1):
            if index < record:
                continue
            result = clean_one(pipeline, item)
            if isinstance(result, Failure):
                stderr.print(f"[red]failed:[/] {escape(result.message)}", markup=True)
                raise typer.Exit(EXIT_FAILED)
            name = file if isinstance(item, Failure) else item.name
            markdown = not isinstance(item, Failure) and name.lower().endswith(".md")
            left_alone = markdown_left_alone(result) if markdown else set()
            out = Console(highlight=False, soft_wrap=True)
            for block in explain_article(result, name=name, left_alone=left_alone):
                out.print(block)
            raise typer.Exit(EXIT_OK)
        raise usage_error(f"{file} holds fewer than {record} records")
