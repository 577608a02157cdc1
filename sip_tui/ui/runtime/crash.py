"""The crash log: what a developer needs to find a bug, and nothing a user could have typed
or a case could hold. No Textual here: the command line uses it too.

An exception's message and a frame's local variables may hold a personnummer, a name or
typed text (``KeyError('19450612-1237')``), so neither is written: only exception type
names, and per frame the file (its last two path parts: no home directory), line and
function name."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

PROG = "sip-tui"
CRASH_EXIT_CODE = 1  # Textual's own code for a fatal error


def crash_log_path() -> Path:
    """Where crash reports are appended: the user's log directory."""
    from platformdirs import user_log_path

    return user_log_path(PROG) / "crash.log"


def crash_message(log: Path | None) -> str:
    """What the user reads when the app ends on a bug (Swedish, one sentence or two)."""
    if log is None:
        return f"{PROG} stötte på ett fel och avslutas.\nFelet kunde inte sparas; kontakta support."
    return f"{PROG} stötte på ett fel och avslutas.\nFelet är sparat i {log}; kontakta support."


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what caused it (a worker's failure wraps the worker's exception)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        wrapped = getattr(current, "error", None)  # textual.worker.WorkerFailed
        if isinstance(wrapped, BaseException):
            current = wrapped
        else:
            current = current.__cause__ or current.__context__


def _short(filename: str) -> str:
    parts = Path(filename).parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else filename


def crash_report(error: BaseException, at: datetime) -> str:
    """The log entry for ``error``: types, files, lines and functions only."""
    lines = [f"--- {at.isoformat(timespec='seconds')}"]
    for index, each in enumerate(_chain(error)):
        kind = type(each)
        lines.append(f"{'caused by ' if index else ''}{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(each.__traceback__):
            lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_crash_log(error: BaseException, path: Path | None = None) -> Path | None:
    """Append the report to ``path`` (default :func:`crash_log_path`), readable by the
    user alone (0600); the path, or ``None`` when it could not be written."""
    path = path if path is not None else crash_log_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.fchmod(fd, 0o600)  # an older log may have been made with a wider mode
            os.write(fd, crash_report(error, datetime.now().astimezone()).encode())
        finally:
            os.close(fd)
    except OSError:
        return None
    return path
