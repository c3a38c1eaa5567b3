"""Forms for making a set from an article and for the review's buttons."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from studyapp.banks.articles import MAX_ARTICLE_BYTES
from studyapp.models import Visibility

VISIBILITY_CHOICES = [
    SelectChoice(Visibility.PRIVATE.value, "Only me"),
    SelectChoice(Visibility.SHARED.value, "Me and other teachers"),
    SelectChoice(Visibility.PUBLIC.value, "Everyone with an account"),
]


class NewSetForm(FlaskForm):
    title = StringField("Title", validators=[Optional(), Length(max=200)],
                        description="Leave empty to use the article's first line.")
    text = TextAreaField("Paste the article", validators=[Length(max=MAX_ARTICLE_BYTES)],
                         render_kw={"rows": 12})
    upload = FileField("…or upload a file", validators=[FileAllowed(["txt", "md", "markdown", "html", "htm"],
                                                                   "Upload a .txt, .md or .html file.")],
                       description="Plain text, Markdown or a saved web page, up to 1 MB.")
    visibility = SelectField("Who may study it", choices=VISIBILITY_CHOICES, default=Visibility.PRIVATE.value)
    submit = SubmitField("Make questions")

    def validate_text(self, field: TextAreaField) -> None:
        has_file = bool(self.upload.data and getattr(self.upload.data, "filename", ""))
        if not (field.data or "").strip() and not has_file:
            raise ValidationError("Paste the article's text here, or choose a file to upload.")
        if (field.data or "").strip() and has_file:
            raise ValidationError("Paste text or upload a file, not both.")


class VisibilityForm(FlaskForm):
    visibility = SelectField("Who may study it", choices=VISIBILITY_CHOICES)
    submit = SubmitField("Save")
