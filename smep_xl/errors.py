"""The one error that stops an action: a broken environment, never bad data.

Bad data is a Finding (see domain/findings.py). A SmepError's message is shown to staff as
it is (an Excel alert, or one line on stderr), so it says what is wrong, where, and how to fix it.
"""


class SmepError(Exception):
    """Something outside the data stops the action (file missing, locked, not a workbook)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
