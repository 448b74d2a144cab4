"""One frozen configuration for the whole pipeline.

Read from ``[tool.cleanse]`` in ``pyproject.toml`` or from a ``cleanse.toml``
(top level); CLI flags override it. Each step owns its options model, defined
beside the step; this module only assembles them.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cleanse.errors import ConfigError, reason
from cleanse.steps import ALL_STEPS, StepName
from cleanse.steps.boilerplate import BoilerplateOptions, SiteRules
from cleanse.steps.extract import ExtractOptions
from cleanse.steps.names import NamesOptions
from cleanse.steps.repair import RepairOptions
from cleanse.steps.typos import TyposOptions
from cleanse.steps.whitespace import WhitespaceOptions

DEFAULT_STEPS: tuple[StepName, ...] = ALL_STEPS
CONFIG_FILES = ("cleanse.toml", "pyproject.toml")


class Config(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    steps: tuple[StepName, ...] = Field(
        default=DEFAULT_STEPS, description="Steps to run, by name; order is fixed by the pipeline."
    )
    max_input_chars: int = Field(
        default=20_000_000, gt=0, description="Inputs longer than this fail with a clear error."
    )
    extract: ExtractOptions = ExtractOptions()
    repair: RepairOptions = RepairOptions()
    whitespace: WhitespaceOptions = WhitespaceOptions()
    boilerplate: BoilerplateOptions = BoilerplateOptions()
    typos: TyposOptions = TyposOptions()
    names: NamesOptions = NamesOptions()
    sites: dict[str, SiteRules] = Field(default_factory=dict)

    def enabled(self, step: StepName) -> bool:
        return step in self.steps

    def ordered_steps(self) -> tuple[StepName, ...]:
        return tuple(s for s in ALL_STEPS if s in self.steps)

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, base_dir: Path | None = None) -> Config:
        try:
            return cls.model_validate(data, context={"base_dir": base_dir})
        except ValidationError as exc:
            raise ConfigError(f"invalid cleanse configuration: {exc}") from exc

    @classmethod
    def load(cls, path: str | Path) -> Config:
        """Load ``cleanse.toml`` (top level) or ``pyproject.toml`` (``[tool.cleanse]``)."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config: {reason(exc)}") from exc
        if path.name == "pyproject.toml":
            data = data.get("tool", {})
            data = data.get("cleanse", {}) if isinstance(data, dict) else data
            if not isinstance(data, dict):
                raise ConfigError(f"{path}: [tool.cleanse] must be a table")
        try:
            # Strict, as JSON: TOML has real types, so `max_input_chars = true` or
            # `leading_lines = "4"` is a mistake to report, not a value to convert.
            return cls.model_validate_json(
                json.dumps(data, default=str), strict=True, context={"base_dir": path.parent}
            )
        except ValidationError as exc:
            raise ConfigError(f"{path}: invalid cleanse configuration: {exc}") from exc

    @classmethod
    def discover(cls, start: str | Path = ".") -> Config:
        """The config of the nearest folder (upwards) with cleanse.toml or [tool.cleanse]."""
        folder = Path(start).resolve()
        for candidate in (folder, *folder.parents):
            for name in CONFIG_FILES:
                path = candidate / name
                if not path.is_file():
                    continue
                if name == "pyproject.toml" and b"[tool.cleanse" not in path.read_bytes():
                    continue
                return cls.load(path)
        return cls()

    def updated(self, **changes: Any) -> Config:
        """A copy with top-level fields replaced (validated again)."""
        return self.from_mapping({**self.model_dump(), **changes})
