"""What a student reads: questions that stand alone, read as English and give nothing away."""

from __future__ import annotations

from studyapp.generator import generate


def prompts(article: str) -> list[str]:
    return [question.prompt for question in generate("A title\n" + article).questions]


def test_a_future_event_gets_no_when_question() -> None:
    bank = generate("A title\nThe council said on 3 March 2025 that a memorial will be held on 2 June 2025.")
    when = {question.answer for question in bank.questions if question.prompt.startswith("When")}
    assert when == {"3 March 2025"}  # when the council said it, not when the memorial "was held"


def test_a_quotation_that_starts_mid_clause_is_not_asked_alone() -> None:
    article = ("Mayor Ana Ruiz said on Monday that the bridge “will stay shut until every bolt is checked.” "
               "Councillor Tom Reyes said he agreed. Inspector Lea Moss said the work was slow. "
               "Engineer Bo Lind said the cost was high.")
    assert not any("will stay shut" in prompt for prompt in prompts(article))


def test_a_misspelt_month_is_spelt_right_in_questions_but_not_in_the_source() -> None:
    bank = generate("A title\nThe old contract expired on 30 Septmber 2024, and the strike began on 28 October 2024.")
    texts = [q.prompt + " " + q.answer + " " + " ".join(q.choices) for q in bank.questions]
    assert not any("Septmber" in text for text in texts)
    assert any("30 September 2024" in text for text in texts)
    assert all("Septmber" in q.explanation for q in bank.questions if "expired" in q.explanation)


def test_a_sentence_that_points_back_makes_no_blank() -> None:
    found = prompts("The canal opened in 1868. It is 38 kilometres long and has three flights of locks.")
    assert not any(prompt.startswith("Fill in the blank: It ") or "sentence: It " in prompt for prompt in found)


def test_a_long_sentence_is_cut_to_the_clause_that_holds_the_blank() -> None:
    sentence = ("In 2019 about 41,000 boats passed through the locks on the old canal between the two towns, "
                "almost all of them pleasure craft owned by families from the coast, and the trust estimated "
                "that the towpath drew around 250,000 visitors over the summer.")
    clozes = [prompt for prompt in prompts(sentence) if "_____" in prompt]
    assert clozes and all(len(prompt.split()) <= 36 for prompt in clozes)


def test_a_bound_is_typed_not_chosen() -> None:
    bank = generate("A title\nMore than 1,200 adults enrolled in the study, which ran for 12 weeks in 2023.")
    blanks = [q for q in bank.questions if "_____" in q.prompt and "adults" in q.answer]
    assert blanks and all(q.type == "cloze" for q in blanks)  # "more than 500 adults" would be true as well


def test_a_clause_without_its_own_subject_is_not_cut_off() -> None:
    sentence = ("Ottilie Brand studied physics at the university in Quellport for six long years with her two "
                "brothers, and in 1962 joined the polar survey as a junior glaciologist on a short contract.")
    assert not any(prompt.startswith(("Fill in the blank: In _____", "Complete the sentence: In _____"))
                   for prompt in prompts(sentence))


def test_a_citation_marker_leaves_one_full_stop() -> None:
    sentence = ("The canal passed into public ownership on 1 January 1934, and the parish councils kept their "
                "seats on the new board of the waterway for another twenty years after the transfer.[14]")
    assert not any(".." in prompt or "[14]" in prompt for prompt in prompts(sentence))


def _asked_about(article: str) -> set[str]:
    """The answers the bank's questions ask for."""
    return {question.answer for question in generate("A title\n" + article).questions}


def test_an_aside_gets_no_question_but_the_point_of_the_sentence_does() -> None:
    article = ("Filler opening paragraph about the line.\n\nAnother opening paragraph.\n\n"
               "The railway was founded in 1843 by Anselm Korrath (1797–1866), a grain merchant. "
               "The harbour trust, a charity that restored 40 cottages in the village, now employs 312 people. "
               "Lena Varo, a 19-year-old student, said the ship carried 8,000 containers. "
               "“We lost 17 boats that winter,” the skipper Ode Brun said.")
    asked = " ".join(_asked_about(article))
    assert "1843" in asked and "312" in asked and "8,000" in asked
    for aside in ("1797", "40 cottages", "19", "17 boats"):
        assert aside not in asked, aside


def test_a_blank_never_takes_an_aside_between_dashes() -> None:
    article = ("Shoppers spend less on each visit — $16 on average, against about $58 in a large supermarket "
               "— but they come back several times a week, and they pay more for the privilege.")
    assert not any(prompt.split(": ", 1)[-1].startswith("$") or "_____ on average" in prompt
                   for prompt in prompts(article))


def test_a_blank_never_leans_on_an_unnamed_subject() -> None:
    found = prompts("The electoral commission it created in 1999 has seven members and a chair chosen by the court.")
    assert not any("it created" in prompt for prompt in found)


def test_a_weekday_is_never_blanked_with_a_full_date() -> None:
    bank = generate("A title\nMARVESSA, Tuesday 14 October 2025 — The quake struck on Sunday. "
                    "The province's nine hospitals were full by Monday afternoon, officials said.")
    assert not any(question.type == "cloze" and "October" in question.answer for question in bank.questions)
    assert any(question.prompt == "When did the quake strike?" for question in bank.questions)


def test_no_when_question_names_its_own_year() -> None:
    found = prompts("The 1931 Canal Act was passed in December 1931 after a long debate in parliament.")
    assert not any(prompt.startswith("When") and "1931" in prompt for prompt in found)


def test_a_count_that_opens_the_sentence_blanks_only_its_number() -> None:
    bank = generate("A title\nFourteen wayside stations were closed in 1926 by the general manager, Edda Brannock.")
    counts = [question for question in bank.questions if question.prompt.endswith(
        "_____ wayside stations were closed in 1926 by the general manager, Edda Brannock.")]
    assert counts and all(question.answer == "Fourteen" for question in counts)
    assert all(choice[:1].isupper() for question in counts for choice in question.choices)


def test_a_role_of_the_past_is_asked_in_the_past() -> None:
    found = prompts("The line was surveyed in 1844 by its chief engineer, Mattias Oderhelm (1812–1879). "
                    "The railway was founded by the banker Osric Pellame, a grain merchant from Dunmerrow.")
    assert not any(prompt.startswith(("What role does", "Who is")) for prompt in found)


def test_a_then_role_is_left_out_of_a_when_question() -> None:
    found = prompts("Livia Marsk, then minister of commerce, told the Diet in June 1931 that the state had taken over.")
    assert "When did Livia Marsk tell the Diet that the state had taken over?" in found


def test_a_quotation_split_by_its_attribution_is_asked_whole() -> None:
    found = prompts("“A railway that stops growing,” Teodor Korrath told the shareholders in 1879, "
                    "“has already begun to die.” Later he retired. Osric Pellame said “the line will pay”. "
                    "Livia Marsk said “the state has taken over”. Jory Weskett said “the mail was never late”.")
    assert "Who said: “A railway that stops growing … has already begun to die”?" in found


def test_a_quotation_that_goes_on_in_a_second_sentence_is_asked_with_it() -> None:
    found = prompts("“We are not closing supermarkets,” Samir Oduya said. “We are just not opening any.” "
                    "Odile Brandvik said “the shops will stay”. Nadia Quarshie said “money is tight”. "
                    "Prince Adjei said “we ran out of bread”.")
    assert "Who said: “We are not closing supermarkets … We are just not opening any”?" in found
    assert not any(prompt == "Who said: “We are just not opening any”?" for prompt in found)


def test_a_number_in_a_quotation_that_runs_over_sentences_gets_no_question() -> None:
    asked = _asked_about("Filler.\n\nFiller.\n\nThe rescuer Ana Salo said: “The first house took an hour. "
                         "Then we lifted 17 beams before dark.” The village of Kestel lost 40 homes.")
    assert "40 homes" in asked and "17 beams" not in asked


def test_a_timeline_never_holds_two_events_of_one_year() -> None:
    article = ("In 1921 the council met. The first canal opened in 1925. In March 1931 the bank failed. "
               "The new bridge opened in December 1931. The port closed in 1940. The mill burned in 1950.")
    for question in generate("A title\n" + article).questions:
        if question.type == "order":
            years = [part.split(":")[0][-4:] for part in question.explanation.split("; ")]
            assert len(years) == len(set(years)), question.explanation


def test_who_said_offers_speakers_of_one_kind() -> None:
    article = ("The Velmoran Embassy said the envoy had “done nothing wrong”. Anna Lind, a lawyer, said "
               "“the expulsion is unlawful”. Piet Hald, a professor, said “the row will pass”. "
               "Ola Berg, an analyst, said “trade will suffer”. Ute Moss, a diplomat, said “we will talk”.")
    for question in generate("A title\n" + article).questions:
        if question.type == "who_said":
            assert all(choice.startswith("the ") == question.answer.startswith("the ") for choice in question.choices)


def test_no_when_question_on_words_whose_content_is_gone() -> None:
    found = prompts("Late on 12 March 2024 the ministry said in a statement that Dravenia would “respond in kind "
                    "and in proportion,” and the envoy was told to leave. “We have built trade for years,” Ysolde "
                    "Marek wrote in a post on 6 March 2024.")
    assert not any(prompt.startswith("When") and prompt.endswith(("in a statement?", "in a post?")) for prompt in found)


def test_a_when_question_keeps_every_object_of_its_verb() -> None:
    found = prompts("CALDMOUTH, 23 May 2025 — A jury at Caldmouth District Court on Friday found Brennick Seafoods "
                    "and two former managers guilty of hiding more than 14,000 pounds of cod from inspectors.")
    assert any(prompt.startswith("When did a jury at Caldmouth District Court find Brennick Seafoods and two former "
                                 "managers guilty") for prompt in found)


def test_no_wrong_role_could_also_be_right() -> None:
    article = ("Lorenz Ebbe, the chief engineer, drew the plans. Aurelio Mancini, an engineer, built the locks. "
               "Greta Holmqvist, the minister of public works, paid. Ruth Castellan, a historian, wrote it up. "
               "Nora Feld, Brelland's ambassador, came. Tomas Rieger, the Ambassador to Brelland, left.")
    for question in generate("A title\n" + article).questions:
        if question.prompt.startswith("What role"):
            wrong = [choice for choice in question.choices if choice != question.answer]
            assert not {question.answer.lower(), *map(str.lower, wrong)} >= {"engineer", "chief engineer"}
            assert not ({"brelland's ambassador", "ambassador to brelland"} <= set(map(str.lower, question.choices)))


def test_a_when_question_neither_capitalises_a_common_noun_nor_gives_the_hour() -> None:
    found = prompts("PORT ALDANE, Kestria, 14 November 2024 (Wire) — Dockworkers at the busiest port voted on "
                    "Thursday to stay off the job. The magnitude 6.8 quake struck at 11.47 p.m. on Sunday at a "
                    "depth of 10 km.")
    assert "When did dockworkers at the busiest port vote to stay off the job?" in found
    assert not any(prompt.startswith("When") and "p.m." in prompt for prompt in found)


def test_a_span_an_age_or_a_small_count_beside_the_point_gets_no_question() -> None:
    article = ("Filler.\n\nFiller.\n\nPassenger numbers fell by 22 percent in five years after the buses came. "
               "In Quarrow, Mirela Ostin, 54, a baker, stood by the house she had lived in for 30 years. "
               "Kestel, a village of three streets, lost its school.")
    asked = " ".join(_asked_about(article))
    assert "22 percent" in asked
    for detail in ("five years", "54", "30 years", "three streets"):
        assert detail not in asked, detail


def test_the_lead_after_a_dateline_is_no_aside() -> None:
    asked = _asked_about("NORTHMERE, 9 January 2025 — A ten-minute walk after each meal lowered blood sugar "
                         "spikes in adults with prediabetes by 23 percent, a 12-week trial found.")
    assert "ten-minute" in " ".join(asked)


def test_an_office_is_asked_with_its_year_and_a_bare_title_not_at_all() -> None:
    found = prompts("In 1854 Said Pasha, the viceroy of Egypt, granted the concession. Prime Minister Lena Holt "
                    "opened the canal. Anna Lind, a lawyer, objected. Piet Hald, a professor, agreed.")
    assert any(prompt.startswith("Who was the viceroy of Egypt in 1854?") for prompt in found)
    assert not any(prompt.startswith(("Who was the Prime Minister", "Who is the Prime Minister")) for prompt in found)


def test_a_quotation_is_asked_as_who_said_and_never_as_true_or_false() -> None:
    bank = generate("A title\nAnna Lind said “the expulsion is unlawful”. Piet Hald said “the row will pass”. "
                    "Ola Berg said “trade will suffer”. Ute Moss said “we will talk again”.")
    assert any(question.type == "who_said" for question in bank.questions)
    assert not any(question.type == "true_false" and " said “" in question.prompt for question in bank.questions)


def test_a_role_given_only_as_someones_is_not_asked() -> None:
    found = prompts("The Green List won four seats. Its leader, Noor Castellanos, thanked voters. Annika Roos, a "
                    "political scientist at the University of Kessara, spoke. Halima Yusuf, a nurse, voted. "
                    "Lucan Morrow, a painter, stayed home. Jorunn Axelby, a physicist, voted late.")
    assert not any("Noor Castellanos hold" in prompt for prompt in found)
    assert any("Annika Roos hold" in prompt for prompt in found)


def test_a_wrong_figure_is_never_one_the_sentence_gives_for_something_else() -> None:
    bank = generate("A title\nBuses on the busiest lines will run every 10 minutes, compared with every 25 minutes "
                    "today, and the night buses every 40 minutes instead of every 60 minutes.")
    for question in bank.questions:
        if question.type == "multiple_choice":
            others = {"10 minutes", "25 minutes", "40 minutes", "60 minutes"} - {question.answer}
            assert not others & set(question.choices), question.choices


def test_no_when_question_on_a_thing_only_the_sentence_before_names() -> None:
    found = prompts("Engineers found corrosion in its cables, and the state closed it in June 2023. "
                    "A report was released in September 2023.")
    assert not any(prompt.startswith("When") and (" it?" in prompt or "a report" in prompt) for prompt in found)


def test_a_blank_in_a_very_short_sentence_is_not_asked() -> None:
    assert not any("majority" in prompt for prompt in prompts("A majority needs 61 seats."))


def test_it_as_the_subject_of_what_was_said_keeps_the_when_question() -> None:
    found = prompts("On 17 October 2025 the State Department said it was revoking the visa of President Petro.")
    assert any(prompt.startswith("When did the State Department say it was revoking") for prompt in found)


def test_a_figure_in_the_few_words_saying_who_spoke_gets_no_question() -> None:
    asked = " ".join(_asked_about("Filler.\n\nFiller.\n\n“We have had great days here and we will again,” the "
                                  "31-year-old said. The club sold 84,312 tickets for the final at Wembley."))
    assert "84,312" in asked and "31-year-old" not in asked


def test_kinship_is_no_role_to_ask_even_before_of() -> None:
    found = prompts("In 1850 Holm married Charlotta Beck, the daughter of a Lund merchant. Johan Holm, an "
                    "apothecary, approved. Hedda Åkerlund, an industrial chemist, came. Nils Rydberg, a chemist, "
                    "and Carl Ekstrand, a mineral chemist, were witnesses.")
    assert not any(prompt.startswith(("Who was the daughter", "What role did Charlotta Beck")) for prompt in found)


def test_a_long_lead_is_cut_before_its_participle() -> None:
    found = prompts("More than 1,100 nurses at Halbrook General Hospital walked off the job at 7 a.m. on Tuesday, "
                    "setting up picket lines along Merrow Avenue after nine months of contract talks ended late on "
                    "Monday night without any deal.")
    assert "Fill in the blank: More than _____ at Halbrook General Hospital walked off the job at 7 a.m. on " \
           "Tuesday." in found
    assert not any(prompt.split(": ", 1)[-1].startswith("Setting") for prompt in found)


def test_they_after_said_is_the_speaker() -> None:
    found = prompts("Hospital administrators said they had brought in about 400 replacement nurses through an "
                    "agency.")
    assert any("about _____ through an agency" in prompt for prompt in found)



def test_an_outside_expert_is_asked_by_role_not_by_name() -> None:
    found = prompts("Amara Lindqvist, a planetary geologist at the University of Uppsala, praised the team. "
                    "Jonas Berg, the mission's project manager, agreed. Ana Ruiz, a rover driver, smiled. "
                    "Tom Hale, the flight director, waved.")
    assert not any(prompt.startswith("Who was the planetary geologist") for prompt in found)


def test_a_measure_before_its_noun_is_blanked_without_the_noun() -> None:
    bank = generate("A title\nThe strike, the first at the 640-bed hospital since 1998, is scheduled to last 72 hours.")
    blanks = [question for question in bank.questions if "_____ hospital since 1998" in question.prompt]
    assert blanks and all(question.answer == "640-bed" for question in blanks)


def _money(choice: str) -> float:
    return float(choice.replace("$", "").replace(",", ""))


def test_wrong_figures_keep_the_direction_the_sentence_gives() -> None:
    # "rises from $55 to _____": a choice below $55 is ruled out by the sentence itself.
    bank = generate("A title\nThe monthly pass rises from $55 to $68, the transit authority said on Tuesday. "
                    "Fares for students rose to $31, up from $24, after a long debate in the council.")
    asked = {question.answer: question.choices for question in bank.questions if question.type == "multiple_choice"}
    assert set(asked) >= {"$55", "$68", "$31", "$24"}
    assert all(_money(choice) < 68 for choice in asked["$55"])
    assert all(_money(choice) > 55 for choice in asked["$68"])
    assert all(_money(choice) > 24 for choice in asked["$31"])
    assert all(_money(choice) < 31 for choice in asked["$24"])


def test_cents_are_never_offered_past_a_dollar() -> None:
    bank = generate("A title\nThe plan keeps the reduced fare for seniors, people with disabilities and students "
                    "at 85 cents, the council decided after a long debate.")
    (question,) = [q for q in bank.questions if q.type == "multiple_choice" and q.answer == "85 cents"]
    assert all(int(choice.split()[0]) < 100 for choice in question.choices)


def test_a_conversion_beside_the_blank_is_left_out() -> None:
    # "_____ (5,289 ft)" gives the answer away in other units.
    asked = prompts("As built, the bridge has a total length of 1,612 metres (5,289 ft), including the approach "
                    "viaducts. The club paid a fee of £31 million (€36.5m) for the striker last summer.")
    blanks = [prompt for prompt in asked if "_____" in prompt]
    assert any("length of _____, including" in prompt for prompt in blanks)
    assert not any("ft)" in prompt or "€36.5m" in prompt for prompt in blanks)


def test_a_when_question_never_ends_on_a_bare_preposition() -> None:
    asked = prompts("A suspension bridge proposed in 1862 by the engineer Horace Whitlam was abandoned after the "
                    "Admiralty objected that its deck would obstruct the passage of tall-masted ships into the inner "
                    "harbour. A programme of strengthening and repainting followed between 1998 and 2004, at a cost "
                    "of £61 million, during which some 1.1 million rivets were replaced with high-strength bolts.")
    whens = [prompt for prompt in asked if prompt.startswith("When")]
    assert not any(prompt.endswith(" by?") for prompt in whens)
    assert not any("programme" in prompt for prompt in whens)  # read as a noun with a participle: no event


def test_a_relation_to_another_person_is_no_role_and_gendered_forms_are_one_office() -> None:
    bank = generate(
        "A title\nThe bridge was designed by Edmund Parrish, chief engineer of the Northern Counties Railway. "
        "Thomas Greig, a former pupil of Parrish, supervised the site. The foreman, Walter Dunstan, died in the "
        "collapse. Councilwoman Priya Halvorsen praised the plan. Councilman Reggie Alvarado voted against it. "
        "Council President Dolores Wentworth cast the deciding vote.")
    roles = [question for question in bank.questions if question.prompt.startswith("What role")]
    assert not any("pupil" in choice for question in roles for choice in question.choices)
    for question in roles:  # "Councilwoman" beside "Councilman": one office, told apart only by sex
        council = [choice for choice in question.choices if "council" in choice.lower()]
        assert len(council) <= 1, question.choices


def test_a_blank_never_leans_on_them_or_on_an_age_for_a_name() -> None:
    asked = prompts("Researchers then tracked them through two winter seasons, recording every case of illness. "
                    "The 24-year-old, who scored 27 goals in all competitions last season, has signed a five-year "
                    "contract.")
    assert not [prompt for prompt in asked if "_____" in prompt]


def test_a_role_is_asked_in_the_present_when_its_holder_reports_in_a_news_story() -> None:
    asked = prompts("City manager Stefan Aldridge said the striker had been his first choice all summer. "
                    "Club chairman Richard Penhallow said the fee was a statement of intent. "
                    "Team doctor Lars Brunvik said the medical had gone well. "
                    "Twenty-nine men were killed in 1889, including the foreman, Walter Dunstan, and five boys; only "
                    "eleven bodies were recovered.")
    roles = [prompt for prompt in asked if prompt.startswith("What role")]
    assert "What role does Stefan Aldridge hold?" in roles
    assert not any(prompt.startswith("What role does Walter Dunstan") for prompt in roles)


def test_them_late_in_a_sentence_points_inside_it() -> None:
    asked = prompts("As many as 4,000 labourers worked on the cut at its peak, and at least 212 men died there, most "
                    "of them from marsh fever.")
    assert any("at least _____ died there" in prompt for prompt in asked)


def test_a_sentence_full_of_figures_asks_only_its_two_most_important() -> None:
    bank = generate("A title\nAbout 31 percent of vaccine recipients reported pain at the injection site, compared "
                    "with 12 percent in the placebo group, and fatigue was reported by 9 percent and 10 percent "
                    "respectively.")
    asked = {question.fact_id for question in bank.questions}
    figures = [fact for fact in bank.facts if fact.kind == "figure"]
    assert len(figures) == 4  # all stay in the bank
    assert len(asked) == 2


def test_a_short_quotation_that_points_back_is_not_asked() -> None:
    asked = prompts("City manager Stefan Aldridge said the club had watched the striker for two years. "
                    "“He was always the one,” Aldridge said. “We looked at a lot of players, and we watched him in "
                    "big games and in small games,” he added.")
    assert not any("He was always the one" in prompt for prompt in asked)


def test_a_range_is_typed_not_chosen() -> None:
    # Varying one end ("60 to 40 millimetres") makes nonsense choices.
    bank = generate("A title\nForecasters said the rain should ease by Wednesday, though a further 30 to 40 "
                    "millimetres could fall in the hills.")
    assert not [q for q in bank.questions if q.type == "multiple_choice" and "millimetres" in q.answer]
    assert [q for q in bank.questions if q.type == "cloze" and "millimetres" in q.answer]


def test_a_past_role_is_dated_only_by_its_own_clause() -> None:
    asked = prompts("The district's chief financial officer, Marcus Ebright, acknowledged at the meeting that earlier "
                    "projections had been too optimistic, because they assumed enrolment would stabilise after the "
                    "closure of Cedar Hollow school in 2019. Superintendent Dolores Whitcombe said the plan was "
                    "fair. Trustee Raymond Ochoa voted no. Parent Annette Falkner spoke against it.")
    assert not any("in 2019?" in prompt for prompt in asked)


def test_a_weekday_that_contradicts_the_carried_year_gives_no_date() -> None:
    # No dateline: "March 10" would take 2019 from the sentence, but 10 March 2019 was a Sunday.
    bank = generate("A title\nThe district, which has closed two schools since 2019, must cut 38 positions, "
                    "officials told a packed board meeting on Tuesday, March 10.")
    assert not [fact for fact in bank.facts if fact.kind == "date" and fact.value == "2019-03-10"]


def test_an_opening_he_is_named_when_the_sentence_before_was_about_one_person() -> None:
    asked = prompts("Lighthouse keeper John Harker joined the Northern Coastal Lights Service in 1959. He "
                    "became principal keeper at Carrick Ness in 1968 and served there for 25 years. “He never "
                    "talked about that night,” said his colleague Callum Dray, an assistant keeper. He received the "
                    "Medal for Gallantry in 1972.")
    assert any(prompt.startswith("Fill in the blank: John Harker became principal keeper at Carrick Ness in _____")
               for prompt in asked)
    # After a quotation, "he" may be the speaker or the man spoken of: nobody is named for it.
    assert not any("Callum Dray received" in prompt or "did Callum Dray receive" in prompt for prompt in asked)


def test_the_date_of_an_opening_participle_is_not_the_main_clauses() -> None:
    asked = prompts("Born on 14 May 1937 in the harbour town of Kellock, John Harker left school at 15 to work "
                    "on the herring boats.")
    assert not any(prompt.startswith("When did John Harker leave school") for prompt in asked)


def test_the_roles_of_someone_who_died_are_asked_in_the_past() -> None:
    bank = generate("Mary Holloway, keeper of the Carrick Ness light, dies at 88\n"
                    "Mary Holloway, the keeper of the Carrick Ness light for 34 years, has died at her home. "
                    "Harbour master Tom Reddy said the town had lost a friend. Mayor Ann Pike praised her courage. "
                    "Coastguard chief Lars Brunvik called her a legend.")
    asked = [question.prompt for question in bank.questions]
    assert not any(prompt.startswith(("What role does Mary Holloway", "Who is the keeper")) for prompt in asked)


def test_a_role_held_towards_a_named_person_is_not_asked() -> None:
    bank = generate("A title\nThe goalkeeper, Aled Pryce, said he was proud of his team. Pryce's opposite number, Henrik Dahl, "
                    "was beaten five times. Castlebrook defender Liam Corrigan scored. Substitute Daniel Okafor "
                    "set up the winner. Club doctor Ann Pike treated him.")
    assert not any("opposite number" in choice for question in bank.questions for choice in question.choices)


def test_a_change_that_follows_from_two_amounts_asks_only_one_of_the_three() -> None:
    # Any one of "4.1 million", "5.6 million" and "27 percent" can be worked out from the other two.
    bank = generate("A title\nThe agency recorded about 4.1 million boardings last year, compared with 5.6 million "
                    "in 2019, a decline of roughly 27 percent.")
    asked_figures = {q.answer for q in bank.questions if q.fact_id in
                     {fact.id for fact in bank.facts if fact.kind == "figure"}}
    assert len(asked_figures) <= 1
