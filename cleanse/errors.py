"""The errors cleanse raises, named by what the caller should do about them.

The library raises; only the CLI maps errors to exit codes. Every error that
comes from bad *input* is a ``CleanseError``; a bug in cleanse itself is not
disguised as one.
"""

from __future__ import annotations


class CleanseError(Exception):
    """Base class: this input could not be cleaned. The message says why."""


class DecodeError(CleanseError):
    """The bytes are not text in any encoding we can identify (binary data?)."""


class InputTooLargeError(CleanseError):
    """The input exceeds ``Config.max_input_chars``; split it or raise the limit."""


class ExtractionError(CleanseError):
    """HTML was given but no article text could be extracted from it."""


class ExtractionTimeoutError(ExtractionError):
    """Extraction of one page exceeded ``Config.extract.timeout_seconds``."""


class InputFormatError(CleanseError):
    """A record or file is not in a form cleanse reads (bad JSON, no text field...)."""


class ConfigError(CleanseError):
    """The configuration is invalid: fix the config file or the flags."""


def reason(exc: BaseException) -> str:
    """Why ``exc`` happened, for a message that already names the file: an OSError's
    reason alone ("No such file or directory"), not its copy of the file name."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
