"""One error hierarchy.  Every message is one line that names the file and the problem."""
from __future__ import annotations


class RedlineError(Exception):
    """Base of every error the library raises on purpose.  ``exit_code`` is for the CLI."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        text = " ".join(str(message).split())
        super().__init__(f"{path}: {text}" if path else text)


class InputError(RedlineError):
    """The input cannot be read: missing, wrong format, corrupt, hostile."""


class EncryptedError(InputError):
    """The input is encrypted and needs a password."""


class NoTextError(InputError):
    """The input has no text layer (a scanned PDF)."""


class LegendError(RedlineError):
    """A colour key is missing or does not explain the colours used."""


class OutputError(RedlineError):
    """An output cannot be written (or would overwrite an input)."""


class WorkspaceError(RedlineError):
    """The negotiation workspace refuses an operation or is damaged."""
