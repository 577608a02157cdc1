"""Verksamhetsrapport (seed 000, "Uttag av verksamhetsrapporter"): a unit's figures for a
period, from plain facts the store gathers (issue 14).

Definitions (docs/architecture.md, "Reports"):

* **incoming**: initiatives (also forwarded ones), calls that must be acknowledged and
  information messages that *arrived* at the unit on a day of the period (Stockholm days,
  both ends included); voided ones are not counted.
* the **deadline** of each is the acknowledge cut-off (``WorkCalendar.acknowledge_deadline``,
  12:00 the first working day after it arrived, 12:00:00 itself in time).
* **in time**: acknowledged (answered, read) at or before its deadline. **late**:
  acknowledged after it. **overdue**: not acknowledged and past its deadline at the moment
  the report is made. **pending**: not acknowledged, deadline not yet passed — neither in
  time nor late, so left out of the share: *share in time = in time / (incoming − pending)*.
* **time to acknowledge**: from arrival to acknowledgement, of the acknowledged items; the
  median and the 90th percentile are :func:`percentile` (linear between the closest ranks,
  as Excel's PERCENTILE.INC and MEDIAN, so a sheet built from the items agrees).
* **overdue by**: how long past the deadline the worst item was (late or still overdue).
* **open cases per phase**: the unit's open cases by the first of INI, KAL, SIP, UPP that is
  not done for the unit (all done: UPP).
* **deviations**: registered (confirmed) deviations that happened in the period; the
  undecided proposals separately.
* **days without a watcher**: working days of the period up to today on which nobody (no
  watcher, no cover) watches the mailbox by today's roster (``domain.watch.on_watch``; the
  roster keeps no history, so a changed roster changes past days too). Several units: the
  sum of unit-days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sip_tui.domain.calendar import WorkCalendar, is_overdue
from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.errors import NotAllowed
from sip_tui.domain.kinds import Phase, Status
from sip_tui.domain.roles import Role
from sip_tui.domain.watch import Roster, on_watch

#: The phases a case is counted in, in order (KAR is optional, MED is no phase).
PHASES = (Phase.INI, Phase.KAL, Phase.SIP, Phase.UPP)


class ArrivalKind(StrEnum):
    INITIATIVE = "initiative"
    CALL = "call"
    MESSAGE = "message"


@dataclass(frozen=True)
class Arrival:
    """Something that arrived at ``unit``'s mailbox and was to be acknowledged."""

    unit: str
    kind: ArrivalKind
    arrived_at: datetime
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class Facts:
    """What the store knows for the report: arrivals of the period, the open cases'
    column statuses (one dict per case and unit), deviations, the rosters."""

    units: tuple[str, ...]
    first: date
    last: date
    now: datetime
    arrivals: tuple[Arrival, ...] = ()
    open_cases: tuple[dict[Phase, Status], ...] = ()
    deviations: int = 0
    proposed: int = 0
    rosters: tuple[Roster, ...] = ()


@dataclass(frozen=True)
class Week:
    """One ISO week of the period: how many arrived, and of them acknowledged in time."""

    year: int
    number: int
    incoming: int
    in_time: int

    @property
    def label(self) -> str:
        return f"v{self.number}"


@dataclass(frozen=True)
class Report:
    units: tuple[str, ...]
    first: date
    last: date
    incoming: int
    by_kind: dict[ArrivalKind, int]
    in_time: int
    late: int
    overdue: int
    pending: int
    median: timedelta | None
    p90: timedelta | None
    worst_overdue: timedelta | None
    open_by_phase: dict[Phase, int]
    deviations: int
    proposed: int
    unwatched_days: int
    weeks: tuple[Week, ...]

    @property
    def share_in_time(self) -> float | None:
        """In time of those decided (incoming − pending); ``None`` when none are."""
        decided = self.incoming - self.pending
        return self.in_time / decided if decided else None


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) of ``values``: linear interpolation between the
    closest ranks, rank = p/100·(n−1) (Excel PERCENTILE.INC; p = 50 is the median)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is not between 0 and 100")
    ordered = sorted(values)
    rank = p / 100 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _duration_percentile(durations: Sequence[timedelta], p: float) -> timedelta | None:
    if not durations:
        return None
    seconds = percentile([d.total_seconds() for d in durations], p)
    return timedelta(seconds=round(seconds))


def phase_of(statuses: dict[Phase, Status]) -> Phase:
    """The phase an open case is in for the unit (see the module)."""
    return next((p for p in PHASES if statuses.get(p) is not Status.DONE), Phase.UPP)


def unwatched_days(
    rosters: Iterable[Roster], first: date, last: date, today: date, calendar: WorkCalendar
) -> int:
    """Working days from ``first`` to ``last`` (not after ``today``) with nobody on watch,
    summed over the units."""
    count = 0
    for roster in rosters:
        day = first
        while day <= min(last, today):
            watch = on_watch(roster, day, calendar)
            count += watch.working_day and not watch.logins
            day += timedelta(days=1)
    return count


def make_report(facts: Facts, calendar: WorkCalendar) -> Report:
    """The figures of :class:`Report` from ``facts`` (the definitions: see the module)."""
    now = facts.now
    arrivals = [
        a for a in facts.arrivals if facts.first <= to_stockholm(a.arrived_at).date() <= facts.last
    ]
    in_time = late = overdue = pending = 0
    waits: list[timedelta] = []
    past: list[timedelta] = []
    weeks: dict[tuple[int, int], list[int]] = {}
    day = facts.first
    while day <= facts.last:  # every week of the period, also one where nothing arrived
        weeks.setdefault(day.isocalendar()[:2], [0, 0])
        day += timedelta(days=7 - day.weekday())
    for arrival in arrivals:
        deadline = calendar.acknowledge_deadline(arrival.arrived_at)
        week = weeks[to_stockholm(arrival.arrived_at).date().isocalendar()[:2]]
        week[0] += 1
        done = arrival.acknowledged_at
        if done is not None:
            waits.append(done - arrival.arrived_at)
            if is_overdue(deadline, done):
                late += 1
                past.append(done - deadline)
            else:
                in_time += 1
                week[1] += 1
        elif is_overdue(deadline, now):
            overdue += 1
            past.append(now - deadline)
        else:
            pending += 1
    phases = dict.fromkeys(PHASES, 0)
    for statuses in facts.open_cases:
        phases[phase_of(statuses)] += 1
    today = to_stockholm(now).date()
    return Report(
        units=facts.units,
        first=facts.first,
        last=facts.last,
        incoming=len(arrivals),
        by_kind={k: sum(a.kind is k for a in arrivals) for k in ArrivalKind},
        in_time=in_time,
        late=late,
        overdue=overdue,
        pending=pending,
        median=_duration_percentile(waits, 50),
        p90=_duration_percentile(waits, 90),
        worst_overdue=max(past) if past else None,
        open_by_phase=phases,
        deviations=facts.deviations,
        proposed=facts.proposed,
        unwatched_days=unwatched_days(facts.rosters, facts.first, facts.last, today, calendar),
        weeks=tuple(Week(y, n, c[0], c[1]) for (y, n), c in sorted(weeks.items())),
    )


#: Who takes out reports (seed 000: "Av verksamhetschef delegerat administratör").
REPORT_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


def check_report_access(
    session_roles: frozenset[Role], roles_on: dict[str, frozenset[Role]], units: Sequence[str]
) -> None:
    """A report on ``units``: an administrator (the role on the session unit) may take one
    on any units (the county administrator's report on several); a manager on the units
    where they hold the manager or administrator role. A Swedish ``NotAllowed`` otherwise."""
    if Role.ADMIN in session_roles:
        return
    if session_roles.isdisjoint(REPORT_ROLES):
        raise NotAllowed("Bara enhetschefen eller en administratör tar ut verksamhetsrapporter.")
    others = [u for u in units if roles_on.get(u, frozenset()).isdisjoint(REPORT_ROLES)]
    if others:
        raise NotAllowed(
            f"Du är inte enhetschef för {', '.join(others)}; rapporter för flera enheter "
            "tas ut av en administratör."
        )
