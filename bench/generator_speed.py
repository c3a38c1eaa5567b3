"""How long the question generator takes, in the process, beside the language model alone.

    .venv/bin/python bench/generator_speed.py

Prints, for the seed article and a 100 KB article: the whole generator (median of warm
calls), the trained pipeline alone on the same paragraphs (spaCy's tagger, parser and
entity recogniser, measured in the same run), and the generator's own work (the
difference), with its share of the model's time. The aims: the seed under 1 s, 100 KB
under 8 s, and the generator's own work never more than half the model's time.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyapp.generator import generate  # noqa: E402
from studyapp.generator.language import pipeline  # noqa: E402
from studyapp.generator.text import read_article  # noqa: E402


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


def model_alone(paragraphs: list[str]) -> None:
    nlp = pipeline()
    names = [name for name in nlp.pipe_names if name.startswith("studyapp_")]
    with nlp.select_pipes(disable=names):
        for _ in nlp.pipe(paragraphs, batch_size=64):
            pass


def report(name: str, text: str, repeat: int) -> None:
    generate(text)  # the model and the lemma tables load once per process: not part of the figure
    whole = statistics.median(timed(lambda: generate(text), repeat))
    paragraphs = [paragraph.doc.text for paragraph in read_article(text).paragraphs]  # what the generator parses
    model = statistics.median(timed(lambda: model_alone(paragraphs), repeat))
    own = whole - model
    bank = generate(text)
    print(f"{name:<16} {len(text.encode()) / 1000:>6.1f} KB  generator {whole:>7.1f} ms  model alone {model:>7.1f} ms  "
          f"own work {own:>7.1f} ms ({own / model:.0%} of the model's)  {len(bank.facts)} facts, "
          f"{len(bank.questions)} questions")


def main() -> None:
    seed = (ROOT / "question_bank" / "us-colombia-relations.txt").read_text()
    report("seed article", seed, repeat=20)
    report("100 KB article", large_article(), repeat=3)


if __name__ == "__main__":
    main()
