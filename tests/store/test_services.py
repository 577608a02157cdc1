"""The service API on SQLite and PostgreSQL: the same tests, one throwaway database each."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select, text

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptCall,
    AcceptInitiative,
    ActivateFollowUp,
    CreateCase,
    DeclineInitiative,
    Lock,
    SaveFollowUp,
    SaveMapping,
    SavePlan,
    SendCall,
    SendInitiative,
    SendMessage,
    Sign,
)
from sip_tui.domain.errors import EditConflict, EditLocked, NoAccess, NotAllowed
from sip_tui.domain.model import CallKind, Consent, ConsentBy, Phase, Status
from sip_tui.domain.status import TaskKind
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, BIST_PRO, HC, HSV, KARIN, PSY, PSY_PRO, SARA, at
from tests.store.seed import seed_world, sent_case

PNR = "19450612-1237"
CONSENT = Consent(True, ConsentBy.INDIVIDUAL, "Ahmed Nilsson", date(2026, 11, 19))
LOG = table_of(t.AccessLog)


class MovableClock:
    def __init__(self, start: str) -> None:
        self.moment = at(start)

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.moment


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock("2026-11-20 09:12")


@pytest.fixture
def store(engine: Engine, clock: MovableClock) -> Store:
    seed_world(engine)
    return Store(engine, Clock(clock), WorkCalendar())


def new_case(store: Store, recipients: tuple[str, ...] = (HSV, BIST, PSY)) -> int:
    case_id = store.execute(
        as_user(AHMED.user, HC),
        CreateCase(
            personnummer=PNR,
            name="Elsa Andersson",
            reason="Utskrivning",
            consent=CONSENT,
            recipients=recipients,
        ),
    ).id
    store.execute(as_user(AHMED.user, HC), SendInitiative(case_id))
    return case_id


def statuses(store: Store, unit: str, case_id: int) -> dict[Phase, Status]:
    (row,) = [r for r in store.overview_for(unit) if r.case_id == case_id]
    return row.statuses


def test_a_sent_initiative_is_in_every_recipients_overview(store: Store) -> None:
    case_id = new_case(store)
    assert statuses(store, HC, case_id)[Phase.INI] is Status.THEIRS
    for unit in (HSV, BIST, PSY):
        assert statuses(store, unit, case_id)[Phase.INI] is Status.OURS
    (row,) = store.overview_for(HSV)
    assert row.individual_name == "Elsa Andersson"
    assert row.personnummer == "194506121237"
    assert row.next_deadline == at("2026-11-23 12:00")
    assert store.deadline_counts(HSV, at("2026-11-23 08:00")) == (1, 0, 0)
    assert store.deadline_counts(HSV, at("2026-11-23 12:30")) == (0, 0, 1)


def test_twelve_sharp_counts_as_due_and_twelve_and_a_second_as_overdue(store: Store) -> None:
    """Seed 001: "Kvittering från mottagaren ska ske senast kl. 12.00 vardagen efter att
    initiativet skickades" — at 12:00:00 due, overdue from 12:00:01."""
    new_case(store)
    assert store.deadline_counts(HSV, at("2026-11-23 12:00:00")).due == 1
    assert store.deadline_counts(HSV, at("2026-11-23 12:00:00")).overdue == 0
    assert store.deadline_counts(HSV, at("2026-11-23 12:00:00.999")).overdue == 0
    assert store.deadline_counts(HSV, at("2026-11-23 12:00:01")) == (0, 0, 1)


def test_the_plan_deadline_follows_the_actual_meeting_and_lasts_the_whole_day(
    store: Store,
) -> None:
    """Seed 001: "I samband med mötet eller arbetsdagen efter det faktiska mötet" — called
    for Tue 1 Dec, held Thu 3 Dec: the plan is due by the end of Friday, counted as due
    today on Friday afternoon (not at 12:00), overdue from midnight."""
    case_id = new_case(store, recipients=(HSV,))
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    call = SendCall(
        case_id,
        meeting_form="Fysiskt",
        place="Ålidhems HC",
        meeting_at=at("2026-12-01 13:00"),
        recipients={HSV: True},
    )
    store.execute(as_user(AHMED.user, HC), call)
    moved = doc.PlanContent(meeting_on=date(2026, 12, 3), situation="Mötet flyttades")
    store.execute(as_user(AHMED.user, HC), SavePlan(case_id, moved, None))
    deadlines = {task.kind: task.deadline for task in store.case_tasks(case_id) if task.unit == HC}
    assert deadlines[TaskKind.DOCUMENT_PLAN] == at("2026-12-04 23:59:59")
    (row,) = [r for r in store.overview_for(HC) if r.case_id == case_id]
    assert row.next_deadline == at("2026-12-04 23:59:59")
    assert store.deadline_counts(HC, at("2026-12-02 09:00")) == (0, 0, 0)  # the called day
    # Friday: the plan and its signature are due today, not at the 12:00 cut-off.
    assert store.deadline_counts(HC, at("2026-12-04 09:00")) == (0, 2, 0)
    assert store.deadline_counts(HC, at("2026-12-04 15:00")) == (0, 2, 0)
    assert store.deadline_counts(HC, at("2026-12-04 23:59:59.5")) == (0, 2, 0)
    assert store.deadline_counts(HC, at("2026-12-05 00:00")) == (0, 0, 2)


def test_accept_and_decline_change_colours_and_access(store: Store) -> None:
    case_id = new_case(store)
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "Tisdag passar"))
    store.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id))
    store.execute(as_user(PSY_PRO.user, PSY), DeclineInitiative(case_id, "Inget åtagande"))
    assert statuses(store, HC, case_id)[Phase.INI] is Status.DONE
    assert store.overview_for(PSY) == []  # declined: the case is gone from their overview
    with pytest.raises(NoAccess, match="har nekat initiativet"):
        store.open_case(as_user(PSY_PRO.user, PSY), case_id)
    case = store.open_case(as_user(AHMED.user, HC), case_id)
    assert case.participants[HSV].comment == "Tisdag passar"
    assert [e.action for e in case.history][-1] == "Nekade initiativet"


def test_every_action_is_refused_for_a_non_member(store: Store) -> None:
    case_id = new_case(store)
    with pytest.raises(NotAllowed, match="inte medlem av enheten"):
        store.execute(as_user(KARIN.user, BIST), AcceptInitiative(case_id))  # Karin is not in BIST
    with pytest.raises(NotAllowed, match="finns inte i sip-tui"):
        store.open_case(as_user("okand", HSV), case_id)
    with pytest.raises(NotAllowed, match="bevakare"):
        store.execute(
            as_user(KARIN.user, HSV), SaveMapping(case_id, doc.MappingText(), None)
        )  # wrong role


def test_reads_and_writes_are_access_logged(store: Store, engine: Engine) -> None:
    case_id = new_case(store)
    store.open_case(as_user(KARIN.user, HSV), case_id, reason="kvittens")
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                LOG.c.login, LOG.c.unit, LOG.c.action, LOG.c.case_id, LOG.c.personnummer
            ).order_by(LOG.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("ahmed", HC, "create", case_id, "194506121237"),
        ("ahmed", HC, "send-initiative", case_id, "194506121237"),
        ("karin", HSV, "read", case_id, "194506121237"),
    ]


def test_the_access_log_refuses_update_and_delete(store: Store, engine: Engine) -> None:
    new_case(store)
    for statement in ("UPDATE access_log SET login = 'x'", "DELETE FROM access_log"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM access_log")).scalar() == 2


def test_two_sessions_editing_one_document_give_one_conflict_and_keep_the_text(
    store: Store, clock: MovableClock
) -> None:
    case_id = new_case(store)
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    case = store.execute(
        as_user(AHMED.user, HC), SaveMapping(case_id, doc.MappingText(situation="A"), None)
    )
    assert case.mapping is not None
    version = case.mapping.version
    store.execute(as_user(AHMED.user, HC), Sign(case_id, doc.DocumentKind.MAPPING))
    # Both open version `version`; Sara saves first.
    store.execute(
        as_user(SARA.user, HSV), SaveMapping(case_id, doc.MappingText(situation="Sara"), version)
    )
    mine = doc.MappingText(situation="Ahmeds text")
    with pytest.raises(EditLocked, match="redigeras av Sara Holm"):
        store.execute(as_user(AHMED.user, HC), SaveMapping(case_id, mine, version))
    store.execute(as_user(SARA.user, HSV), Sign(case_id, doc.DocumentKind.MAPPING))
    with pytest.raises(EditConflict) as conflict:
        store.execute(as_user(AHMED.user, HC), SaveMapping(case_id, mine, version))
    assert conflict.value.changed_by == "sara"
    assert mine.situation == "Ahmeds text"
    case = store.open_case(as_user(AHMED.user, HC), case_id)
    assert case.mapping is not None
    assert case.mapping.situation == "Sara"


def test_a_whole_case_round_trips_through_the_store(store: Store, clock: MovableClock) -> None:
    case_id = new_case(store, recipients=(HSV, BIST))
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    store.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id))
    number = (
        store.execute(
            as_user(AHMED.user, HC),
            SendCall(
                case_id,
                kind=CallKind.PLANNING,
                meeting_form="Fysiskt",
                place="Ålidhems HC",
                meeting_at=at("2026-11-26 13:00"),
                recipients={HSV: True, BIST: False},
                others="Dottern Anna",
            ),
        )
        .calls[-1]
        .number
    )
    store.execute(as_user(KARIN.user, HSV), AcceptCall(case_id, number, "Sara kommer"))
    content = doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        situation="Hemma",
        attendees=[doc.Attendee(HSV, "Sara Holm")],
        externals=[doc.ExternalParticipant("Anna", "dotter", "070-123", True)],
        goals=[
            doc.Goal(
                0,
                "Bo kvar hemma",
                "Envis",
                "Fall",
                [
                    doc.Activity(0, "Insulin", HSV, "Sara", date(2027, 1, 10)),
                    doc.Activity(0, "Hemtjänst", BIST),
                ],
            )
        ],
    )
    store.execute(as_user(AHMED.user, HC), SavePlan(case_id, content, None))
    store.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.PLAN))
    store.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id))
    version = store.execute(
        as_user(SARA.user, HSV),
        SaveFollowUp(case_id, [doc.ActivityFollowUp(1, "Klart", doc.ActivityStatus.DONE)], 1),
    ).follow_up()
    assert version is not None
    assert version.version == 2  # the next save names it, as with the other documents
    store.execute(as_user(KARIN.user, HSV), SendMessage(case_id, text="Info", recipients=[HC]))

    case = store.open_case(as_user(AHMED.user, HC), case_id)
    plan = case.current_plan()
    assert plan is not None
    assert plan.is_locked
    assert [(g.goal, [a.text for a in g.activities]) for g in plan.goals] == [
        ("Bo kvar hemma", ["Insulin", "Hemtjänst"])
    ]
    assert plan.externals[0].relation == "dotter"
    assert case.calls[0].others == "Dottern Anna"
    assert case.calls[0].recipients[HSV].comment == "Sara kommer"
    follow_up = case.follow_up()
    assert follow_up is not None
    assert follow_up.entries[1].comment == "Klart"
    assert follow_up.edit_lock is not None  # Sara saved but has not signed
    assert case.messages[0].read_at == {HC: None}
    assert case.unit_names[HSV] == "Hemsjukvården Umeå centrum"
    # what the store reports as tasks agrees with the domain on the loaded case
    kinds = {(task["unit"], task["kind"]) for task in store.unit_tasks(HSV)}
    assert kinds == {(HSV, TaskKind.SIGN.value)}
    assert {(t.unit, t.kind.value) for t in store.tasks_in_case(case, HSV)} == kinds


def test_the_history_names_units_by_name(store: Store) -> None:
    case_id = new_case(store, recipients=(HSV,))
    case = store.open_case(as_user(AHMED.user, HC), case_id)
    assert case.history[-1].detail == "Hemsjukvården Umeå centrum"


def test_the_case_stamp_counts_what_happened_without_logging_a_read(
    store: Store, engine: Engine
) -> None:
    case_id = sent_case(store, [HSV])
    before = store.case_stamp(case_id)
    log = table_of(t.AccessLog)
    with engine.connect() as conn:
        logged = conn.execute(select(func.count()).select_from(log)).scalar_one()
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    assert store.case_stamp(case_id) == before + 1
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(log)).scalar_one() == logged + 1


@pytest.mark.parametrize(
    "url",
    ["sqlite:////nonexistent-dir/sip.db", "postgresql://postgres@127.0.0.1:1/sip"],
    ids=["sqlite", "postgresql"],
)
def test_an_unusable_database_is_a_one_line_store_error_for_every_call(url: str) -> None:
    """Reads and writes alike: the screens catch StoreError and keep what was typed; a
    driver's own exception would end the app with a traceback."""
    from sip_tui.store.engine import make_engine
    from sip_tui.store.errors import StoreError

    store = Store(make_engine(url), Clock.frozen(at("2026-11-23 08:05")), WorkCalendar())
    calls = [
        lambda: store.units(),
        lambda: store.memberships(AHMED.user),
        lambda: store.overview_for(HC),
        lambda: store.case_stamp(1),
        lambda: store.case_tasks(1),
        lambda: store.open_case(as_user(AHMED.user, HC), 1),
        lambda: store.execute(as_user(KARIN.user, HSV), AcceptInitiative(1, "")),
        lambda: store.execute(as_user(AHMED.user, HC), SaveMapping(1, doc.MappingText(), None)),
    ]
    for call in calls:
        with pytest.raises(StoreError) as refused:
            call()
        assert "\n" not in str(refused.value)


def test_a_case_names_the_people_who_acted_in_it(store: Store) -> None:
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    case = store.open_case(as_user(AHMED.user, HC), case_id)
    assert case.user_name(AHMED.user) == "Ahmed Nilsson"
    assert case.user_name(KARIN.user) == "Karin Lund"
    assert case.user_name("someone-else") == "someone-else"  # unknown: the login itself
