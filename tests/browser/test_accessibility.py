"""axe-core, run in Chromium on the main pages of every kind of visitor: no serious or critical violation."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from studyapp.auth.accounts import create_user
from studyapp.banks.importer import import_bank
from studyapp.extensions import db
from studyapp.live.service import create_live_session, host_move, playable_questions
from studyapp.models import LiveSession, Role, Visibility

pytestmark = pytest.mark.browser
SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
PASSWORD = "a-long-enough-password"


def serious_violations(page: Page) -> list[tuple[str, str, int]]:
    results = Axe().run(page)
    return [(violation["id"], violation["impact"], len(violation["nodes"]))
            for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")]


@pytest.fixture
def site(live_app, browser, live_server):
    with live_app.app_context():
        teacher = create_user(db.session, email="teacher@school.org", password=PASSWORD, display_name="T",
                              role=Role.TEACHER)
        create_user(db.session, email="sam@school.org", password=PASSWORD, display_name="Sam", role=Role.STUDENT)
        question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher,
                                   visibility=Visibility.PUBLIC, approve=True).question_set
        live = create_live_session(db.session, teacher, question_set,
                                   [q.id for q in playable_questions(question_set)[:3]], 20, datetime.now(timezone.utc))
        db.session.commit()
        ids = {"set": question_set.id, "live": live.id, "pin": live.pin}

    def page_for(email: str | None) -> Page:
        page = browser.new_context(base_url=live_server).new_page()
        if email:
            page.goto("/auth/login")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_label("Password").press("Enter")
            page.wait_for_url("**/")
        return page

    return page_for, ids


def test_pages_have_no_serious_accessibility_violations(site, live_app) -> None:
    page_for, ids = site
    visits = {
        None: ["/", "/auth/login", "/auth/register", "/live/join"],
        "sam@school.org": ["/", "/study/", "/study/flashcards", "/study/quiz", "/study/progress", "/study/settings",
                           "/classes/join"],
        "teacher@school.org": ["/teach/", f"/teach/sets/{ids['set']}", "/teach/sets/new", "/teach/sets/import",
                               "/teach/classes", f"/teach/sets/{ids['set']}/statistics", f"/live/host/{ids['live']}",
                               f"/live/new/{ids['set']}"],
    }
    found = {}
    for who, paths in visits.items():
        page = page_for(who)
        for path in paths:
            page.goto(path)
            found[path] = serious_violations(page)
    student = page_for("sam@school.org")
    student.goto("/study/flashcards")
    student.get_by_role("button", name="Show answer").click()
    student.wait_for_selector(".answer-text")
    found["flashcard answer"] = serious_violations(student)
    student.get_by_role("button", name="Good").click()  # the next card comes in place
    student.wait_for_selector("#show-answer")
    found["next flashcard, in place"] = serious_violations(student)
    player = page_for(None)
    player.goto(f"/join?pin={ids['pin']}")
    player.get_by_label("Nickname").fill("Ana")
    player.get_by_role("button", name="Join").click()
    player.wait_for_selector("h1")
    found["live player"] = serious_violations(player)
    with live_app.app_context():  # the host starts the game: the player's page draws the question itself
        live = db.session.get(LiveSession, ids["live"])
        host_move(db.session, live, "next", datetime.now(timezone.utc))
        db.session.commit()
    player.wait_for_selector(".live-answer-form button")
    found["live player, question drawn in place"] = serious_violations(player)
    assert {path: problems for path, problems in found.items() if problems} == {}


# Everything a mouse could use, numbered; one stop per radio group (the arrow keys move within it).
NUMBER_CONTROLS = """
() => {
  const selector = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, ' +
                   '[tabindex]:not([tabindex="-1"])';
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const groups = new Map();
  let count = 0;
  for (const element of document.querySelectorAll(selector)) {
    if (!visible(element)) continue;
    if (element.type === "radio") {
      if (!groups.has(element.name)) groups.set(element.name, String(count++));
      element.dataset.control = groups.get(element.name);
    } else {
      element.dataset.control = String(count++);
    }
  }
  return count;
}
"""

FOCUSED = """
() => {
  const element = document.activeElement;
  if (!element || !element.dataset || element.dataset.control === undefined) return null;
  const style = getComputedStyle(element);
  const marked = (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
  const name = `${element.tagName.toLowerCase()} ${element.id || element.name || element.getAttribute("href") || ""}`;
  return [element.dataset.control, name, marked];
}
"""


def keyboard_reach(page: Page) -> tuple[list[str], list[str]]:
    """Press Tab through the page: (controls Tab never reached, controls focused without a visible mark)."""
    count = page.evaluate(NUMBER_CONTROLS)
    reached: set[str] = set()
    unmarked: set[str] = set()
    for _press in range(count + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        control, name, marked = focused
        reached.add(control)
        if not marked:
            unmarked.add(name)
    missed = page.evaluate("""(reached) => [...document.querySelectorAll("[data-control]")]
        .filter((element) => !reached.includes(element.dataset.control))
        .map((element) => `${element.tagName.toLowerCase()} ${element.textContent.trim().slice(0, 40)}`)""",
                           sorted(reached))
    return missed, sorted(unmarked)


def test_every_main_page_works_with_the_keyboard_alone(site) -> None:
    page_for, ids = site
    visits = {
        None: ["/", "/auth/login", "/auth/register", "/live/join"],
        "sam@school.org": ["/study/", "/study/flashcards", "/study/quiz", "/study/progress", "/study/settings"],
        "teacher@school.org": [f"/teach/sets/{ids['set']}", "/teach/sets/new", "/teach/classes",
                               f"/live/host/{ids['live']}"],
    }
    problems = {}
    for who, paths in visits.items():
        page = page_for(who)
        for path in paths:
            page.goto(path)
            missed, unmarked = keyboard_reach(page)
            if missed or unmarked:
                problems[path] = {"not reached by Tab": missed, "focus not shown on": unmarked}
    assert problems == {}
