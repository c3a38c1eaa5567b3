"""The study loop on a real database: due cards first, new ones up to a limit, each answer once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from studyapp.models import CardState, ReviewLog, Role
from studyapp.srs import Rating
from studyapp.study.service import StaleCard, due_count, next_card, next_due_time, record_review

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


def answer(db, student, shown, rating, now, token):
    return record_review(db.session, student, shown.question, rating=rating, shown_version=shown.version,
                         token=token, now=now, fuzz=False)


@BOTH
def test_new_cards_come_in_order_up_to_the_daily_limit(db, make_user, seed_set) -> None:
    student = make_user()
    student.new_cards_per_day = 3
    db.session.commit()
    seen_facts = set()
    for number in range(3):
        shown = next_card(db.session, student, MONDAY)
        assert shown is not None and shown.is_new
        assert shown.question.fact_id not in seen_facts  # never two questions on one fact in a day
        seen_facts.add(shown.question.fact_id)
        answer(db, student, shown, Rating.Easy, MONDAY, f"t{number}")
    assert next_card(db.session, student, MONDAY) is None  # limit reached, nothing due yet
    assert next_card(db.session, student, MONDAY + timedelta(days=1)) is not None


@BOTH
def test_due_reviews_come_before_new_cards(db, make_user, seed_set) -> None:
    student = make_user()
    first = next_card(db.session, student, MONDAY)
    answer(db, student, first, Rating.Good, MONDAY, "first")  # learning step: due again in 10 minutes
    later = MONDAY + timedelta(minutes=11)
    shown = next_card(db.session, student, later)
    assert shown.question.id == first.question.id and not shown.is_new
    assert due_count(db.session, student, later) == 1
    assert next_due_time(db.session, student) == MONDAY + timedelta(minutes=10)


@BOTH
def test_an_answer_sent_twice_counts_once(db, make_user, seed_set) -> None:
    student = make_user()
    shown = next_card(db.session, student, MONDAY)
    first = answer(db, student, shown, Rating.Good, MONDAY, "same-token")
    again = answer(db, student, shown, Rating.Good, MONDAY + timedelta(seconds=1), "same-token")
    assert not first.repeated and again.repeated
    assert again.log_id == first.log_id
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 1
    assert db.session.scalar(select(CardState.reps)) == 1


@BOTH
def test_a_second_tab_cannot_answer_a_card_already_answered(db, make_user, seed_set) -> None:
    student = make_user()
    shown_in_both_tabs = next_card(db.session, student, MONDAY)
    answer(db, student, shown_in_both_tabs, Rating.Good, MONDAY, "tab-one")
    with pytest.raises(StaleCard):
        answer(db, student, shown_in_both_tabs, Rating.Again, MONDAY, "tab-two")
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 1
    card = db.session.scalar(select(CardState))
    assert (card.reps, card.version) == (1, 1)


@BOTH
def test_a_week_of_simulated_days_follows_fsrs(db, make_user, seed_set) -> None:
    """Time travel: the card's intervals are exactly those fsrs gives for the same ratings."""
    from studyapp.srs import new_memory_state, review

    student = make_user()
    shown = next_card(db.session, student, MONDAY)
    question_id = shown.question.id
    expected = new_memory_state(MONDAY)
    now = MONDAY
    ratings = [Rating.Good, Rating.Good, Rating.Hard, Rating.Good, Rating.Again, Rating.Good, Rating.Easy]
    for day, rating in enumerate(ratings):
        card = db.session.scalar(select(CardState).where(CardState.question_id == question_id))
        version = card.version if card else 0
        now = max(now, card.due) if card else now
        record_review(db.session, student, shown.question, rating=rating, shown_version=version,
                      token=f"day-{day}", now=now, fuzz=False)
        expected = review(expected, rating, now, fuzz=False)
        db.session.expire_all()
        card = db.session.scalar(select(CardState).where(CardState.question_id == question_id))
        assert card.due == expected.due
        assert card.state == expected.state
        assert card.stability == pytest.approx(expected.stability)
        assert card.due.tzinfo is not None
    assert card.reps == len(ratings) and card.lapses == 1
    logs = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
    assert [log.rating for log in logs] == [int(r) for r in ratings]
    assert all(log.reviewed_at.tzinfo is not None for log in logs)
    assert card.due - now > timedelta(days=1)  # after Easy the card is days away


def test_students_only_get_sets_they_may_see(db, make_user, seed_set) -> None:
    from studyapp.models import Visibility

    seed_set.visibility = Visibility.PRIVATE
    db.session.commit()
    assert next_card(db.session, make_user(), MONDAY) is None
    assert next_card(db.session, seed_set.owner, MONDAY) is not None
    assert next_card(db.session, make_user(Role.TEACHER), MONDAY) is None


@BOTH
def test_progress_counts_due_cards_reviews_retention_streak_and_mastery(db, make_user, seed_set) -> None:
    from studyapp.study.progress import progress_for

    student = make_user()
    now = MONDAY
    # Three days in a row: meet two cards, then review them as they fall due.
    for day in range(3):
        today = MONDAY + timedelta(days=day)
        for _ in range(2):
            shown = next_card(db.session, student, today)
            if shown is None:
                break
            record_review(db.session, student, shown.question, rating=Rating.Easy, shown_version=shown.version,
                          token=f"{day}-{shown.question.id}-{shown.version}", now=today, fuzz=False)
        now = today
    report = progress_for(db.session, student, now + timedelta(hours=1))
    assert report.streak_days == 3
    assert report.total_reviews == sum(count for _day, count in report.reviews_by_day)
    assert sum(count for _day, count in report.due_by_day) == db.session.scalar(
        select(func.count()).select_from(CardState))
    assert len(report.due_by_day) == 31 and len(report.reviews_by_day) == 30
    kinds = {row.label: row for row in report.by_kind}
    assert set(kinds) >= {"Dates", "Quotes", "People"}
    assert sum(row.total for row in report.by_kind) == len([q for q in seed_set.questions])
    assert report.by_set[0].label == "US-Colombia Relations" and report.by_set[0].seen >= 2
    if report.retention_reviews:
        assert 0 <= report.true_retention <= 1


@BOTH
def test_a_student_studies_the_seed_bank_for_a_week(db, make_user, seed_set) -> None:
    """Seven simulated days of studying everything due plus ten new cards; every card follows FSRS."""
    from studyapp.srs import new_memory_state, review

    student = make_user()
    student.new_cards_per_day = 10
    db.session.commit()
    expected: dict[int, object] = {}
    reviews_per_day = []
    for day in range(7):
        now = MONDAY + timedelta(days=day, hours=1)
        done = 0
        while (shown := next_card(db.session, student, now)) is not None and done < 200:
            question_id = shown.question.id
            # A student who forgets one card in five, and finds one in five easy.
            seen = shown.card.reps if shown.card is not None else 0
            rating = [Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Hard][(question_id + day + seen) % 5]
            record_review(db.session, student, shown.question, rating=rating, shown_version=shown.version,
                          token=f"{day}-{question_id}-{shown.version}", now=now, fuzz=False)
            expected[question_id] = review(expected.get(question_id) or new_memory_state(now), rating, now,
                                           fuzz=False)
            done += 1
            now += timedelta(minutes=11)  # learning steps come due again within the session
        reviews_per_day.append(done)
    assert all(count >= 10 for count in reviews_per_day)
    assert len(expected) == 70  # ten new cards a day
    cards = {card.question_id: card for card in db.session.scalars(select(CardState))}
    for question_id, state in expected.items():
        card = cards[question_id]
        assert card.due == state.due and card.state == state.state and card.reps == state.reps
        assert card.stability == pytest.approx(state.stability)
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == sum(reviews_per_day)


@BOTH
def test_a_students_day_begins_at_their_own_midnight(db, make_user, seed_set) -> None:
    """In Bogotá (UTC-5) a new day begins at 05:00 UTC: new cards and the streak follow that."""
    from studyapp.study.progress import progress_for

    student = make_user()
    student.new_cards_per_day, student.time_zone = 1, "America/Bogota"
    db.session.commit()
    evening = datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc)  # 22:00 on 1 March in Bogotá
    shown = next_card(db.session, student, evening)
    answer(db, student, shown, Rating.Easy, evening, "evening")
    # 04:30 UTC is a new day in UTC but still 1 March in Bogotá: the one new card is used up.
    assert next_card(db.session, student, evening + timedelta(hours=1, minutes=30)) is None
    # 05:30 UTC is 00:30 on 2 March in Bogotá: a new day, a new card.
    morning = evening + timedelta(hours=2, minutes=30)
    shown = next_card(db.session, student, morning)
    assert shown is not None and shown.is_new
    answer(db, student, shown, Rating.Easy, morning, "morning")

    report = progress_for(db.session, student, morning)
    assert report.streak_days == 2  # 1 and 2 March in Bogotá, though both reviews fell on 2 March in UTC
    assert report.reviews_by_day[-2:] == [(datetime(2026, 3, 1).date(), 1), (datetime(2026, 3, 2).date(), 1)]


def test_an_unknown_zone_name_counts_as_utc() -> None:
    from studyapp.study.days import start_of_day, time_zone_names, zone_of

    assert zone_of("Mars/Olympus_Mons") == zone_of("UTC") == zone_of(None)
    assert start_of_day(datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc), zone_of("America/Bogota")) == \
        datetime(2026, 3, 1, 5, 0, tzinfo=timezone.utc)
    names = time_zone_names()
    assert names[0] == "UTC" and "America/Bogota" in names and "Europe/Madrid" in names
