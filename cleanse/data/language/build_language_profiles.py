"""Regenerate cleanse/data/language/profiles.json: the most frequent words per language.

Source: the wordfreq package (PyPI; code Apache-2.0, word-frequency data CC BY-SA 4.0,
see SOURCE.md). Languages written in a script of their own (Greek, Hebrew, Thai, Korean,
Japanese, Chinese, Indic scripts, ...) are detected by script and need no profile.

Usage: python cleanse/data/language/build_language_profiles.py   (needs wordfreq)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from wordfreq import available_languages, top_n_list

HERE = Path(__file__).resolve().parent
TOP_N = 150
SCRIPT_LANGUAGES = {"zh", "ja", "ko", "el", "he", "hi", "bn", "ta", "th"}
WORD = re.compile(r"^\w+$")


def main() -> None:
    profiles: dict[str, list[str]] = {}
    for lang in sorted(available_languages()):
        if lang in SCRIPT_LANGUAGES or len(lang) != 2:
            continue
        words = [w for w in top_n_list(lang, TOP_N * 2) if WORD.match(w) and not w.isdigit()]
        profiles[lang] = words[:TOP_N]
    text = json.dumps(
        {"source": "wordfreq top words (CC BY-SA 4.0)", "profiles": profiles},
        ensure_ascii=False,
        indent=0,
        sort_keys=True,
    )
    (HERE / "profiles.json").write_text(text + "\n", encoding="utf-8")
    print(f"{len(profiles)} languages")


if __name__ == "__main__":
    main()
