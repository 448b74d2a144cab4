"""The ``cleanse`` command line: a thin shell over ``cleanse.Pipeline``.

Each command lives in its own module in this package and registers itself
with ``register(app)``; modules are discovered in name order, so a new
command is a new file. Only the CLI maps errors to exit codes:
0 all inputs clean, 1 some inputs failed (or, for check/fix, files changed),
2 usage error.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="cleanse",
    help="Clean scraped articles into validated records with an exact edit log.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_commands() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        register = getattr(loaded, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main() -> None:
    app()
