"""A live quiz in Chromium: a host page and three phones, one of which reloads mid-game, to the podium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from studyapp.auth.accounts import create_user
from studyapp.banks.importer import import_bank
from studyapp.extensions import db
from studyapp.models import Role

pytestmark = pytest.mark.browser
SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
PASSWORD = "a-long-enough-password"
PHASE_CHANGE = 6000  # ms: pages poll every second and reload when the session moves on


def test_a_live_game_from_lobby_to_podium(live_app, browser, live_server: str) -> None:
    with live_app.app_context():
        teacher = create_user(db.session, email="teacher@school.org", password=PASSWORD, display_name="Ms Rivera",
                              role=Role.TEACHER)
        set_id = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher,
                             approve=True).question_set.id
        db.session.commit()

    host = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 800}).new_page()
    host.goto("/auth/login")
    host.get_by_label("Email").fill("teacher@school.org")
    host.get_by_label("Password").fill(PASSWORD)
    host.get_by_label("Password").press("Enter")
    host.goto(f"/live/new/{set_id}")
    boxes = host.locator('.question-picker input[type="checkbox"]')
    for index in range(boxes.count()):
        if index >= 2:
            boxes.nth(index).uncheck()
    host.get_by_label("Seconds per question").fill("60")
    host.get_by_role("button", name="Open the lobby").click()
    pin = host.locator(".pin").inner_text()
    expect(host.locator(".qr-box svg")).to_be_visible()

    phones: dict[str, Page] = {}
    for name in ("Ana", "Ben", "Cy"):
        phone = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844},
                                    has_touch=True, is_mobile=True).new_page()
        phone.goto(f"/join?pin={pin}")
        phone.get_by_label("Nickname").fill(name)
        phone.get_by_role("button", name="Join").click()
        expect(phone.get_by_role("heading", name="You're in!")).to_be_visible()
        phones[name] = phone
    expect(host.locator("[data-live-players]")).to_have_text("3", timeout=PHASE_CHANGE)

    for round_number in range(2):
        host.get_by_role("button", name="Start" if round_number == 0 else "Next question").click()
        for name, phone in phones.items():
            buttons = phone.locator(".live-answer-form button")
            expect(buttons.first).to_be_visible(timeout=PHASE_CHANGE)
            if name == "Ben" and round_number == 0:
                phone.reload()  # a phone that loses the page mid-question is still Ben
                expect(phone.get_by_text("Ben")).to_be_visible()
            buttons.nth(round_number).tap()
            expect(phone.get_by_role("heading", name="Answer sent")).to_be_visible()
        expect(host.locator("[data-live-answers]")).to_have_text("3", timeout=PHASE_CHANGE)
        host.get_by_role("button", name="Reveal now").click()
        expect(host.locator(".is-right")).to_be_visible()
        for phone in phones.values():
            expect(phone.locator(".verdict")).to_be_visible(timeout=PHASE_CHANGE)
        host.get_by_role("button", name="Leaderboard").click()
        expect(host.get_by_role("heading", name="Leaderboard")).to_be_visible()

    host.get_by_role("button", name="Finish").click()
    expect(host.get_by_role("heading", name="Podium")).to_be_visible()
    expect(host.locator("table tbody tr")).to_have_count(3)
    for phone in phones.values():
        expect(phone.get_by_role("heading", name="Finished", exact=False)).to_be_visible(timeout=PHASE_CHANGE)
