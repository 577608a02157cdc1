"""What can go wrong reaching the database, as messages a user can act on.

Kept apart from :mod:`sip_tui.store.engine` so that the command line can name these
errors without importing SQLAlchemy (which ``sip-tui deadline`` does not need). Raise
them through :func:`sip_tui.store.engine.translate_errors`; ``str(error)`` is always one
English line naming the problem and the fix, with any password masked.
"""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; ``str(error)`` is one line meant for the user."""


class BadDatabaseUrl(StoreError):
    """The URL is not one sip-tui can use (syntax, scheme, or not a database at all)."""


class DatabaseUnreachable(StoreError):
    """No connection: server down, wrong host or port, unknown database or role, no file."""


class NotMigrated(StoreError):
    """The database has no sip-tui schema, an older one, or one newer than this program."""


class DatabaseLocked(StoreError):
    """The SQLite file stayed locked by another program for longer than the busy timeout."""


class UnknownUnit(StoreError):
    """A unit code the store does not know (given on the command line)."""
