"""The stdlib regex parser (a private API), for filters derived from our own patterns."""

from __future__ import annotations

import importlib
from typing import Any


def sre_modules() -> tuple[Any, Any] | None:
    """(parser, constants) modules of this Python's ``re``; None if none we know."""
    for parser, constants in (("re._parser", "re._constants"), ("sre_parse", "sre_constants")):
        try:
            return importlib.import_module(parser), importlib.import_module(constants)
        except ImportError:  # pragma: no cover - depends on the Python version
            continue
    return None  # pragma: no cover
