"""Forms for signing up and in; each field explains what it wants when it is wrong."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from studyapp.auth.accounts import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, find_user_by_email, password_problem
from studyapp.extensions import db


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=PASSWORD_MAX_LENGTH)])
    submit = SubmitField("Log in")


class RegisterForm(FlaskForm):
    display_name = StringField(
        "Your name",
        validators=[InputRequired(), Length(min=1, max=80)],
        description="Shown to your teachers and in live quizzes.",
    )
    email = EmailField(
        "Email",
        validators=[
            InputRequired(),
            Length(max=254),
            Email(message="Enter an email address such as name@school.org.", check_deliverability=False),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(),
            Length(
                min=PASSWORD_MIN_LENGTH,
                max=PASSWORD_MAX_LENGTH,
                message=f"Use between {PASSWORD_MIN_LENGTH} and {PASSWORD_MAX_LENGTH} characters.",
            ),
        ],
        description=f"At least {PASSWORD_MIN_LENGTH} characters, and not a common password. "
                    "A few unrelated words work well.",
    )
    confirm = PasswordField(
        "Repeat password",
        validators=[InputRequired(), EqualTo("password", message="The two passwords differ.")],
    )
    submit = SubmitField("Create account")

    def validate_email(self, field: EmailField) -> None:
        if find_user_by_email(db.session, field.data or "") is not None:
            raise ValidationError("An account with this email already exists. Log in instead?")

    def validate_password(self, field: PasswordField) -> None:
        if field.errors:
            return  # the length is wrong already; one message at a time
        problem = password_problem(field.data or "", [self.email.data or "", self.display_name.data or ""])
        if problem:
            raise ValidationError(problem)


class InviteForm(FlaskForm):
    note = StringField(
        "Who is it for?",
        validators=[Length(max=120)],
        description="A note for your own list, such as a colleague's name. Optional.",
    )
    submit = SubmitField("Create invitation link")


class EmptyForm(FlaskForm):
    """Carries only the CSRF token, for POST-only buttons such as Log out."""
