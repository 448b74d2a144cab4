"""Pipeline steps: the contract every step follows, and the registry by name.

A step is built once per pipeline from the config (``build(config)``), then
called per document as a pure function of the current text and a read-only
context. It returns a ``StepResult``: proposed edits in current-text
coordinates, plus any facts it found (flags, name mentions, sources,
authors). It performs no I/O and keeps no state between documents.

``decode`` and ``extract`` turn raw input into the pipeline's input text, so
they are run by the pipeline itself; the rest are text steps, in this order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from cleanse.document import Proposal
from cleanse.errors import ConfigError

if TYPE_CHECKING:
    from cleanse.config import Config

StepName = Literal["decode", "extract", "repair", "whitespace", "boilerplate", "typos", "names"]
ALL_STEPS: tuple[StepName, ...] = (
    "decode",
    "extract",
    "repair",
    "whitespace",
    "boilerplate",
    "typos",
    "names",
)
TEXT_STEPS: tuple[StepName, ...] = ALL_STEPS[2:]


@dataclass(frozen=True, slots=True)
class StepContext:
    """What a step may know about the document besides its text."""

    kind: Literal["text", "html"]
    url: str | None = None
    site: str | None = None
    title: str | None = None
    language: str | None = None
    language_from_text: bool = False  # detected on this document's text, not declared
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlagProposal:
    start: int
    end: int
    rule: str
    message: str
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class MentionProposal:
    start: int
    end: int
    canonical: str
    kind: Literal["person", "org", "place", "other"]


@dataclass(slots=True)
class StepResult:
    edits: list[Proposal] = field(default_factory=list)
    flags: list[FlagProposal] = field(default_factory=list)
    mentions: list[MentionProposal] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


class Step(Protocol):
    def __call__(self, text: str, ctx: StepContext, /) -> StepResult: ...


StepFactory = Callable[["Config"], Step]


def build_step(name: StepName, config: Config) -> Step:
    """Import ``cleanse.steps.<name>`` and build its step for this config."""
    if name not in TEXT_STEPS:
        raise ConfigError(f"{name!r} is not a text step")
    module = importlib.import_module(f"cleanse.steps.{name}")
    factory: StepFactory | None = getattr(module, "build", None)
    if factory is None:
        raise ConfigError(f"step {name!r} is not available in this version of cleanse")
    return factory(config)
