"""boilerplate: remove lines that are not article text (widgets, credits, promos)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SiteRules(BaseModel):
    """Per-site rules: ``[tool.cleanse.sites."example.com"]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    drop_lines: tuple[str, ...] = ()


class BoilerplateOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
