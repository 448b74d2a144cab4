"""Helpers shared by the CLI commands."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from cleanse.config import Config
from cleanse.errors import ConfigError
from cleanse.pipeline import Pipeline

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def load_config(path: Path | None) -> Config:
    """``--config FILE`` if given, else the nearest cleanse.toml / [tool.cleanse]."""
    try:
        return Config.load(path) if path is not None else Config.discover()
    except ConfigError as exc:
        raise usage_error(str(exc)) from exc


def built_pipeline(config: Config) -> Pipeline:
    """A pipeline whose steps are built now: a gazetteer, rule pack or rules file the
    config names that is missing or broken is one error (exit 2), not a failure per input."""
    pipeline = Pipeline(config)
    try:
        _ = pipeline.steps
    except ConfigError as exc:
        raise usage_error(str(exc)) from exc
    return pipeline


def usage_error(message: str) -> typer.Exit:
    """Print a usage error; ``raise usage_error(...)`` exits with status 2."""
    stderr.print(f"[red]error:[/] {escape(message)}", markup=True)
    return typer.Exit(2)


def same_file(a: Path, b: Path) -> bool:
    """True when two paths name the same file (also through links)."""
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()
