"""Forms for hosting and joining live sessions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget


class HostForm(FlaskForm):
    questions = SelectMultipleField("Questions", coerce=int, widget=ListWidget(prefix_label=False),
                                    option_widget=CheckboxInput(),
                                    validators=[InputRequired("Choose at least one question.")])
    seconds = IntegerField("Seconds per question", default=20,
                           validators=[InputRequired(), NumberRange(min=5, max=240, message="Choose 5 to 240 seconds.")])
    submit = SubmitField("Open the lobby")


class JoinForm(FlaskForm):
    pin = StringField("Game PIN", validators=[InputRequired("Type the PIN shown on the big screen."), Length(max=12)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})
    nickname = StringField("Nickname", validators=[InputRequired("Choose a nickname."), Length(max=60)],
                           render_kw={"autocomplete": "off"})
    submit = SubmitField("Join")
