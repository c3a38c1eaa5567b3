"""Forms for making a set from an article and for the review's buttons."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
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


class ImportForm(FlaskForm):
    upload = FileField(
        "Question file",
        validators=[FileRequired("Choose a file to import."),
                    FileAllowed(["json", "csv", "txt", "gift"], "Import a .json bank, a .csv or a GIFT (.txt or .gift) file.")],
        description="A StudyApp bank (.json), a spreadsheet saved as CSV, or Moodle GIFT.",
    )
    title = StringField("Title", validators=[Optional(), Length(max=200)],
                        description="For CSV and GIFT files; leave empty to use the file's name.")
    submit = SubmitField("Import")
