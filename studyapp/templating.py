"""Jinja filters shared by the templates."""

from __future__ import annotations

from datetime import datetime

from flask import Flask


def when(moment: datetime | None, now: datetime) -> str:
    """"in 10 minutes", "in 3 hours", "tomorrow", "in 12 days", "on 4 March 2027": how far off a time is."""
    if moment is None:
        return "never"
    seconds = (moment - now).total_seconds()
    if seconds <= 60:
        return "now"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    if seconds < 86400:
        hours = round(seconds / 3600)
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = (moment.date() - now.date()).days
    if days == 1:
        return "tomorrow"
    if days < 60:
        return f"in {days} days"
    return f"on {moment.day} {moment.strftime('%B %Y')}"


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["when"] = when
