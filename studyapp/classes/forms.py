"""Forms for classes: making one, joining one, assigning a set to one."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional


class NewClassForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=120)],
                       description="For example: History 9B, spring term.")
    submit = SubmitField("Create class")


class JoinClassForm(FlaskForm):
    code = StringField("Class code", validators=[InputRequired(), Length(min=4, max=20)],
                       description="The 8-character code your teacher gave you.",
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    submit = SubmitField("Join class")


class AssignForm(FlaskForm):
    question_set = SelectField("Question set", coerce=int, validators=[InputRequired()])
    due_at = DateTimeLocalField("Due (optional)", validators=[Optional()], format="%Y-%m-%dT%H:%M",
                                description="Times are in UTC.")
    submit = SubmitField("Assign")
