"""Store.execute: every command goes through one pipeline and returns the case as it now
is, the same case a later read gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptInitiative,
    ActivateFollowUp,
    CreateCase,
    DeclineInitiative,
    ForwardInitiative,
    Lock,
    SaveFollowUp,
    SaveMapping,
    SavePlan,
    SendInitiative,
    SendMessage,
    Sign,
    VoidFollowUp,
    VoidFollowUpEntry,
    VoidMapping,
)
from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.domain.model import Answer, Consent, ConsentBy
from sip_tui.domain.offers import acknowledgement_due
from sip_tui.domain.session import Session
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, BIST_PRO, HC, HSV, HSV_COORD, KARIN, PSY, SARA, at
from tests.store.seed import planning_call, seed_world, sent_case

AHMED_AT_HC = as_user(AHMED.user, HC)


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())


def complete_plan() -> doc.PlanContent:
    """A plan that may be locked: dates, a goal, an activity with a responsible unit."""
    return doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
    )


def logged_actions(store: Store) -> list[str]:
    log = table_of(t.AccessLog)
    with store.engine.connect() as conn:
        return list(conn.execute(select(log.c.action).order_by(log.c.id)).scalars())


def test_create_returns_the_new_case_with_its_id_and_names(store: Store) -> None:
    case = store.execute(
        AHMED_AT_HC,
        CreateCase(
            personnummer="19450612-1237",
            name="Elsa Andersson",
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", date(2026, 11, 20)),
            recipients=[HSV],
        ),
    )
    assert case.id > 0
    assert case.unit_name(HSV) == "Hemsjukvården Umeå centrum"
    assert case.user_name(AHMED.user) == AHMED.name
    assert store.open_case(AHMED_AT_HC, case.id) == case
    assert logged_actions(store)[-2:] == ["create", "read"]


def test_every_command_returns_the_case_a_later_read_gives(store: Store) -> None:
    case_id = sent_case(store, [HSV, BIST])
    karin, sara = as_user(KARIN.user, HSV), as_user(SARA.user, HSV)
    steps = [
        (karin, AcceptInitiative(case_id, "Tisdag passar")),
        (as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id)),
        (AHMED_AT_HC, SaveMapping(case_id, doc.MappingText(situation="Hemma"), None)),
        (AHMED_AT_HC, Sign(case_id, doc.DocumentKind.MAPPING)),
        (sara, SaveMapping(case_id, doc.MappingText(situation="Hemma, med stöd"), 1)),
        (sara, SendMessage(case_id, text="Ring dottern", recipients=[HC])),
    ]
    for session, command in steps:
        returned = store.execute(session, command)
        assert returned == store.open_case(session, case_id), type(command).__name__
    assert returned.participants[HSV].state is Answer.ACCEPTED
    assert returned.mapping is not None
    assert returned.mapping.situation == "Hemma, med stöd"
    assert returned.mapping.version == 2
    assert returned.messages[0].text == "Ring dottern"
    # The names of people who acted for the first time come with the returned case.
    assert returned.user_name(SARA.user) == SARA.name


def test_a_new_unit_is_named_in_the_returned_case(store: Store) -> None:
    case_id = sent_case(store, [HSV])
    case = store.execute(as_user(KARIN.user, HSV), ForwardInitiative(case_id, PSY, "Fel enhet"))
    assert case.unit_name(PSY) != PSY


def test_a_refused_command_writes_nothing_but_a_refused_access_is_logged(store: Store) -> None:
    case_id = sent_case(store, [HSV])
    before = store.open_case(AHMED_AT_HC, case_id)
    lines = len(logged_actions(store))
    with pytest.raises(InvalidInput) as refusal:
        store.execute(as_user(KARIN.user, HSV), DeclineInitiative(case_id, "  "))
    assert refusal.value.field == "reason"
    with pytest.raises(NotAllowed):  # Karin is no member of Ålidhems HC
        store.execute(as_user(KARIN.user, HC), VoidMapping(case_id, "fel"))
    # The invalid input left no line; the refused access did (HSLF-FS 2016:40).
    assert logged_actions(store)[lines:] == ["refused-void-mapping"]
    assert store.open_case(AHMED_AT_HC, case_id) == before


def test_what_the_domain_offers_is_what_the_store_accepts(store: Store) -> None:
    case_id = sent_case(store, [HSV])
    karin = as_user(KARIN.user, HSV)
    case = store.open_case(karin, case_id)
    now = store.clock.now()
    due = acknowledgement_due(case, KARIN, now)  # Karin with her roles on HSV
    assert due is not None
    assert due.what == "initiativet"
    after = store.execute(karin, due.accept)  # the very object that was asked about
    assert acknowledgement_due(after, KARIN, now) is None
    event = table_of(t.CaseEvent)
    with store.engine.connect() as conn:
        count = conn.execute(
            select(func.count()).select_from(event).where(event.c.case_id == case_id)
        ).scalar_one()
    assert count == len(after.history)


def test_the_returned_history_is_whole_when_another_process_wrote_meanwhile(
    store: Store, engine: Engine
) -> None:
    """The store keeps the histories it has seen; one written meanwhile by another client
    (another Store on the same database) must not leave the returned history short."""
    case_id = sent_case(store, [HSV, BIST])
    other = Store(engine, store.clock, WorkCalendar())
    karin, ahmed = as_user(KARIN.user, HSV), AHMED_AT_HC
    store.execute(karin, AcceptInitiative(case_id))
    other.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id, "Från den andra"))
    returned = store.execute(ahmed, SendMessage(case_id, text="Hej", recipients=[HSV]))
    assert returned.history == store.open_case(ahmed, case_id).history
    assert [e.detail for e in returned.history].count("Från den andra") == 1
    again = store.execute(karin, SendMessage(case_id, text="Hej själv", recipients=[HC]))
    assert again.history == other.open_case(karin, case_id).history


def test_makulera_of_the_follow_up_is_stored_and_it_can_be_activated_anew(store: Store) -> None:
    """Seed 001: "… makulera delar av ett ärende": the follow-up is one, while not locked."""
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    planning_call(store, case_id, at("2026-11-26 13:00"), {HSV: True})
    content = complete_plan()
    store.execute(AHMED_AT_HC, SavePlan(case_id, content, None))
    store.execute(AHMED_AT_HC, Lock(case_id, doc.DocumentKind.PLAN))
    store.execute(AHMED_AT_HC, ActivateFollowUp(case_id))
    voided = store.execute(AHMED_AT_HC, VoidFollowUp(case_id, reason="För tidigt"))
    read = store.open_case(AHMED_AT_HC, case_id)
    assert voided == read
    assert read.follow_up() is None
    assert read.follow_ups[read.cycle].voided is not None
    assert read.follow_ups[read.cycle].voided.reason == "För tidigt"  # type: ignore[union-attr]
    again = store.execute(AHMED_AT_HC, ActivateFollowUp(case_id))
    assert again.follow_up() is not None
    assert again == store.open_case(AHMED_AT_HC, case_id)
    # One activity's follow-up, written by the wrong unit's mistake, voided on its own.
    (activity,) = again.current_plan().activities()  # type: ignore[union-attr]
    entry = doc.ActivityFollowUp(activity.id, "Fel patient", doc.ActivityStatus.DONE)
    sara = as_user(SARA.user, HSV)
    written = store.execute(sara, SaveFollowUp(case_id, [entry], again.follow_up().version))  # type: ignore[union-attr]
    assert activity.id in written.follow_up().entries  # type: ignore[union-attr]
    voided = store.execute(AHMED_AT_HC, VoidFollowUpEntry(case_id, activity.id, "Fel ärende"))
    assert activity.id not in voided.follow_up().entries  # type: ignore[union-attr]
    assert voided == store.open_case(AHMED_AT_HC, case_id)


def new_case_for(store: Store, session: Session, personnummer: str, recipients: list[str]) -> int:
    return store.execute(
        session,
        CreateCase(
            personnummer=personnummer,
            name="Elsa Andersson",
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", date(2026, 11, 20)),
            recipients=recipients,
        ),
    ).id


def test_addressing_facts_reveal_only_cases_the_unit_takes_part_in(store: Store) -> None:
    """Seed 001: "Prators adressering utgör ett stöd för att hitta rätt mottagare." The
    units of the individual's other cases are proposed — only of cases our unit can see."""
    elsa, other = "194506121237", "195001011237"
    first = new_case_for(store, AHMED_AT_HC, elsa, [HSV, BIST])
    store.execute(AHMED_AT_HC, SendInitiative(first))
    store.execute(as_user(BIST_PRO.user, BIST), DeclineInitiative(first, "Inget behov"))
    for recipients in ([HSV], [HSV, PSY]):
        case_id = new_case_for(store, AHMED_AT_HC, other, recipients)
        store.execute(AHMED_AT_HC, SendInitiative(case_id))
    # Hemsjukvården's own case for Elsa, with psychiatry: Ålidhems HC cannot see it.
    olle = as_user(HSV_COORD.user, HSV)
    hidden = new_case_for(store, olle, elsa, [PSY])
    store.execute(olle, SendInitiative(hidden))

    facts = store.addressing(AHMED_AT_HC, elsa)
    assert facts.other_cases == [HSV]  # not BIST: it declined; not PSY: a case we cannot see
    assert facts.frequent == [HSV, PSY]  # HSV in 3 cases, PSY in 1; BIST declined its one
    assert store.addressing(AHMED_AT_HC, None).other_cases == []


def test_the_documenting_unit_is_stored_and_gets_the_task(store: Store) -> None:
    """Seed 001: "Samordningsansvarig är också dokumentationsansvarig om man inte kommer
    överens om något annat på mötet." """
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    planning_call(store, case_id, at("2026-11-26 13:00"), {HSV: True})
    content = dataclasses.replace(complete_plan(), documenting_unit=HSV)
    store.execute(AHMED_AT_HC, SavePlan(case_id, content, None))
    case = store.execute(AHMED_AT_HC, Sign(case_id, doc.DocumentKind.PLAN))
    read = store.open_case(as_user(SARA.user, HSV), case_id)
    plan = read.current_plan()
    assert plan is not None
    assert plan.documenting_unit == HSV
    assert plan.signed is not None  # the signed copy names it too
    assert case == store.open_case(AHMED_AT_HC, case_id)
    kinds = {(t["unit"], t["kind"]) for t in store.unit_tasks(HSV)}
    assert (HSV, "document-plan") in kinds
    assert (HC, "document-plan") not in {(t["unit"], t["kind"]) for t in store.unit_tasks(HC)}
    locked = store.execute(
        as_user(SARA.user, HSV), Lock(case_id, doc.DocumentKind.PLAN, base_version=plan.version)
    )
    assert locked.current_plan().is_locked  # type: ignore[union-attr]
