"""The extraction sets' pages as text: trafilatura's output for each, extracted once and cached.

Shared by the benchmarks that check a step on real web text without gold (typos, names):
``extracted_pages(bench, cache)`` returns ``[{"id": "<set>/<file>", "text": ...}]`` for
every ``<bench>/extraction/*/html/*.html.gz``, writing ``cache`` (JSON lines) on first use.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

DEFAULT_CACHE = Path("/tmp/cleanse-foreign.jsonl")


def extracted_pages(bench: Path, cache: Path = DEFAULT_CACHE) -> list[dict[str, str]]:
    if not cache.exists():
        import trafilatura

        rows = []
        for path in sorted((bench / "extraction").glob("*/html/*.html.gz")):
            html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            text = trafilatura.extract(html, include_comments=False) or ""
            rows.append({"id": f"{path.parent.parent.name}/{path.name}", "text": text})
        cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with cache.open(encoding="utf-8") as fh:
        return [{"id": str(r["id"]), "text": str(r["text"])} for r in map(json.loads, fh)]
