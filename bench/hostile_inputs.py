"""Every reader of user input, and the generator, on pathological text of 50 KB and 100 KB.

    .venv/bin/python bench/hostile_inputs.py [--generator-kb 100]

For each reader (article files as text, Markdown and HTML; GIFT; CSV; the generator) and each
kind of hostile text (repeated quotation marks, backslashes, underscores, digits, money
amounts, brackets, one sentence without punctuation), prints the time at half size and at full
size and their ratio; the generator also gets each text cut into sentences (", cut"), since a
run without sentence ends is not parsed at all. The ratio: a ratio near 2 means the work grows with the input, well above 2 that it
grows faster. The aims: every reader under 1 s at 100 KB, the generator under 8 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyapp.banks.articles import ArticleError, article_text  # noqa: E402
from studyapp.generator import generate  # noqa: E402
from studyapp.interchange.csv_format import read_csv  # noqa: E402
from studyapp.interchange.gift import read_gift  # noqa: E402
from studyapp.interchange.records import FormatError  # noqa: E402

HOSTILE = {
    "quotes": "“He said “that” and “this” again ",
    "backslashes": "\\",
    "underscores": "_",
    "digits": "1234567890 ",
    "money": "$1,000,000.50 and €2 billion, ",
    "brackets": "[a](b [c ",
    "no punctuation": "the council met and the mayor spoke ",
}
READERS = {
    "text file": lambda text: article_text(text.encode(), "article.txt"),
    "markdown file": lambda text: article_text(text.encode(), "article.md"),
    "html file": lambda text: article_text(text.encode(), "article.html"),
    "gift": read_gift,
    "csv": lambda text: read_csv("type,prompt,answer\n" + text),
}


def sized(pattern: str, size: int) -> str:
    return (pattern * (size // len(pattern) + 1))[:size]


def in_sentences(pattern: str, size: int) -> str:
    """The pattern cut into sentences of about 200 characters: a run with no sentence end is not parsed at
    all (no question could quote it back), so this is the form that makes the model read every word."""
    text = sized(pattern, size)
    return ". ".join(text[start:start + 198] for start in range(0, len(text), 200))


def seconds(function, text: str) -> float:
    started = time.perf_counter()
    try:
        function(text)
    except (ArticleError, FormatError):
        pass  # a clear refusal is a fine answer; only the time matters here
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generator-kb", type=int, default=100)
    arguments = parser.parse_args()
    generate("Warm-up\nThe model loads once, on 3 March 2020.")
    print(f"{'reader':<15} {'input':<15} {'50 KB':>9} {'100 KB':>9} {'ratio':>6}")
    for reader, function in {**READERS, "generator": lambda text: generate("Title\n" + text)}.items():
        size = arguments.generator_kb * 1000 if reader == "generator" else 100_000
        for name, pattern in HOSTILE.items():
            half, full = seconds(function, sized(pattern, size // 2)), seconds(function, sized(pattern, size))
            print(f"{reader:<15} {name:<15} {half:>8.3f}s {full:>8.3f}s {full / max(half, 1e-6):>6.1f}", flush=True)
    size = arguments.generator_kb * 1000
    for name, pattern in HOSTILE.items():
        half = seconds(lambda text: generate("Title\n" + text), in_sentences(pattern, size // 2))
        full = seconds(lambda text: generate("Title\n" + text), in_sentences(pattern, size))
        print(f"{'generator':<15} {name + ', cut':<15} {half:>8.3f}s {full:>8.3f}s {full / max(half, 1e-6):>6.1f}",
              flush=True)


if __name__ == "__main__":
    main()
