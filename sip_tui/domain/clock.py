"""The one source of "now" for the whole program, always in Europe/Stockholm.

``SIP_TUI_NOW`` (ISO 8601; naive means Stockholm local time) freezes the clock for demos,
training and tests. Everything that needs the time takes a :class:`Clock` so tests can
inject their own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW_VARIABLE = "SIP_TUI_NOW"


def to_stockholm(moment: datetime) -> datetime:
    """Return ``moment`` in Stockholm time; a naive moment is taken as Stockholm local time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=STOCKHOLM)
    return moment.astimezone(STOCKHOLM)


def elapsed(later: datetime, earlier: datetime) -> timedelta:
    """Real time between two aware moments.

    ``later - earlier`` is *wall-clock* time when both carry the same ``ZoneInfo`` (a
    Python rule), an hour off across a daylight-saving change; this goes through UTC.
    """
    return later.astimezone(UTC) - earlier.astimezone(UTC)


def parse_moment(text: str) -> datetime:
    """Parse ISO 8601 (``2026-11-23T11:15``, ``2026-11-23 11:15``, with or without offset).

    A naive value is Stockholm local time. Raises :class:`ValueError` with an English
    message naming the expected format.
    """
    try:
        # OverflowError: an offset that moves the moment past year 1 or 9999.
        return to_stockholm(datetime.fromisoformat(text.strip()))
    except (ValueError, OverflowError):
        # repr() keeps the message on one line whatever the text holds.
        raise ValueError(
            f"{text!r} is not a date and time; expected ISO 8601 such as "
            "'2026-11-23 11:15' or '2026-11-23T11:15:00+01:00'"
        ) from None


@dataclass(frozen=True)
class Clock:
    """A source of the current moment, always aware and in Stockholm time."""

    source: Callable[[], datetime] = field(default=lambda: datetime.now(STOCKHOLM))

    def now(self) -> datetime:
        return to_stockholm(self.source())

    @classmethod
    def frozen(cls, moment: datetime) -> Clock:
        fixed = to_stockholm(moment)
        return cls(lambda: fixed)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Clock:
        """The system clock, or the frozen moment in ``SIP_TUI_NOW`` when it is set."""
        env = os.environ if environ is None else environ
        value = env.get(NOW_VARIABLE, "").strip()
        if not value:
            return cls()
        try:
            return cls.frozen(parse_moment(value))
        except ValueError as error:
            raise ValueError(f"{NOW_VARIABLE}: {error}") from None
