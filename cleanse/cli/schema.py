"""``cleanse schema``: print the JSON Schema of the Article record."""

from __future__ import annotations

import sys

import typer

from cleanse.schema import schema_json


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema() -> None:
        """Print the JSON Schema of the Article record."""
        sys.stdout.write(schema_json())
