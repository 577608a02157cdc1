"""What can go wrong reaching the database, as messages a user can act on.

Kept apart from :mod:`sip_tui.store.engine` so that the command line can name these
errors without importing SQLAlchemy (which ``sip-tui deadline`` does not need). Raise
them through :func:`sip_tui.store.translate.translate_errors`; ``str(error)`` is always one
English line naming the problem and the fix, with any password masked (the command line
prints it). ``error.swedish`` is the same for the app's users: one Swedish clause without
a full stop ("disken är full …"), which the app puts into its own sentences.

Two kinds: the store **cannot be reached** (a server that does not answer, a SQLite file
that is gone, emptied or unreadable): an outage, the app shows what it last read and
waits for the store to return; or it answers but **refuses to write**
(:class:`WriteRefused`: a full disk, a read-only file, a file locked by another program):
reads still work, so only the saves fail, each saying why (:func:`is_outage`).
"""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; ``str(error)`` is one line meant for the user."""

    #: The Swedish clause when the raiser gave none.
    SWEDISH = "databasen kan inte användas"

    def __init__(self, message: str, swedish: str | None = None) -> None:
        super().__init__(message)
        self._swedish = swedish

    @property
    def swedish(self) -> str:
        """One Swedish clause for the app ("databasfilen /x/sip.db saknas")."""
        return self._swedish or self.SWEDISH


class BadDatabaseUrl(StoreError):
    """The URL is not one sip-tui can use (syntax, scheme, or not a database at all)."""

    SWEDISH = "databasen är inte en sip-tui-databas"


class DatabaseUnreachable(StoreError):
    """No connection: server down, wrong host or port, unknown database or role, no file."""

    SWEDISH = "databasen svarar inte"


class DatabaseMissing(DatabaseUnreachable):
    """The SQLite file is gone (deleted or moved while the app ran); it is never created
    again behind the user's back."""

    SWEDISH = "databasfilen saknas"


class NotMigrated(StoreError):
    """The database has no sip-tui schema, an older one, or one newer than this program."""

    SWEDISH = "databasen saknar sip-tui:s tabeller"


class WriteRefused(StoreError):
    """The database answers but will not take a write now; reads still work."""

    SWEDISH = "databasen tar inte emot ändringar just nu"


class DatabaseLocked(WriteRefused):
    """The SQLite file stayed locked by another program for longer than the busy timeout."""

    SWEDISH = "databasfilen är låst av ett annat program"


class DiskFull(WriteRefused):
    """The disk (or the SQLite file's size limit) is full: nothing more can be written."""

    SWEDISH = "disken där databasen ligger är full"


class ReadOnlyDatabase(WriteRefused):
    """The database may be read but not written (file permissions, a read-only server)."""

    SWEDISH = "databasen är skrivskyddad"


class UnknownUnit(StoreError):
    """A unit code the store does not know (given on the command line)."""

    SWEDISH = "enheten finns inte i databasen"


class FrozenClockRefused(StoreError):
    """``SIP_TUI_NOW`` on a real store (only demo and training stores take a frozen clock)."""

    SWEDISH = "en låtsad tid (SIP_TUI_NOW) går bara mot en demo- eller övningsdatabas"


class AccessRefused(StoreError):
    """PostgreSQL refused the connected role what it asked (its grants and row-level
    security: another unit's rows, a table it may not change, support's writes)."""

    SWEDISH = "databasen nekade åtkomst för ditt konto"


def is_outage(error: StoreError) -> bool:
    """Does ``error`` mean the store cannot be reached (not merely refusing a write)?"""
    return not isinstance(error, WriteRefused | AccessRefused | FrozenClockRefused)
