"""Who watches a unit's mailbox on a day (bevakning), and who covers when they are away.

Seed 000, the local routine: *"Brevlådan måste bevakas dagligen … Det ska framgå vem som
täcker upp Pratorbevakning vid frånvaro. Meddelanden får inte bli liggande!"*

A unit's :class:`Roster` holds

* weekly watches (a person on a weekday, every week), and dated watches (a person on one
  date); a date that has dated watches uses only those, other dates the weekly ones;
* absences of the unit's members (a person away from a first to a last day, inclusive);
* covers (a person who takes the watch in a period when every scheduled watcher is away
  or none is scheduled on a working day).

Weekly watches hold on working days only (a holiday Monday has no Monday watch); a dated
watch holds on its date whatever the calendar says. Nobody on watch on a working day is a
warning; on a non-working day it is normal.

Changes are :data:`RosterChange` values, applied by :func:`change_roster` for an actor
who is the unit's manager (:data:`ROSTER_ROLES`); a refusal is a Swedish ``DomainError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from sip_tui.domain.calendar import WEEKDAY_NAMES, WorkCalendar
from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.texts import MONTHS_SHORT, WEEKDAYS_SHORT

#: Who may change a unit's roster: its manager (verksamhetschef / enhetschef).
ROSTER_ROLES = frozenset({Role.MANAGER})

_T = TypeVar("_T")


@dataclass(frozen=True, order=True)
class Weekly:
    """``login`` watches every ``weekday`` (0 Monday … 6 Sunday) that is a working day."""

    login: str
    weekday: int


@dataclass(frozen=True, order=True)
class Dated:
    """``login`` watches on ``day``."""

    login: str
    day: date


@dataclass(frozen=True, order=True)
class Period:
    """``login`` from ``first`` to ``last``, both included: an absence or a cover."""

    login: str
    first: date
    last: date

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Roster:
    """A unit's watch roster. ``members``: login → name of the unit's members (the
    people who may be put on it); ``absences`` are those of the members."""

    unit: str
    members: dict[str, str] = field(default_factory=dict)
    weekly: frozenset[Weekly] = frozenset()
    dated: frozenset[Dated] = frozenset()
    absences: frozenset[Period] = frozenset()
    covers: frozenset[Period] = frozenset()


@dataclass(frozen=True)
class OnWatch:
    """Who watches ``unit`` on ``day``: ``logins`` (in order), ``covering`` when they are
    covers; ``away``: scheduled watchers who are absent."""

    unit: str
    day: date
    working_day: bool
    logins: tuple[str, ...]
    covering: bool = False
    away: tuple[str, ...] = ()

    @property
    def warning(self) -> str | None:
        """Swedish, for the unit's users: nobody watches the mailbox on a working day."""
        if self.logins or not self.working_day:
            return None
        return f"Ingen bevakar enhetens brevlåda {day_text(self.day)}; be enhetschefen ordna det."


def day_text(day: date) -> str:
    """``mån 23 nov``."""
    return f"{WEEKDAYS_SHORT[day.weekday()]} {day.day} {MONTHS_SHORT[day.month - 1]}"


def on_watch(roster: Roster, day: date, calendar: WorkCalendar) -> OnWatch:
    """Who watches the unit's mailbox on ``day`` (see the module's rules)."""
    working = calendar.is_working_day(day)
    dated = sorted(d.login for d in roster.dated if d.day == day)
    if dated:
        scheduled = dated
    elif working:
        scheduled = sorted(w.login for w in roster.weekly if w.weekday == day.weekday())
    else:
        scheduled = []
    absent = {p.login for p in roster.absences if p.holds(day)}
    present = tuple(login for login in dict.fromkeys(scheduled) if login not in absent)
    away = tuple(login for login in dict.fromkeys(scheduled) if login in absent)
    if present or not (working or scheduled):
        return OnWatch(roster.unit, day, working, present, away=away)
    covers = sorted(p.login for p in roster.covers if p.holds(day))
    covering = tuple(login for login in dict.fromkeys(covers) if login not in absent)
    return OnWatch(roster.unit, day, working, covering, covering=bool(covering), away=away)


# --- changes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetWeekdays:
    """``login`` watches on exactly these weekdays (0 Monday … 6 Sunday); empty: none."""

    login: str
    weekdays: frozenset[int]
    log_action = "roster-weekdays"


@dataclass(frozen=True)
class SetDated:
    """``login`` watches on ``day`` (``on``) or no longer does."""

    login: str
    day: date
    on: bool = True
    log_action = "roster-date"


@dataclass(frozen=True)
class SetAbsence:
    """``login`` is away from ``first`` to ``last`` (``on``), or that absence is removed."""

    login: str
    first: date
    last: date
    on: bool = True
    log_action = "roster-absence"


@dataclass(frozen=True)
class SetCover:
    """``login`` covers the watch from ``first`` to ``last`` (``on``), or no longer does."""

    login: str
    first: date
    last: date
    on: bool = True
    log_action = "roster-cover"


RosterChange = SetWeekdays | SetDated | SetAbsence | SetCover


def describe(change: RosterChange) -> str:
    """The access log's detail: who and which days (no names)."""
    match change:
        case SetWeekdays(login, weekdays):
            return f"{login}: {','.join(WEEKDAYS_SHORT[d] for d in sorted(weekdays)) or '-'}"
        case SetDated(login, day, on):
            return f"{login}: {'+' if on else '-'}{day.isoformat()}"
        case SetAbsence(login, first, last, on) | SetCover(login, first, last, on):
            return f"{login}: {'+' if on else '-'}{first.isoformat()}..{last.isoformat()}"


def change_roster(roster: Roster, change: RosterChange, actor: Actor) -> Roster:
    """The roster after ``change`` by ``actor``, or a Swedish refusal."""
    if actor.unit != roster.unit or not actor.has_any(ROSTER_ROLES):
        raise NotAllowed(
            "Bara enhetschefen (verksamhetschef) får ändra enhetens bevakningsschema; "
            "be hen om ändringen."
        )
    if change.login not in roster.members:
        raise InvalidInput(
            f"{change.login} är inte medlem av enheten; välj en av enhetens medarbetare.",
            "login",
        )
    match change:
        case SetWeekdays(login, weekdays):
            bad = sorted(d for d in weekdays if not 0 <= d <= 6)
            if bad:
                raise InvalidInput(
                    f"Veckodag {bad[0]} finns inte; ange 0 (måndag) till 6 (söndag).", "weekdays"
                )
            kept = {w for w in roster.weekly if w.login != login}
            return replace(roster, weekly=frozenset(kept | {Weekly(login, d) for d in weekdays}))
        case SetDated(login, day, on):
            return replace(roster, dated=_toggled(roster.dated, Dated(login, day), on))
        case SetAbsence(login, first, last, on):
            period = _period(login, first, last)
            return replace(roster, absences=_toggled(roster.absences, period, on))
        case SetCover(login, first, last, on):
            period = _period(login, first, last)
            return replace(roster, covers=_toggled(roster.covers, period, on))


def _period(login: str, first: date, last: date) -> Period:
    if last < first:
        raise InvalidInput(
            f"Sista dagen ({last.isoformat()}) är före första dagen ({first.isoformat()}); "
            "ange perioden i rätt ordning.",
            "last",
        )
    return Period(login, first, last)


def _toggled(items: frozenset[_T], item: _T, on: bool) -> frozenset[_T]:
    return items | {item} if on else items - {item}


def weekday_names(days: Iterable[int]) -> str:
    """``måndag, onsdag``."""
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(days))
