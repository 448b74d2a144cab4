"""`cleanse learn` on a small generated multi-site corpus, and `clean` loading its rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cleanse import Config, Pipeline
from cleanse.boilerplate.learned import Learner, LearnParams, dump_rules, site_candidates

FULL = ("decode", "extract", "repair", "whitespace", "boilerplate")
WORDS = [
    "river",
    "bridge",
    "council",
    "pumps",
    "levee",
    "valley",
    "school",
    "water",
    "board",
    "road",
    "storm",
    "harbour",
]


def story(i: int) -> str:
    """A distinct article body: three sentences built from the document number."""
    w = [WORDS[(i * k + k) % len(WORDS)] for k in range(1, 10)]
    return "\n\n".join(
        [
            f"On day {i} the {w[0]} and the {w[1]} were inspected by the {w[2]} after the storm.",
            f"Officials said report {i} on the {w[3]} would be published before the {w[4]} vote.",
            f"Residents near the {w[5]} asked the {w[6]} for answers about item {i}.",
        ]
    )


def corpus() -> list[dict[str, str]]:
    records = []
    for i in range(6):
        records.append(
            {
                "id": f"a{i}",
                "url": f"https://www.alpha.example/news/{i}",
                "text": f"{story(i)}\n\nThe Alpha Ledger desk\n\nPrinted from the Alpha archive",
            }
        )
        records.append(
            {
                "id": f"b{i}",
                "url": f"https://beta.example/p/{i}",
                "text": f"{story(100 + i)}\n\nBeta Weekly insider",
            }
        )
    # A line seen on two sites but only once on each is never learned.
    records.append({"id": "c", "url": "https://beta.example/x", "text": story(7) + "\n\nOne-off"})
    return records


def test_learner_thresholds_and_determinism() -> None:
    learner = Learner(LearnParams(min_docs=3, min_share=0.5))
    for rec in corpus():
        host = rec["url"].split("/")[2]
        learner.add(host, rec["text"])
    rules = learner.rules()
    sites = rules["sites"]
    assert isinstance(sites, dict)
    assert sites["www.alpha.example"]["lines"] == [
        "Printed from the Alpha archive",
        "The Alpha Ledger desk",
    ]
    assert sites["beta.example"]["lines"] == ["Beta Weekly insider"]
    again = Learner(LearnParams(min_docs=3, min_share=0.5))
    for rec in reversed(corpus()):
        again.add(rec["url"].split("/")[2], rec["text"])
    assert dump_rules(again.rules()) == dump_rules(rules)


def test_site_candidates() -> None:
    assert site_candidates("a.b.example.com") == ["a.b.example.com", "b.example.com", "example.com"]
    assert site_candidates(None) == []


def test_cli_learn_then_clean_with_rules(tmp_path: Path) -> None:
    data = tmp_path / "corpus.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in corpus()) + "\n", encoding="utf-8")
    rules = tmp_path / "rules.json"
    proc = subprocess.run(
        [sys.executable, "-m", "cleanse", "learn", str(data), "-o", str(rules), "--min-docs", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    learned = json.loads(rules.read_text(encoding="utf-8"))
    assert set(learned["sites"]) == {"www.alpha.example", "beta.example"}
    first = rules.read_bytes()
    subprocess.run(
        [sys.executable, "-m", "cleanse", "learn", str(data), "-o", str(rules), "--min-docs", "3"],
        capture_output=True,
        check=True,
    )
    assert rules.read_bytes() == first  # deterministic

    config_file = tmp_path / "cleanse.toml"
    config_file.write_text(
        f'steps = {list(FULL)!r}\n[boilerplate]\nlearned_rules = ["rules.json"]\n'.replace(
            "'", '"'
        ),
        encoding="utf-8",
    )
    config = Config.load(config_file)
    pipeline = Pipeline(config)
    sentence = "The Alpha Ledger desk is on the third floor of the old mill."
    text = f"{story(42)}\n\n{sentence}\n\nPrinted from the Alpha archive"
    art = pipeline.clean(text, url="https://www.alpha.example/new", kind="text", title="")
    assert art.text == f"{story(42)}\n\n{sentence}"  # only the exact learned line goes
    assert "site:www.alpha.example/learned" in {e.rule for e in art.edits}
    # without the rules the lines stay (nothing is carried between documents)
    plain = Pipeline(Config(steps=FULL)).clean(
        text, url="https://www.alpha.example/new", kind="text", title=""
    )
    assert "The Alpha Ledger desk" in plain.text


def test_copies_of_one_document_count_once() -> None:
    learner = Learner(LearnParams(min_docs=3, min_share=0.3))
    article = "Protesters gathered in Baghdad on Friday.\n\nThe rally was called by the cleric."
    for _ in range(3):  # one page under three URLs
        learner.add("news.example.com", article + "\n\nSubscribe to our newsletter")
    for k in range(2):
        learner.add("news.example.com", f"Another story number {k}.\n\nSubscribe to our newsletter")
    rules = learner.rules()["sites"]
    assert rules == {"news.example.com": {"documents": 3, "lines": ["Subscribe to our newsletter"]}}


def test_cli_learn_refuses_an_output_it_cannot_write_before_reading(tmp_path: Path) -> None:
    data = tmp_path / "corpus.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in corpus()) + "\n", encoding="utf-8")
    target = tmp_path / "missing" / "rules.json"
    proc = subprocess.run(
        [sys.executable, "-m", "cleanse", "learn", str(data), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr and "Traceback" not in proc.stderr
    assert not target.exists()
