"""names: link and normalise name variants against a gazetteer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class NamesOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rewrite: Literal["spelling", "all", "none"] = "spelling"
