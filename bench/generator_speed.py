"""How long the question generator takes, in the process, beside the sentence splitter alone.

    .venv/bin/python bench/generator_speed.py

Prints the seed article's time (first call, which loads the lemma tables, and the
median of warm calls) and a 100 KB article's, each beside the time the sentence
splitter alone needs for the same text, measured in the same run.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sentencex import segment  # noqa: E402

from studyapp.generator import generate  # noqa: E402


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def large_article(target_bytes: int = 100_000) -> str:
    """Paragraphs from every article we have, repeated in turn until the text is ``target_bytes`` long."""
    sources = [ROOT / "question_bank" / "us-colombia-relations.txt"]
    sources += [ROOT / json.loads(path.read_text())["article"] for path in (ROOT / "tests/generator/gold").glob("*.json")]
    paragraphs = [line for source in sorted(set(sources)) for line in source.read_text().splitlines()[1:] if line]
    text, index = ["A long article"], 0
    while sum(len(part) + 1 for part in text) < target_bytes:
        text.append(paragraphs[index % len(paragraphs)])
        index += 1
    return "\n".join(text) + "\n"


def report(name: str, text: str, repeat: int) -> None:
    first = timed(lambda: generate(text), 1)[0]
    warm = statistics.median(timed(lambda: generate(text), repeat))
    split = statistics.median(timed(lambda: list(segment("en", text)), repeat))
    bank = generate(text)
    print(f"{name:<28} {len(text.encode()) / 1000:>7.1f} KB  first {first:>7.1f} ms  median {warm:>7.1f} ms  "
          f"(sentence split alone {split:>5.1f} ms)  {len(bank.facts)} facts, {len(bank.questions)} questions")


def main() -> None:
    seed = (ROOT / "question_bank" / "us-colombia-relations.txt").read_text()
    report("seed article", seed, repeat=20)
    report("100 KB article", large_article(), repeat=3)


if __name__ == "__main__":
    main()
