"""``cleanse learn``: learn per-site boilerplate lines from a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleanse.boilerplate.learned import Learner, LearnParams, dump_rules
from cleanse.cli import EXIT_FAILED, EXIT_OK
from cleanse.cli._common import built_pipeline, load_config, stderr, usage_error
from cleanse.errors import reason
from cleanse.io.atomic import cannot_write, replace_bytes
from cleanse.io.readers import read_inputs
from cleanse.models import Failure


def register(app: typer.Typer) -> None:
    @app.command("learn")
    def learn(
        corpus: Annotated[
            list[str], typer.Argument(help="Files, folders, globs or JSONL dumps (with 'url').")
        ],
        output: Annotated[Path, typer.Option("-o", "--output", help="Rules file to write.")],
        min_docs: Annotated[
            int, typer.Option("--min-docs", min=2, help="A line must occur in this many docs.")
        ] = 3,
        min_share: Annotated[
            float,
            typer.Option("--min-share", min=0.0, max=1.0, help="...and in this share of them."),
        ] = 0.3,
        max_words: Annotated[
            int, typer.Option("--max-words", min=1, help="Longer lines are never learned.")
        ] = 60,
        workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
        config_path: Annotated[
            Path | None, typer.Option("--config", help="cleanse.toml or pyproject.toml.")
        ] = None,
    ) -> None:
        """Find lines that repeat across documents of the same site; write a rules file.

        Documents are extracted and normalised as `clean` does (without the
        boilerplate step); only documents with a url (a site) count.
        """
        problem = cannot_write(output)  # refused now, not after reading the whole corpus
        if problem is not None:
            raise usage_error(f"-o {output}: {problem}")
        config = load_config(config_path)
        steps = tuple(
            s for s in config.ordered_steps() if s not in ("boilerplate", "typos", "names")
        )
        pipeline = built_pipeline(config.updated(steps=steps))
        learner = Learner(LearnParams(min_docs=min_docs, min_share=min_share, max_words=max_words))
        failures = skipped = 0
        for result in pipeline.clean_many(read_inputs(corpus), workers=workers):
            if isinstance(result, Failure):
                failures += 1
                stderr.print(f"[red]failed:[/] {result.message}")
            elif result.site is None:
                skipped += 1
            else:
                learner.add(result.site, result.text)
        rules = learner.rules()
        try:
            replace_bytes(output, dump_rules(rules).encode("utf-8"))
        except OSError as exc:
            raise usage_error(f"cannot write {output}: {reason(exc)}") from exc
        sites = rules["sites"]
        assert isinstance(sites, dict)
        learned = sum(len(v["lines"]) for v in sites.values())
        stderr.print(
            f"learned {learned} lines for {len(sites)} sites from "
            f"{sum(learner.documents.values())} documents"
            + (f"; {skipped} without a url skipped" if skipped else "")
        )
        raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)
