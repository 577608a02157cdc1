"""The deviation register (seed 000, *Avvikelsehantering*) on SQLite and PostgreSQL:
proposals for overdue items made once even when rounds overlap, confirmed or dismissed
(with a reason) by the unit, deviations registered, the list filtered, every use logged."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import Engine, select

from sip_tui.config import Settings
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.deviations import DeviationStatus
from sip_tui.domain.errors import InvalidInput, NoAccess, NotAllowed, WrongState
from sip_tui.domain.session import Session
from sip_tui.domain.status import TaskKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.watch.notify import run_round
from tests.acting import as_user
from tests.domain.world import BIST, HSV, KARIN, PSY, PSY_PRO, SUPPORT, at
from tests.store.seed import MovableClock, seed_world, sent_case

LOG = table_of(t.AccessLog)
#: Elsa's initiative, sent on Friday, is due at Monday's cut-off; overdue from 12:00:01.
TEXT = "Ärende {}: initiativet har inte kvitterats (Acceptera/Neka) senast mån 23 nov 12:00."


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock("2026-11-20 09:12")


@pytest.fixture
def store(engine: Engine, clock: MovableClock) -> Store:
    seed_world(engine)
    return Store(engine, Clock(clock), WorkCalendar())


@pytest.fixture
def case_id(store: Store, clock: MovableClock) -> int:
    made = sent_case(store, [HSV, BIST])
    clock.moment = at("2026-11-23 12:00:01")
    return made


def karin() -> Session:
    return as_user(KARIN.user, HSV)


def log_lines(engine: Engine, action: str) -> list[tuple[str, str, int | None, str | None, str]]:
    query = (
        select(LOG.c.login, LOG.c.unit, LOG.c.case_id, LOG.c.personnummer, LOG.c.detail)
        .where(LOG.c.action == action)
        .order_by(LOG.c.id)
    )
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


def test_an_item_is_proposed_from_the_second_after_its_deadline(
    store: Store, clock: MovableClock
) -> None:
    case = sent_case(store, [HSV, BIST])
    clock.moment = at("2026-11-23 12:00:00")
    assert store.propose_deviations(clock.moment) == 0
    clock.moment = at("2026-11-23 12:00:01")
    assert store.propose_deviations(clock.moment) == 2  # one for each unit
    [proposal] = store.deviations(as_user(KARIN.user, HSV))
    assert proposal.status is DeviationStatus.PROPOSED
    assert proposal.description == TEXT.format(case)
    assert (proposal.case_id, proposal.item) == (case, TaskKind.ANSWER_INITIATIVE.value)
    assert proposal.occurred_at == at("2026-11-23 12:00:01")
    assert proposal.deadline == at("2026-11-23 12:00")
    assert proposal.reported_by is None


def test_two_overlapping_rounds_and_a_reader_propose_each_item_once(
    store: Store, case_id: int
) -> None:
    barrier = threading.Barrier(3)
    made: list[int] = []
    errors: list[BaseException] = []

    def round_() -> None:
        try:
            barrier.wait()
            made.append(store.propose_deviations(store.clock.now()))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    def reader() -> None:
        try:
            barrier.wait()
            store.deviations(as_user(KARIN.user, HSV))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=f) for f in (round_, round_, reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(made) <= 2
    assert len(store.deviations(as_user(KARIN.user, HSV))) == 1
    assert len(store.deviations(as_user("lisa", BIST))) == 1
    assert store.propose_deviations(store.clock.now()) == 0


def test_a_notify_round_proposes_too(store: Store, case_id: int) -> None:
    report = run_round(store, Settings(), store.clock.now())
    assert report.proposed == 2
    assert run_round(store, Settings(), store.clock.now()).proposed == 0


def test_dismissing_needs_a_reason_then_the_proposal_is_dismissed_once(
    store: Store, case_id: int
) -> None:
    [proposal] = store.deviations(karin())
    for reason in ("", "   "):
        with pytest.raises(InvalidInput, match="Ange varför förslaget avfärdas") as refused:
            store.dismiss_deviation(karin(), proposal.id, reason)
        assert refused.value.field == "reason"
    [still] = store.deviations(karin())
    assert still.status is DeviationStatus.PROPOSED

    done = store.dismiss_deviation(karin(), proposal.id, "Kvitterat per telefon 11:50")
    assert (done.status, done.decided_by, done.reason) == (
        DeviationStatus.DISMISSED,
        KARIN.user,
        "Kvitterat per telefon 11:50",
    )
    with pytest.raises(WrongState, match="redan avfärdad"):
        store.confirm_deviation(karin(), proposal.id)
    [listed] = store.deviations(karin(), statuses={DeviationStatus.DISMISSED})
    assert listed == done
    assert store.deviations(karin(), statuses={DeviationStatus.PROPOSED}) == []


def test_only_the_units_members_with_a_working_role_decide(
    store: Store, engine: Engine, case_id: int
) -> None:
    [proposal] = store.deviations(karin())
    with pytest.raises(NotAllowed, match="Som support kan du inte"):
        store.confirm_deviation(as_user(SUPPORT.user, HSV), proposal.id)
    with pytest.raises(NotAllowed, match="en annan enhet"):
        store.dismiss_deviation(as_user(PSY_PRO.user, PSY), proposal.id, "inte vår")
    confirmed = store.confirm_deviation(karin(), proposal.id, "Missades i helgen")
    assert confirmed.status is DeviationStatus.CONFIRMED
    assert [line[:3] for line in log_lines(engine, "deviation-confirm")] == [
        (KARIN.user, HSV, case_id)
    ]
    assert log_lines(engine, "deviation-confirm")[0][3] == "194506121237"


def test_a_reader_of_the_list_is_logged_with_the_filters_and_the_cases(
    store: Store, engine: Engine, case_id: int
) -> None:
    store.deviations(as_user(SUPPORT.user, HSV), date(2026, 11, 1), date(2026, 11, 30))
    [(login, unit, case, _, detail)] = log_lines(engine, "deviations-read")
    assert (login, unit, case) == (SUPPORT.user, HSV, None)
    assert detail == f"from 2026-11-01 to 2026-11-30, status all: 1 rows; cases {case_id}"


def test_a_non_member_cannot_read_the_register(store: Store, case_id: int) -> None:
    with pytest.raises(NotAllowed, match="inte medlem av enheten"):
        store.deviations(as_user(PSY_PRO.user, HSV))


def test_a_registered_deviation_is_confirmed_and_logged_with_the_individual(
    store: Store, engine: Engine, case_id: int
) -> None:
    made = store.register_deviation(
        karin(),
        at("2026-11-23 09:40"),
        "  Kallelsen kom till fel brevlåda.  ",
        case_id=case_id,
        item=TaskKind.ANSWER_INITIATIVE,
    )
    assert (made.status, made.reported_by, made.description) == (
        DeviationStatus.CONFIRMED,
        KARIN.user,
        "Kallelsen kom till fel brevlåda.",
    )
    assert made.reported_at == at("2026-11-23 12:00:01")
    [(login, _, case, personnummer, detail)] = log_lines(engine, "deviation-register")
    assert (login, case, personnummer, detail) == (
        KARIN.user,
        case_id,
        "194506121237",
        f"deviation {made.id}",
    )
    listed = store.deviations(karin())
    assert [d.status for d in listed] == [DeviationStatus.CONFIRMED, DeviationStatus.PROPOSED]


@pytest.mark.parametrize(
    ("moment", "description", "case", "refusal", "message"),
    [
        ("2026-11-23 09:40", " ", None, InvalidInput, "Beskriv vad som hände"),
        ("2026-11-23 13:00", "Glömde", None, InvalidInput, "har inte varit än"),
        ("2026-11-23 09:40", "Glömde", 999, InvalidInput, "Ärende 999 finns inte"),
    ],
)
def test_registering_refuses_in_swedish_and_writes_nothing(
    store: Store,
    engine: Engine,
    case_id: int,
    moment: str,
    description: str,
    case: int | None,
    refusal: type[Exception],
    message: str,
) -> None:
    with pytest.raises(refusal, match=message):
        store.register_deviation(karin(), at(moment), description, case_id=case)
    assert log_lines(engine, "deviation-register") == []


def test_a_case_the_unit_has_no_access_to_is_refused(store: Store, case_id: int) -> None:
    with pytest.raises(NoAccess):
        store.register_deviation(
            as_user(PSY_PRO.user, PSY), at("2026-11-23 09:40"), "Fel", case_id=case_id
        )


def test_the_period_takes_whole_stockholm_days(store: Store, case_id: int) -> None:
    session = karin()
    store.register_deviation(session, at("2026-11-22 23:59"), "Söndag kväll")
    monday = date(2026, 11, 23)
    listed = store.deviations(session, monday, monday)
    assert [d.status for d in listed] == [DeviationStatus.PROPOSED]
    sunday = date(2026, 11, 22)
    [only] = store.deviations(session, sunday, sunday)
    assert only.description == "Söndag kväll"
    assert store.deviations(session, date(2026, 11, 24)) == []
