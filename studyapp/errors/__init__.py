"""Error pages for people and error objects for scripts."""

from studyapp.errors.handlers import register_error_handlers

__all__ = ["register_error_handlers"]
