"""The parts of a sentence a question may leave out: its dateline, and the asides set off by commas.

A news lead often carries its main fact inside forty words of asides ("An experimental vaccine against
norovirus, the highly contagious stomach bug that sweeps through cruise ships …, reduced cases … by 57 percent
…, according to results published on Wednesday."). Too long to ask whole, it is asked without them.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

# The links whose phrases are asides when commas (or the sentence's end) set them off.
_ASIDE_LINKS = {"appos", "relcl", "acl", "advcl", "npadvmod"}
# "… on Wednesday, according to results published on Wednesday": a source tacked on after a comma.
_SOURCE_WORDS = {"according"}
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,[^—–]{0,60}?(?:[—–]|\s-{1,2}\s)\s*")  # "HALDEN, Oct 29 (Wire) - "
_CLOSERS = {",", ".", "!", "?", ";"}
_LONGEST_INNER_ASIDE = 18  # words; an aside that ends the sentence may be any length


def asides_of(text: str, tokens: Span | None) -> list[tuple[int, int]]:
    """Character ranges of ``text`` (one sentence) that can go without breaking it, each with its commas.

    A range leaves the sentence grammatical when cut out: its phrase hangs on a word outside it, and a comma
    opens it and a comma (or the end of the sentence) closes it.
    """
    ranges: list[tuple[int, int]] = []
    dateline = dateline_end(text)
    if dateline:
        ranges.append((0, dateline))
    if tokens is None:
        return ranges
    base = tokens.start_char
    verb_root = tokens.root.pos_ in {"VERB", "AUX"}
    for token in tokens:
        found = _aside_at(token, tokens, verb_root)
        if found is None:
            continue
        start, stop = found[0] - base, found[1] - base
        if len(text[start:stop].split()) > _LONGEST_INNER_ASIDE and text[stop:].strip(" .!?”\"’"):
            continue  # a long stretch in mid-sentence may hold what the rest leans on ("…, until 1993")
        if len(_QUOTE_MARK.findall(text[start:stop])) % 2 or len(_QUOTE_MARK.findall(text[:start])) % 2:
            continue  # it would cut a quotation in two, or words out of one
        if _LEANS_ON_WHAT_WENT_BEFORE.match(text, stop):
            continue  # "…, which will be available to …, up from 150 percent": what follows needs the aside
        ranges.append((start, stop))
    return ranges


def _aside_at(token: Token, tokens: Span, verb_root: bool) -> tuple[int, int] | None:
    """The document offsets of the aside ``token`` heads, if it heads one."""
    doc = tokens.doc
    left, right = token.left_edge, token.right_edge
    after = doc[right.i + 1] if right.i + 1 < tokens.end else None
    if not verb_root and _holds_a_verb(token):
        return None  # ", reduced cases … by 57 percent …,": the parser took the main clause for an aside
    if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and token.head.pos_ in {"VERB", "AUX"}:
        # "…, leaving 40 ships at anchor and deepening a dispute …": the second of two joined clauses.
        joiner = next((child for child in token.head.children if child.dep_ == "cc" and child.i < left.i
                       and child.lower_ == "and"), None)  # ("destroyed or badly damaged": one claim, not two)
        if not any(child.dep_ in {"dobj", "ccomp", "xcomp", "attr", "prep"} for child in token.children):
            return None
        in_a_list = token.head.dep_ == "conj" or any(child.dep_ == "conj" for child in token.children) or sum(
            child.dep_ == "conj" for child in token.head.children) > 1
        if joiner is not None and not in_a_list and (after is None or after.text in _CLOSERS) and not any(
                child.dep_ in {"nsubj", "nsubjpass"} for child in token.children):
            before = doc[joiner.i - 1]
            start = before.idx if _comma(before) else before.idx + len(before.text)  # with the space before
            return start, right.idx + len(right)
        return None
    if (token.dep_ in {"prep", "advcl"} and token.head.dep_ == "ROOT" and left.i == tokens.start
            and after is not None and _comma(after) and _skippable_opening(token)):
        # "With all 38 constituencies counted, the Reform Party had …": an opening phrase before the clause.
        return left.idx, after.idx + 2
    if not (token.dep_ in _ASIDE_LINKS or (token.dep_ == "prep" and token.lower_ in _SOURCE_WORDS)):
        return None
    if left.i <= tokens.start or not _comma(doc[left.i - 1]):
        return None
    if after is not None and after.text not in _CLOSERS:
        return None
    if token.dep_ == "advcl" and not _set_off_clause(token, closes_sentence=after is None or after.text != ","):
        return None
    # An aside on a noun closed by a comma takes that comma with it ("The findings, which …, come from");
    # one on a verb leaves it, to part what follows ("… burst its banks overnight, officials said").
    on_a_noun = token.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
    stop = after.idx + 1 if after is not None and after.text == "," and on_a_noun else right.idx + len(right)
    return doc[left.i - 1].idx, stop


def dateline_end(text: str) -> int:
    """Where "CALDMOUTH, 23 May 2025 — " ends (0 without one): no question needs to repeat it."""
    dateline = _DATELINE.match(text)
    return dateline.end() if dateline else 0


_QUOTE_MARK = re.compile(r"[“”\"]")
_LEANS_ON_WHAT_WENT_BEFORE = re.compile(r"\s*(?:up|down|from|compared|against|versus|or)\b", re.IGNORECASE)


def _holds_a_verb(head: Token) -> bool:
    """Whether a phrase has a verb of its own outside any relative clause in it."""
    if head.tag_ in {"VBD", "VBZ", "VBP", "VBN"}:
        return True
    return any(child.dep_ not in {"relcl", "acl"} and _holds_a_verb(child) for child in head.children)


def _comma(token: Token) -> bool:
    return token.text == ","


def _set_off_clause(verb: Token, closes_sentence: bool) -> bool:
    """"…, raising roughly £19m", "…, as rescuers struggled to reach …" at the end: a clause a reader can
    skip; not a condition the sentence needs ("if …", "unless …"), nor a "when" that says which time."""
    mark = next((child for child in verb.children if child.dep_ in {"mark", "advmod"} and child.i < verb.i), None)
    if mark is None:
        return verb.tag_ in {"VBG", "VBN"}
    return closes_sentence and mark.lower_ in {"as", "while", "after", "before", "although", "though"}


def _skippable_opening(token: Token) -> bool:
    """"With all 38 constituencies counted,": a circumstance; not "In 1931," or "On Tuesday,", which date
    the clause (a blank without its date could be true of another day)."""
    return not any(t.ent_type_ in {"DATE", "TIME"} for t in token.subtree)


def without_asides(text: str, start: int, end: int, asides: list[tuple[int, int]],
                   too_long) -> tuple[str, int, int]:
    """``text`` with asides cut, the largest first, until ``too_long`` says it is short enough; ``start`` and
    ``end`` (the blank) move with the cuts, and no aside that holds them is cut. ``too_long(text, start, end)``."""
    kept = sorted({(a, b) for a, b in asides if b <= start or a >= end}, key=lambda r: r[0] - r[1])
    cut: list[tuple[int, int]] = []
    for aside in kept:
        if not too_long(*_cut(text, start, end, cut)):
            break
        if any(a < aside[1] and aside[0] < b for a, b in cut):
            continue  # inside one already cut
        cut = [r for r in cut if not (aside[0] <= r[0] and r[1] <= aside[1])] + [aside]
    return _cut(text, start, end, cut)


def _cut(text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> tuple[str, int, int]:
    for a, b in sorted(ranges, reverse=True):
        text = text[:a] + text[b:]
        if a < start:
            start, end = start - (b - a), end - (b - a)
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text, start, end
