"""Acting as a user in tests: the session the store is given with each command."""

from __future__ import annotations

from sip_tui.domain.session import Session


def as_user(login: str, unit: str) -> Session:
    """A session for ``login`` on ``unit``; the store reads the roles from the memberships
    (and the name from the users), so the tests need give no more than this."""
    return Session(login, login, unit, unit, frozenset())
