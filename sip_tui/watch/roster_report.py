"""``sip-tui roster``: a unit's roster as rows, or who is on watch each day of a week."""

from __future__ import annotations

from datetime import date, timedelta

from sip_tui.domain.calendar import WEEKDAY_NAMES, WorkCalendar
from sip_tui.domain.watch import Roster, on_watch

ROSTER_HEADER = ("kind", "login", "name", "from", "to", "weekdays")
WEEK_HEADER = ("date", "weekday", "working_day", "on_watch", "names", "covering", "warning")


def roster_rows(roster: Roster) -> list[tuple[str, ...]]:
    """One row per person's weekly watch, dated watch, cover and absence."""
    name = roster.members.get
    rows: list[tuple[str, ...]] = []
    weekly: dict[str, list[int]] = {}
    for watch in sorted(roster.weekly):
        weekly.setdefault(watch.login, []).append(watch.weekday)
    for login, days in weekly.items():
        names = " ".join(WEEKDAY_NAMES[d] for d in days)
        rows.append(("weekly", login, name(login, ""), "", "", names))
    for dated in sorted(roster.dated, key=lambda d: (d.day, d.login)):
        day = dated.day.isoformat()
        rows.append(("date", dated.login, name(dated.login, ""), day, day, ""))
    for kind, periods in (("cover", roster.covers), ("absent", roster.absences)):
        for period in sorted(periods, key=lambda p: (p.first, p.login)):
            first, last = period.first.isoformat(), period.last.isoformat()
            rows.append((kind, period.login, name(period.login, ""), first, last, ""))
    return rows


def week_rows(roster: Roster, today: date, calendar: WorkCalendar) -> list[tuple[str, ...]]:
    """Monday to Sunday of ``today``'s week: who is on watch each day, covers marked."""
    monday = today - timedelta(days=today.weekday())
    rows: list[tuple[str, ...]] = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        watch = on_watch(roster, day, calendar)
        names = ", ".join(roster.members.get(login, login) for login in watch.logins)
        rows.append(
            (
                day.isoformat(),
                WEEKDAY_NAMES[day.weekday()],
                "yes" if watch.working_day else "no",
                " ".join(watch.logins),
                names,
                "yes" if watch.covering else "no",
                watch.warning or "",
            )
        )
    return rows
