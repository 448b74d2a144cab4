"""typos: conservative spelling fixes, never inside quotations or names."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class TyposOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
