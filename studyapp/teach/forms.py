"""Forms for making a set from an article and for the review's buttons."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

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
                        description="Leave empty to use the bank's own title, or the file's name.")
    submit = SubmitField("Import")


TYPE_CHOICES = [
    SelectChoice("multiple_choice", "Multiple choice"),
    SelectChoice("who_said", "Who said this?"),
    SelectChoice("true_false", "True or false"),
    SelectChoice("short_answer", "Short answer"),
    SelectChoice("cloze", "Fill in the blank"),
    SelectChoice("order", "Put in order"),
]


class QuestionForm(FlaskForm):
    """Every question type in one form; the checks depend on the type and say what is missing."""

    type = SelectField("Type", choices=TYPE_CHOICES)
    prompt = TextAreaField("Question", validators=[InputRequired("Write the question."), Length(max=2000)],
                           render_kw={"rows": 3},
                           description="For fill in the blank, write _____ where the answer goes.")
    answer = StringField("Answer", validators=[Length(max=500)],
                         description="The right answer. For who said this, the speaker; for true or false, "
                                     "True or False; for put in order, leave empty.")
    choice_1 = StringField("Choice 1", validators=[Length(max=500)])
    choice_2 = StringField("Choice 2", validators=[Length(max=500)])
    choice_3 = StringField("Choice 3", validators=[Length(max=500)])
    choice_4 = StringField("Choice 4", validators=[Length(max=500)],
                           description="Multiple choice and who said this: four different choices, the answer "
                                       "among them.")
    items = TextAreaField("Events in order", validators=[Length(max=3000)], render_kw={"rows": 5},
                          description="Put in order: 3 to 5 lines, earliest first.")
    accept = TextAreaField("Also accept", validators=[Length(max=2000)], render_kw={"rows": 2},
                           description="Short answer and fill in the blank: other right answers, one per line.")
    explanation = TextAreaField("Explanation", validators=[Length(max=2000)], render_kw={"rows": 2},
                                description="Shown after answering, for example the source sentence.")
    submit = SubmitField("Save question")

    def choices(self) -> list[str]:
        return [field.data.strip() for field in (self.choice_1, self.choice_2, self.choice_3, self.choice_4)
                if field.data and field.data.strip()]

    def order_items(self) -> list[str]:
        return [line.strip() for line in (self.items.data or "").splitlines() if line.strip()]

    def accepted(self) -> list[str]:
        return [line.strip() for line in (self.accept.data or "").splitlines() if line.strip()]

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        kind, answer = self.type.data, (self.answer.data or "").strip()
        if kind != "order" and not answer:
            self.answer.errors.append("Give the right answer.")
        if kind in {"multiple_choice", "who_said"}:
            choices = self.choices()
            if len(choices) != 4:
                self.choice_4.errors.append("Give four choices.")
            elif len({choice.lower() for choice in choices}) != 4:
                self.choice_4.errors.append("The four choices must all be different.")
            elif answer and answer not in choices:
                self.answer.errors.append("The answer must be one of the four choices, written the same way.")
        if kind == "who_said" and "“" not in self.prompt.data and '"' not in self.prompt.data:
            self.prompt.errors.append("Quote the words in the question, for example: Who said “…”?")
        if kind == "true_false" and answer.capitalize() not in {"True", "False"}:
            self.answer.errors.append("Write True or False.")
        if kind == "cloze" and "_____" not in (self.prompt.data or ""):
            self.prompt.errors.append("Write _____ (five underscores) where the answer goes.")
        if kind == "order" and not 3 <= len(self.order_items()) <= 5:
            self.items.errors.append("Write 3 to 5 events, one per line, earliest first.")
        return not any(field.errors for field in self)


class NewBlankSetForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired("Give the set a title."), Length(max=200)])
    submit = SubmitField("Create set")
