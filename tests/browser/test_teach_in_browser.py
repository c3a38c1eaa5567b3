"""A teacher turns an article into a set, approves it and assigns it to a class; a student joins and studies it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from studyapp.auth.accounts import create_user
from studyapp.extensions import db
from studyapp.models import Role

pytestmark = pytest.mark.browser
SEED_ARTICLE = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.txt"
SEED_BANK = SEED_ARTICLE.with_suffix(".json")
PASSWORD = "a-long-enough-password"


def log_in(page: Page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")


def test_from_article_to_a_students_flashcard(live_app, browser, live_server: str) -> None:
    with live_app.app_context():
        create_user(db.session, email="teacher@school.org", password=PASSWORD, display_name="Ms Rivera",
                    role=Role.TEACHER)
        create_user(db.session, email="sam@school.org", password=PASSWORD, display_name="Sam", role=Role.STUDENT)
        db.session.commit()

    teacher = browser.new_context(base_url=live_server).new_page()
    log_in(teacher, "teacher@school.org")
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Teach", exact=True).click()
    teacher.get_by_role("link", name="New set from an article").click()
    teacher.get_by_label("…or upload a file").set_input_files(str(SEED_ARTICLE))
    teacher.get_by_role("button", name="Make questions").click()

    expect(teacher.get_by_role("heading", level=1)).to_have_text("US-Colombia Relations")
    expect(teacher.get_by_role("heading", name="The article disagrees with itself")).to_be_visible()
    expect(teacher.get_by_role("heading", name="Quotations")).to_be_visible()
    teacher.get_by_role("button", name="Approve all").click()
    generated = len(json.loads(SEED_BANK.read_text())["questions"])  # the same article gives the same bank
    expect(teacher.get_by_text(f"Approved {generated} questions.")).to_be_visible()
    expect(teacher.locator(".meta").first).to_contain_text("0 to review")

    # A class, its code, and the set assigned to it (the set stays private to the teacher otherwise).
    teacher.goto("/teach/classes")
    teacher.get_by_label("Class name").fill("History 9B")
    teacher.get_by_role("button", name="Create class").click()
    code = teacher.locator(".join-code-large").inner_text()
    teacher.get_by_label("Question set").select_option(label="US-Colombia Relations")
    teacher.get_by_label("Due (optional)").fill("2030-05-01T17:00")
    teacher.get_by_role("button", name="Assign").click()
    expect(teacher.get_by_text("Assigned US-Colombia Relations to History 9B.")).to_be_visible()

    student = browser.new_context(base_url=live_server).new_page()
    log_in(student, "sam@school.org")
    student.get_by_role("link", name="Join a class with a code").click()
    student.get_by_label("Class code").fill(code.lower())
    student.get_by_role("button", name="Join class").click()
    expect(student.get_by_text("You joined History 9B.")).to_be_visible()
    assignments = student.locator("section").first
    expect(assignments).to_contain_text("US-Colombia Relations")
    expect(assignments).to_contain_text("due 01 May 2030 17:00 UTC")
    student.goto("/study/flashcards")
    student.keyboard.press(" ")
    expect(student.locator(".source mark")).to_be_visible()
    student.keyboard.press("3")
    expect(student.get_by_text("Show answer")).to_be_visible()
