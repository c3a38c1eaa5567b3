"""Question sets in and out of StudyApp: its own bank JSON, CSV, Anki packages and Moodle GIFT.

Plain Python: readers take text and return records or raise FormatError naming the line
or field at fault; writers take records and return text or bytes.
"""

from studyapp.interchange.records import FormatError, QuestionRecord

__all__ = ["FormatError", "QuestionRecord"]
