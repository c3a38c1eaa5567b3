"""The study forms: settings, and the hidden fields that carry a shown card's token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DecimalRangeField, HiddenField, IntegerField, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from studyapp.study.days import time_zone_names


class ReviewForm(FlaskForm):
    token = HiddenField(validators=[InputRequired()])
    rating = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=4)])
    answer = HiddenField()
    mode = HiddenField()
    elapsed_ms = HiddenField()


class CheckForm(FlaskForm):
    token = HiddenField(validators=[InputRequired()])
    elapsed_ms = HiddenField()


class SettingsForm(FlaskForm):
    desired_retention = DecimalRangeField(
        "Desired retention",
        places=2,
        validators=[InputRequired(), NumberRange(min=0.70, max=0.97, message="Choose between 0.70 and 0.97.")],
        description="How likely you want to be to remember a card when it comes back. Higher means more reviews.",
    )
    new_cards_per_day = IntegerField(
        "New cards per day",
        validators=[InputRequired(), NumberRange(min=0, max=1000, message="Choose a number from 0 to 1000.")],
        description="How many cards you have not seen before may be added each day.",
    )
    time_zone = SelectField(
        "Time zone",
        choices=time_zone_names(),
        validate_choice=True,
        description="Your day starts at midnight here: for the new cards each day, your streak and the charts.",
    )
    submit = SubmitField("Save settings")
