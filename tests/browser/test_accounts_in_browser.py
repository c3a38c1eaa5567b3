"""Register, log out and log in again in Chromium, using the keyboard where a person would."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_register_log_out_and_log_in(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Learn what an article says")

    page.get_by_role("link", name="Register").click()
    page.get_by_label("Your name").fill("Dana Ortiz")
    page.get_by_label("Email").fill("dana@school.org")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Use between 10 and 128 characters.")).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Password", exact=True).fill("a-long-enough-password")
    page.get_by_label("Repeat password").fill("a-long-enough-password")
    page.get_by_label("Repeat password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Dana Ortiz")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Dana Ortiz")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You have logged out.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("dana@school.org")
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("do not match an account")

    page.get_by_label("Password").fill("a-long-enough-password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_text("Welcome back, Dana Ortiz.")).to_be_visible()


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page: Page) -> None:
    page.goto("/auth/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "email"


def test_a_phone_sized_screen_needs_no_sideways_scrolling(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/", "/auth/login", "/auth/register"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
