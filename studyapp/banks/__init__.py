"""Question bank files (format ``studyapp-bank/1``): checking them and loading them into the database."""
