"""The JSON Schema of the record, generated from the pydantic models."""

from __future__ import annotations

import json

from cleanse.models import Article


def schema_json() -> str:
    """Deterministic JSON text of the Article schema (what schemas/ holds)."""
    schema = Article.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/cleanse/cleanse/schemas/article.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m cleanse.schema > schemas/article.schema.json
    print(schema_json(), end="")
