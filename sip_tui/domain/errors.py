"""Refusals of the domain, each with a Swedish message a user can act on."""

from __future__ import annotations

from datetime import datetime


class DomainError(Exception):
    """An action was refused. ``str(error)`` is the Swedish message for the user."""

    code = "refused"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The user's role or unit may not do this."""

    code = "not-allowed"


class NoAccess(DomainError):
    """The unit has no access to the case (never had, declined, or forwarded it)."""

    code = "no-access"


class WrongState(DomainError):
    """The case or part is not in a state where this can be done (locked, voided, ...)."""

    code = "wrong-state"


class InvalidInput(DomainError):
    """Something typed is wrong; ``field`` names the form field when there is one."""

    code = "invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class EditLocked(DomainError):
    """Someone else holds the edit lock of the document."""

    code = "edit-locked"

    def __init__(self, message: str, holder: str, since: datetime) -> None:
        super().__init__(message)
        self.holder = holder
        self.since = since


class EditConflict(DomainError):
    """The document changed since the user started editing; their text must be kept."""

    code = "conflict"

    def __init__(self, message: str, changed_by: str, changed_at: datetime, version: int) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version
