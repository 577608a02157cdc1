"""Every read of individuals' data writes its access-log line (issue 14; HSLF-FS 2016:40
4 kap.), and so does every refused attempt, though the refused transaction rolls back.

The walk: every public method of ``Store`` is in exactly one of three tables — reads that
log (with how to call them and the action they log), writes (logged by their own
pipeline, tested with them), reads that need no log (each with its reason). A new public
method in none of them fails the test until someone decides which it is."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import DomainError, NoAccess, NotAllowed
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.store.service.audit import LogFilter
from tests.acting import as_user
from tests.domain.world import AHMED, BIST_PRO, HC, HSV, KARIN, MANAGER
from tests.store.seed import MovableClock, seed_world, sent_case

LOG = table_of(t.AccessLog)
ELSA = "194506121237"
DAYS = (date(2026, 11, 1), date(2026, 11, 30))

Call = Callable[[Store, int], object]

#: Reads that return individuals' data: how to call each, the action it logs, who.
LOGGED: dict[str, tuple[Call, str, str]] = {
    "open_case": (lambda s, c: s.open_case(as_user(KARIN.user, HSV), c), "read", KARIN.user),
    "overview_for": (lambda s, c: s.overview_for(as_user(KARIN.user, HSV)), "overview", "karin"),
    "open_cases_of": (
        lambda s, c: s.open_cases_of(as_user(KARIN.user, HSV), ELSA),
        "find-open-cases",
        KARIN.user,
    ),
    "case_for_print": (
        lambda s, c: s.case_for_print(as_user(AHMED.user, HC), c, "plan"),
        "print-plan",
        AHMED.user,
    ),
    "deviations": (
        lambda s, c: s.deviations(as_user(KARIN.user, HSV)),
        "deviations-read",
        KARIN.user,
    ),
    "search_log": (
        lambda s, c: s.search_log(as_user(MANAGER.user, HSV), LogFilter(*DAYS)),
        "audit-search",
        MANAGER.user,
    ),
    "draw_sample": (
        lambda s, c: s.draw_sample(as_user(MANAGER.user, HSV), 2, *DAYS),
        "audit-sample",
        MANAGER.user,
    ),
    "spot_checks": (
        lambda s, c: s.spot_checks(as_user(MANAGER.user, HSV)),
        "audit-checks",
        MANAGER.user,
    ),
    # An export is a disclosure: logged before the file is written.
    "record_export": (
        lambda s, c: s.record_export(as_user(KARIN.user, HSV), "deviations", 1, [c]),
        "export-deviations",
        KARIN.user,
    ),
    # Counts only, no individual; logged all the same (an extract of the unit's work).
    "report": (
        lambda s, c: s.report(as_user(MANAGER.user, HSV), [HSV], *DAYS),
        "report",
        MANAGER.user,
    ),
}

#: Writes: each logs in its own pipeline (tested with the write).
WRITES = {
    "execute",
    "change_roster",
    "register_deviation",
    "confirm_deviation",
    "dismiss_deviation",
    "save_local_routine",
    "import_phone_list",
    "record_spot_check",
    # the watch's jobs: the outbox and proposed deviations hold no personal data
    "queue",
    "claim",
    "mark_sent",
    "mark_failed",
    "propose_deviations",
}

#: Reads that need no log line, each with the reason.
UNLOGGED = {
    "listen": "the change feed: unit codes whose overview changed, no data",
    "probe": "asks whether the database is usable; reads no data",
    "user_name": "reference data: a staff member's name",
    "memberships": "reference data: the units and roles of the staff member logging in",
    "units": "reference data: unit names and phone numbers",
    "unit_name": "reference data: a unit's name",
    "phone_list": "reference data: the units' phone list",
    "contacts": "staff e-mail and mobile numbers for notices; no individual",
    "roster": "the unit's watch roster: staff only",
    "on_watch": "who is on watch today: staff only",
    "local_routine": "the unit's local routine: text about the unit's work, no individual",
    "named_tasks": "task kinds, deadlines and staff named; no individual",
    "notices": "outbox notices: never a name or personnummer (domain.notices)",
    "units_with_open_acknowledgements": "unit codes only",
    "unit_tasks": "case numbers, task kinds and deadlines; names no individual",
    "deadline_counts": "counts of the unit's tasks",
    "case_stamp": "a count of a case's events; names no individual",
    "case_tasks": "task kinds and deadlines of a case; names no individual",
    "tasks_in_case": "computed from a case already read (and logged) by open_case",
    "addressing": "unit codes of cases the unit already takes part in; names no individual",
    "connected": "who the database says is connected (PostgreSQL's session_user); no data",
    "user_login": "the login of whoever runs sip-tui; no data",
    "check_clock": "the store's kind (real, demo, training); no data",
}


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock(MovableClock("2026-11-23 08:05")), WorkCalendar())


def lines(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(LOG).order_by(LOG.c.id)).mappings()]


def test_every_public_method_of_the_store_is_classified() -> None:
    public = {
        name
        for name, _ in inspect.getmembers(Store, inspect.isfunction)
        if not name.startswith("_")
    }
    tables = [set(LOGGED), WRITES, set(UNLOGGED)]
    assert len(set().union(*tables)) == sum(map(len, tables)), "a method in two tables"
    unclassified = public - set().union(*tables)
    assert not unclassified, f"decide whether these read individuals' data: {unclassified}"
    assert set().union(*tables) <= public, "a classified method no longer exists"


@pytest.mark.parametrize("name", sorted(LOGGED))
def test_every_read_of_individuals_writes_its_log_line(
    store: Store, engine: Engine, name: str
) -> None:
    case_id = sent_case(store, [HSV])
    call, action, login = LOGGED[name]
    before = len(lines(engine))
    call(store, case_id)
    new = lines(engine)[before:]
    assert [(line["action"], line["login"]) for line in new] == [(action, login)]


def test_the_overview_is_one_line_naming_the_unit_and_how_many_cases(
    store: Store, engine: Engine
) -> None:
    sent_case(store, [HSV])
    sent_case(store, [HSV], name="Elsa A")
    rows = store.overview_for(as_user(KARIN.user, HSV))
    last = lines(engine)[-1]
    assert len(rows) == 2
    assert (last["unit"], last["action"], last["detail"]) == (HSV, "overview", "2 cases (open)")


def test_a_local_job_reading_the_overview_is_logged_as_the_system(
    store: Store, engine: Engine
) -> None:
    store.overview_for(HSV)
    last = lines(engine)[-1]
    assert (last["login"], last["unit"], last["action"]) == ("(system)", HSV, "overview")


REFUSED: dict[str, tuple[Call, type[DomainError], str]] = {
    "read a case of another unit": (
        lambda s, c: s.open_case(as_user(BIST_PRO.user, BIST_PRO.unit), c),
        NoAccess,
        "refused-read",
    ),
    "print a case of another unit": (
        lambda s, c: s.case_for_print(as_user(BIST_PRO.user, BIST_PRO.unit), c, "plan"),
        NoAccess,
        "refused-print-plan",
    ),
    "read a case on a unit one is no member of": (
        lambda s, c: s.open_case(as_user(BIST_PRO.user, HSV), c),
        NotAllowed,
        "refused-read",
    ),
    "the overview of a unit one is no member of": (
        lambda s, c: s.overview_for(as_user(BIST_PRO.user, HSV)),
        NotAllowed,
        "refused-overview",
    ),
    "find an individual's cases on another unit": (
        lambda s, c: s.open_cases_of(as_user(BIST_PRO.user, HSV), ELSA),
        NotAllowed,
        "refused-find-open-cases",
    ),
    "the deviations of a unit one is no member of": (
        lambda s, c: s.deviations(as_user(BIST_PRO.user, HSV)),
        NotAllowed,
        "refused-deviations-read",
    ),
    "search the log without being the manager": (
        lambda s, c: s.search_log(as_user(KARIN.user, HSV), LogFilter(*DAYS)),
        NotAllowed,
        "refused-audit-search",
    ),
}


@pytest.mark.parametrize("what", sorted(REFUSED))
def test_a_refused_attempt_is_logged_though_its_transaction_rolls_back(
    store: Store, engine: Engine, what: str
) -> None:
    case_id = sent_case(store, [HSV])
    call, error, action = REFUSED[what]
    before = len(lines(engine))
    with pytest.raises(error):
        call(store, case_id)
    new = lines(engine)[before:]
    who = KARIN.user if action == "refused-audit-search" else BIST_PRO.user
    assert [(line["action"], line["login"]) for line in new] == [(action, who)]
    assert new[0]["detail"].startswith(error.code)


def test_a_refused_read_names_the_individual_it_tried_to_read(store: Store, engine: Engine) -> None:
    case_id = sent_case(store, [HSV])
    with pytest.raises(NoAccess):
        store.open_case(as_user(BIST_PRO.user, BIST_PRO.unit), case_id)
    last = lines(engine)[-1]
    assert (last["case_id"], last["personnummer"], last["unit"]) == (case_id, ELSA, BIST_PRO.unit)
