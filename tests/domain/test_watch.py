"""Who is on watch (seed 000: *"Det ska framgå vem som täcker upp Pratorbevakning vid
frånvaro"*): weekly and dated watches, absences, covers, the Swedish working days."""

from __future__ import annotations

from datetime import date

import pytest

from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.domain.watch import (
    Dated,
    Period,
    Roster,
    SetAbsence,
    SetCover,
    SetDated,
    SetWeekdays,
    Weekly,
    change_roster,
    on_watch,
)
from tests.domain.world import CALENDAR, HSV, KARIN, MANAGER, SARA

MONDAY = date(2026, 11, 23)
ALL_SAINTS_EVE = date(2026, 10, 31)  # a Saturday; Alla helgons dag
EPIPHANY = date(2027, 1, 6)  # Trettondedag jul, a Wednesday
MEMBERS = {KARIN.user: KARIN.name, SARA.user: SARA.name, MANAGER.user: MANAGER.name}

ROSTER = Roster(
    HSV,
    MEMBERS,
    weekly=frozenset({Weekly(KARIN.user, d) for d in range(5)}),
    covers=frozenset({Period(SARA.user, date(2026, 11, 1), date(2026, 12, 31))}),
)


def test_the_weekly_watcher_watches_on_a_working_day() -> None:
    watch = on_watch(ROSTER, MONDAY, CALENDAR)
    assert watch.logins == (KARIN.user,)
    assert not watch.covering
    assert watch.warning is None


def test_the_cover_takes_over_while_the_watcher_is_away() -> None:
    away = Roster(
        HSV, MEMBERS, ROSTER.weekly, absences=frozenset({Period(KARIN.user, MONDAY, MONDAY)})
    )
    with_cover = Roster(HSV, MEMBERS, ROSTER.weekly, absences=away.absences, covers=ROSTER.covers)
    watch = on_watch(with_cover, MONDAY, CALENDAR)
    assert watch.logins == (SARA.user,)
    assert watch.covering
    assert watch.away == (KARIN.user,)
    # The day after, Karin is back.
    assert on_watch(with_cover, date(2026, 11, 24), CALENDAR).logins == (KARIN.user,)
    # Without a cover nobody watches: a warning on a working day.
    alone = on_watch(away, MONDAY, CALENDAR)
    assert alone.logins == ()
    assert alone.warning == (
        "Ingen bevakar enhetens brevlåda mån 23 nov; be enhetschefen ordna det."
    )


def test_no_watcher_on_a_holiday_is_no_warning() -> None:
    nobody = Roster(HSV, MEMBERS)
    holiday = on_watch(ROSTER, EPIPHANY, CALENDAR)
    assert holiday.logins == ()
    assert not holiday.working_day
    assert holiday.warning is None
    assert on_watch(nobody, ALL_SAINTS_EVE, CALENDAR).warning is None
    assert on_watch(nobody, MONDAY, CALENDAR).warning is not None


def test_a_dated_watch_replaces_the_weekly_one_and_holds_on_a_holiday() -> None:
    dated = Roster(
        HSV,
        MEMBERS,
        ROSTER.weekly,
        dated=frozenset({Dated(SARA.user, MONDAY), Dated(SARA.user, EPIPHANY)}),
    )
    assert on_watch(dated, MONDAY, CALENDAR).logins == (SARA.user,)
    assert on_watch(dated, EPIPHANY, CALENDAR).logins == (SARA.user,)


def test_only_the_manager_changes_the_roster_and_bad_input_is_refused_in_swedish() -> None:
    empty = Roster(HSV, MEMBERS)
    changed = change_roster(empty, SetWeekdays(KARIN.user, frozenset({0, 2})), MANAGER)
    assert changed.weekly == {Weekly(KARIN.user, 0), Weekly(KARIN.user, 2)}
    changed = change_roster(changed, SetWeekdays(KARIN.user, frozenset({4})), MANAGER)
    assert changed.weekly == {Weekly(KARIN.user, 4)}
    changed = change_roster(changed, SetDated(SARA.user, MONDAY), MANAGER)
    changed = change_roster(changed, SetAbsence(KARIN.user, MONDAY, MONDAY), MANAGER)
    changed = change_roster(changed, SetCover(SARA.user, MONDAY, MONDAY), MANAGER)
    assert changed.dated == {Dated(SARA.user, MONDAY)}
    assert changed.absences == {Period(KARIN.user, MONDAY, MONDAY)}
    changed = change_roster(changed, SetAbsence(KARIN.user, MONDAY, MONDAY, on=False), MANAGER)
    assert changed.absences == frozenset()

    with pytest.raises(NotAllowed, match="Bara enhetschefen"):
        change_roster(empty, SetWeekdays(KARIN.user, frozenset({0})), KARIN)
    with pytest.raises(InvalidInput, match="inte medlem av enheten") as error:
        change_roster(empty, SetWeekdays("okand", frozenset({0})), MANAGER)
    assert error.value.field == "login"
    with pytest.raises(InvalidInput, match="ange 0 \\(måndag\\) till 6"):
        change_roster(empty, SetWeekdays(KARIN.user, frozenset({7})), MANAGER)
    with pytest.raises(InvalidInput, match="före första dagen") as error:
        change_roster(empty, SetAbsence(KARIN.user, MONDAY, date(2026, 11, 20)), MANAGER)
    assert error.value.field == "last"
