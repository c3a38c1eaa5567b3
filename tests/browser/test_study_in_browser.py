"""A student studies with the keyboard alone: Space to see the answer, 1-4 to rate, Enter to check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from studyapp.auth.accounts import create_user
from studyapp.banks.importer import import_bank
from studyapp.extensions import db
from studyapp.models import ReviewLog, Role, User, Visibility

pytestmark = pytest.mark.browser
SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
PASSWORD = "a-long-enough-password"


@pytest.fixture
def student_page(live_app, page: Page) -> Page:
    with live_app.app_context():
        teacher = create_user(db.session, email="teacher@school.org", password=PASSWORD, display_name="Teacher",
                              role=Role.TEACHER)
        create_user(db.session, email="sam@school.org", password=PASSWORD, display_name="Sam", role=Role.STUDENT)
        import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, visibility=Visibility.PUBLIC,
                    approve=True)
        db.session.commit()
    page.goto("/auth/login")
    page.get_by_label("Email").fill("sam@school.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")
    return page


def review_logs(live_app) -> list[ReviewLog]:
    with live_app.app_context():
        return db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()


def test_flashcards_with_the_keyboard(student_page: Page, live_app) -> None:
    page = student_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Study").click()
    page.get_by_role("link", name="Flashcards").click()
    first_prompt = page.locator("#prompt").inner_text()
    expect(page.get_by_text("Show answer")).to_be_visible()

    page.keyboard.press(" ")
    expect(page.locator(".answer-text")).to_be_visible()
    expect(page.locator(".source mark")).to_be_visible()
    expect(page.get_by_role("button", name="Good")).to_contain_text("10m")

    page.keyboard.press("3")
    expect(page.get_by_text("Show answer")).to_be_visible()
    assert page.locator("#prompt").inner_text() != first_prompt
    page.keyboard.press(" ")
    expect(page.locator(".answer-text")).to_be_visible()
    page.keyboard.press("4")
    expect(page.get_by_text("Show answer")).to_be_visible()
    assert [log.rating for log in review_logs(live_app)] == [3, 4]


def test_a_quiz_with_the_keyboard(student_page: Page, live_app) -> None:
    page = student_page
    page.goto("/study/quiz")
    legend = page.locator("legend#prompt")
    expect(legend).to_be_visible()
    page.keyboard.press("2")
    expect(page.locator('input[data-key="2"]')).to_be_checked()
    page.keyboard.press("Enter")
    verdict = page.locator(".verdict")
    expect(verdict).to_be_visible()
    suggested = page.locator("button.suggested")
    expect(suggested).to_be_focused()
    page.keyboard.press("Enter")  # accept the suggested rating
    expect(page.locator("#prompt")).to_be_visible()
    logs = review_logs(live_app)
    assert len(logs) == 1 and logs[0].answer_given and logs[0].correct in (True, False)


def test_studying_works_by_touch_on_a_phone(student_page: Page, browser, live_server: str, live_app) -> None:
    phone = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740}, has_touch=True,
                                is_mobile=True, storage_state=student_page.context.storage_state())
    page = phone.new_page()
    page.goto("/study/flashcards")
    page.get_by_role("button", name="Show answer").tap()
    page.get_by_role("button", name="Again").tap()
    expect(page.get_by_text("Show answer")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert [log.rating for log in review_logs(live_app)] == [1]
    phone.close()


def test_a_rating_is_sent_again_while_the_server_says_try_again(student_page: Page, live_app) -> None:
    page = student_page
    page.goto("/study/flashcards")
    calls: list[str] = []

    def database_down_once(route) -> None:
        calls.append(route.request.method)
        if len(calls) == 1:
            route.fulfill(status=503, json={"error": "try_again", "message": "StudyApp cannot reach its database."})
        else:
            route.continue_()

    page.route("**/study/review", database_down_once)
    page.keyboard.press(" ")
    page.keyboard.press("3")
    expect(page.locator("[data-study-notice]")).to_contain_text("Trying again")
    expect(page.get_by_text("Show answer")).to_be_visible()
    assert calls == ["POST", "POST"]
    assert [log.rating for log in review_logs(live_app)] == [3]


def test_the_settings_offer_the_devices_time_zone(student_page: Page, browser, live_server: str, live_app) -> None:
    bogota = browser.new_context(base_url=live_server, timezone_id="America/Bogota",
                                 storage_state=student_page.context.storage_state())
    page = bogota.new_page()
    page.goto("/study/settings")
    page.get_by_role("button", name="Use this device's time zone (America/Bogota)").click()
    expect(page.get_by_label("Time zone")).to_have_value("America/Bogota")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your study settings are saved.")).to_be_visible()
    with live_app.app_context():
        assert db.session.scalar(select(User.time_zone).where(User.email == "sam@school.org")) == "America/Bogota"
    bogota.close()
