"""Asides a long sentence can be asked without: its dateline, appositions, relative clauses, tacked-on clauses."""

from __future__ import annotations

from studyapp.generator import generate
from studyapp.generator.asides import asides_of
from studyapp.generator.text import read_article


def asides(sentence: str) -> list[str]:
    (parsed,) = read_article("A title\n" + sentence).sentences
    return [parsed.text[start:end] for start, end in asides_of(parsed.text, parsed.tokens)]


def blanks(article: str) -> list[str]:
    return [q.prompt for q in generate("A title\n" + article).questions if q.type == "cloze"]


def test_appositions_relative_clauses_and_sources_set_off_by_commas_are_asides() -> None:
    found = asides("The findings, which appeared in the Journal of Clinical Vaccinology, come from a study of "
                   "11,480 adults, according to results published on Wednesday.")
    assert ", which appeared in the Journal of Clinical Vaccinology," in found
    assert ", according to results published on Wednesday" in found


def test_a_main_clause_the_parser_reads_as_an_aside_is_kept() -> None:
    # The parser reads "vaccine" as the root and "reduced cases …" as an apposition: that is the point.
    found = asides("An experimental vaccine against norovirus, the highly contagious stomach bug that sweeps through "
                   "cruise ships, nursing homes and schools every winter, reduced cases of moderate to severe "
                   "illness by 57 percent in a large clinical trial, according to results published on Wednesday.")
    assert not any("57 percent" in aside for aside in found)


def test_nothing_is_cut_out_of_a_quotation_or_away_from_what_leans_on_it() -> None:
    found = asides("“I paid for a boat and got a second career,” the owner said on the dock, holding the trophy.")
    assert not any("second career" in aside for aside in found)
    found = asides("It expands a discount card, which will now be available to households earning up to 200 "
                   "percent of the poverty level, up from 150 percent.")
    assert not any("which will now" in aside for aside in found)


def test_a_long_lead_is_asked_without_its_dateline_and_asides() -> None:
    asked = blanks(
        "BERRENZA, Marvessa, 14 October 2025 (Northline) — The death toll from a powerful earthquake that flattened "
        "villages across the mountains of northern Marvessa rose to at least 312 on Tuesday, officials said, as "
        "rescuers struggled to reach communities still cut off by landslides.")
    assert ("Fill in the blank: The death toll from a powerful earthquake that flattened villages across the "
            "mountains of northern Marvessa rose to at least _____ on Tuesday, officials said.") in asked


def test_an_alternative_is_never_cut_from_its_claim() -> None:
    # "destroyed or badly damaged" is one claim: "some _____ destroyed" alone would misstate it.
    asked = blanks("More than 1,400 people were injured and some 9,000 homes destroyed or badly damaged by the "
                   "magnitude 6.8 quake, which struck at 11.47 p.m. on Sunday at a depth of 10 km, about 38 km "
                   "(24 miles) south-east of Berrenza, the provincial capital, the Berrenza Geophysical Institute "
                   "said.")
    assert not any("homes destroyed," in prompt or "homes destroyed." in prompt for prompt in asked)


def test_an_aside_on_a_verb_leaves_the_comma_that_parts_what_follows() -> None:
    asked = blanks(
        "BRENNHOLM, 3 March 2026 (Continental Press) — At least 23 people have died and more than 14,000 have been "
        "forced from their homes after the River Aske burst its banks overnight, sending water through the old town "
        "of Brennholm and the farming villages downstream, officials said on Tuesday, as rescue teams in boats and "
        "helicopters searched for dozens of residents who remain unaccounted for.")
    assert any(prompt.endswith("burst its banks overnight, officials said on Tuesday.") for prompt in asked)


def test_a_long_aside_in_mid_sentence_stays() -> None:
    # Cut, it would leave "joined … on the remote Skerra Rock station until the light was automated in 1993".
    found = asides("He joined the service in 1959 as an assistant keeper on the remote Skerra Rock station, where "
                   "he spent three winters before being transferred to Carrick Ness, the post he would hold, first "
                   "as assistant and from 1968 as principal keeper, until the light was automated in 1993.")
    assert not any("three winters" in aside and "principal keeper" in aside for aside in found)
