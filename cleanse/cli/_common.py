"""Helpers shared by the CLI commands."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from cleanse.config import Config
from cleanse.errors import ConfigError

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def load_config(path: Path | None) -> Config:
    """``--config FILE`` if given, else the nearest cleanse.toml / [tool.cleanse]."""
    try:
        return Config.load(path) if path is not None else Config.discover()
    except ConfigError as exc:
        stderr.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
