"""People with their roles, and the short forms that refer to them."""

from __future__ import annotations

from studyapp.generator.people import find_people
from studyapp.generator.text import read_article


def people_in(text: str) -> dict[str, str | None]:
    return {person.name: person.role for person in find_people(read_article("Title\n" + text))}


def test_titles_before_names_give_roles() -> None:
    found = people_in(
        "That standoff ended when then-Colombian Foreign Minister Luis Gilberto Murillo announced a deal. "
        "US Vice President Joe Biden praised the talks."
    )
    assert found == {"Luis Gilberto Murillo": "Colombian Foreign Minister", "Joe Biden": "US Vice President"}


def test_a_role_set_off_by_commas() -> None:
    found = people_in("The commander of Colombia's defense forces, Francisco Cubides, said the work would go on.")
    assert found == {"Francisco Cubides": "commander of Colombia's defense forces"}
    found = people_in("Ana Ruiz, the director of the national museum, opened the show.")
    assert found == {"Ana Ruiz": "director of the national museum"}


def test_a_country_after_the_name_belongs_to_the_role() -> None:
    found = people_in("He followed President Pedro Pablo Kuczynski of Peru, and President Mauricio Macri of Argentina.")
    assert found == {"Pedro Pablo Kuczynski": "President of Peru", "Mauricio Macri": "President of Argentina"}


def test_short_forms_fold_into_the_fullest_name() -> None:
    index = find_people(read_article(
        "Title\nPresident Juan Manuel Santos met reporters. Later President Manuel Santos left. "
        "Colombian President Gustavo Petro spoke. President Petro agreed."
    ))
    assert {person.name for person in index} == {"Juan Manuel Santos", "Gustavo Petro"}
    assert index.resolve("Santos") == "Juan Manuel Santos"
    assert index.resolve("Manuel Santos") == "Juan Manuel Santos"
    assert index.resolve("Petro") == "Gustavo Petro"


def test_two_people_with_one_surname_make_the_surname_ambiguous() -> None:
    index = find_people(read_article("Title\nPresident George Bush spoke. Governor Jeb Bush replied."))
    assert index.resolve("Bush") is None
    assert index.resolve("Jeb Bush") == "Jeb Bush"


def test_bodies_and_places_after_titles_are_not_people() -> None:
    found = people_in("Petro spoke at the UN General Assembly. He met Secretary of State Marco Rubio.")
    assert found == {"Marco Rubio": "Secretary of State"}


def test_the_most_specific_form_of_the_commonest_role_wins() -> None:
    found = people_in("President Donald Trump spoke. US President Donald Trump left. President Donald Trump returned.")
    assert found == {"Donald Trump": "US President"}


def test_long_titles_before_a_name() -> None:
    found = people_in("Deputy Chief Inspector of the Northern Rail Authority Maren Oduya said the line would reopen. "
                      "Oduya said that the trains would run again.")
    assert found["Maren Oduya"] == "Deputy Chief Inspector of the Northern Rail Authority"


def test_lower_case_roles_before_a_name() -> None:
    found = people_in("Race officer Della King started the race. Cardiologist Tomas Wren disagreed with her.")
    assert found["Della King"] == "race officer"  # a role, so written in lower case as a question asks it
    assert found["Tomas Wren"] == "Cardiologist"  # the tagger reads it as a name


def test_appositions_give_roles() -> None:
    found = people_in("Priya Dall, an analyst at Harrow & Finch, spoke. The company’s finance director, "
                      "Halvard Brun, agreed.")
    assert found["Priya Dall"] == "analyst at Harrow & Finch"
    assert found["Halvard Brun"] == "the company’s finance director"


def test_then_roles_are_past_roles() -> None:
    index = find_people(read_article("Title\nMarta Ilves, then the foreign minister, called it a small matter."))
    person = index.people["Marta Ilves"]
    assert person.role == "foreign minister" and "foreign minister" in person.past_roles


def test_first_names_that_look_like_titles() -> None:
    found = people_in("“It was close,” said Prince Adjei, who runs the shop. Adjei laughed.")
    assert "Prince Adjei" in found and "Adjei" not in found


def test_headings_and_title_words_are_nobody() -> None:
    found = people_in("Ambassador Recalled, 1989.\nBrelland recalled its Envoy Extraordinary and Minister "
                      "Plenipotentiary the same evening.")
    assert found == {}


def test_a_list_of_officials_gives_roles() -> None:
    found = people_in("The cabinet met.\nPrincipal Officials\nHead of Government--Prime Minister Ana Varo\n"
                      "Ambassador to Orland--Teo Brand\nThe embassy is in the old town, near the river.")
    assert found == {"Ana Varo": "Head of Government", "Teo Brand": "Ambassador to Orland"}


def test_lower_case_roles_the_tagger_reads_as_names_are_roles() -> None:
    found = people_in("Anselm Drovic, the parish priest, said he had buried 17 people. The historian Lorcan "
                      "Ebbrecht has called it a grain road.")
    assert found == {"Anselm Drovic": "parish priest", "Lorcan Ebbrecht": "historian"}


def test_a_possessive_after_a_name_is_not_its_role() -> None:
    found = people_in("Chief executive Samir Oduya, the company’s fourth in a decade, wants to push further.")
    assert found["Samir Oduya"] == "chief executive"


def test_a_role_stops_at_and() -> None:
    found = people_in("The stations were closed by Edda Brannock, the fourth general manager and the first woman "
                      "to hold the post.")
    assert found["Edda Brannock"] == "fourth general manager"


def test_a_title_before_a_things_name_makes_no_person() -> None:
    found = people_in("Osprey also took the Captain Harrow Trophy for the best-preserved classic boat. "
                      "The trophy has been given since 1902. Race officer Della King handed it over.")
    assert "Harrow Trophy" not in found and "Della King" in found


def test_a_role_leaves_out_an_age_and_a_then() -> None:
    found = people_in("Halima Yusuf, a 34-year-old nurse, voted early. Aurel Fenwick, the then-director of the "
                      "survey, signed the order.")
    assert found["Halima Yusuf"] == "nurse"
    assert found["Aurel Fenwick"] == "director of the survey"


def test_a_count_in_apposition_is_no_role() -> None:
    found = people_in("Castleford manager Graham Pruett, whose side had not lost since 2022, a run of 17 matches, "
                      "was gracious.")
    assert found.get("Graham Pruett") != "run of 17 matches"


def test_a_given_name_the_model_left_out_is_no_title() -> None:
    found = people_in("Anders Fredrik Holm (14 March 1821 – 2 November 1889) was a Swedish chemist. Holm taught "
                      "at Lund. Cardiologist Tomas Wren disagreed with him.")
    assert "Anders Fredrik Holm" in found and found["Anders Fredrik Holm"] != "Anders"
    assert found["Tomas Wren"] == "Cardiologist"


def test_the_datelines_town_is_no_person() -> None:
    found = people_in("CALDER SPRINGS, Calif. (AP) — A wildfire forced thousands from their homes on Tuesday. "
                      "The sheriff ordered evacuations for Calder Springs, the unincorporated community of Pine "
                      "Hollow and Dutch Flat.")
    assert "Calder Springs" not in found


def test_a_hyphenated_name_keeps_its_hyphen_and_a_role_stops_before_a_relative_clause() -> None:
    found = people_in("Dr. Samuel Okonkwo-Reyes, an epidemiologist at the Northbridge Institute of Public Health who "
                      "analysed the trial data, said the study was sound.")
    assert found == {"Samuel Okonkwo-Reyes": "epidemiologist at the Northbridge Institute of Public Health"}


def test_an_honorific_without_its_full_stop_is_no_part_of_the_name() -> None:
    found = people_in("Dr Annelie Fursten, who studies river systems at the University of Marrach, said the "
                      "defences held.")
    assert "Annelie Fursten" in found


def test_a_sentence_opening_word_the_article_writes_as_a_name_keeps_its_capital() -> None:
    found = people_in("City manager Stefan Aldridge said the striker was his first choice. The fee eclipses the "
                      "£22.5m City paid for a midfielder two years ago.")
    assert found["Stefan Aldridge"] == "City manager"
    found = people_in("Company founder Odile Brandvik opened the shop. The company grew fast.")
    assert found["Odile Brandvik"] == "company founder"


def test_a_name_used_as_a_place_or_an_employer_is_nobody() -> None:
    found = people_in("Keeper John Harker spent 34 years at the light, nearly all of them at Carrick Ness, a storm-battered "
                      "headland. The Carrick Ness light was automated in 1993. The project is developed by Nordhavn "
                      "Offshore, a joint venture between two utilities, said its chief executive, Ingrid "
                      "Solvang-Becker, the chief executive of Nordhavn Offshore.")
    assert "Carrick Ness" not in found and "Nordhavn Offshore" not in found
    assert "John Harker" in found and "Ingrid Solvang-Becker" in found


def test_a_bare_possessive_is_no_role() -> None:
    found = people_in("Her opposite number, Denholm's Patrick Ashworth, was gracious in defeat.")
    assert found.get("Patrick Ashworth") != "Denholm's"
