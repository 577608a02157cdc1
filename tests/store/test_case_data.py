"""The case's own data under concurrency and bad input, on SQLite and PostgreSQL: two
coordinators creating a case for the same new individual at once, names never changed by
another unit's spelling, unknown unit codes, text limits, and "is there already an open
case for this personnummer" answered only from cases the unit may see.

*"Skapa Nytt ärende och initiativ … Registrera samtycke och anledning till initiativ.
Skicka initiativ till vald(a) mottagare."* (seed 001)"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptInitiative,
    CreateCase,
    DeclineInitiative,
    ForwardInitiative,
    SavePlan,
    SendMessage,
    UpdateInitiative,
    VoidInitiative,
)
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import Consent, ConsentBy
from sip_tui.domain.rules import NAME_LIMIT, TEXT_LIMIT
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, HSV_COORD, KARIN, PSY, PSY_PRO, at
from tests.store.seed import planning_call, seed_world, sent_case

NEW_PERSON = "19520304-1230"
CONSENT = Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", date(2026, 11, 20))


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())


def create(name: str, recipients: list[str], pnr: str = NEW_PERSON) -> CreateCase:
    return CreateCase(pnr, name, "Behov av samordning", CONSENT, recipients)


def count(engine: Engine, model: type, **where: object) -> int:
    table = table_of(model)
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


# --- concurrency ------------------------------------------------------------------------------


def test_two_coordinators_creating_a_case_for_the_same_new_individual_both_succeed(
    store: Store, engine: Engine
) -> None:
    """Two coordinators (Ålidhems HC, Hemsjukvården) press Spara for the same individual,
    new to the store, at the same moment, several times over: every case is created,
    the individual is stored once and every case shows the same name."""
    coordinators = [(AHMED, "Gun Berg", PSY), (HSV_COORD, "Gun Bergh", PSY)] * 4
    start = threading.Barrier(len(coordinators))

    def create_case(index: int) -> int:
        actor, name, recipient = coordinators[index]
        start.wait()
        return store.execute(as_user(actor.user, actor.unit), create(name, [recipient])).id

    with ThreadPoolExecutor(max_workers=len(coordinators)) as pool:
        ids = list(pool.map(create_case, range(len(coordinators))))

    assert len(set(ids)) == len(coordinators)
    assert count(engine, t.Individual, personnummer=NEW_PERSON.replace("-", "")) == 1
    names = {
        store.open_case(as_user(actor.user, actor.unit), case_id).individual.name
        for case_id, (actor, _, _) in zip(ids, coordinators, strict=True)
    }
    assert len(names) == 1
    assert names <= {"Gun Berg", "Gun Bergh"}


# --- names ---------------------------------------------------------------------------------------


def test_creating_a_case_never_renames_the_individual_in_another_units_case(
    store: Store,
) -> None:
    """Hemsjukvården's coordinator types another spelling of Elsa's name: Ålidhems HC's
    case (and its overview row) keep the name; the new case shows the registered name and
    its history keeps what was typed."""
    first = sent_case(store, [PSY])
    second = store.execute(
        as_user(HSV_COORD.user, HSV_COORD.unit),
        create("Elsa Anderson", [PSY], pnr="19450612-1237"),
    )
    assert second.individual.name == "Elsa Andersson"
    created = second.history[0]
    assert created.action == "Skapade ärendet"
    assert "Elsa Anderson" in created.detail
    assert store.open_case(as_user(AHMED.user, HC), first).individual.name == "Elsa Andersson"
    row = next(r for r in store.overview_for(HC) if r.case_id == first)
    assert row.individual_name == "Elsa Andersson"


# --- unknown units -------------------------------------------------------------------------------


def test_unknown_units_are_refused_in_swedish_under_the_field_and_write_nothing(
    store: Store, engine: Engine
) -> None:
    """An unknown unit code in the recipients, the forwarding or a message's added units
    is the store's Swedish refusal under that form field, never a foreign-key error; the
    refusal writes nothing. *"En enhet som inte finns med i mottagarlistan sedan tidigare
    kan så läggas till i SIP – ärendet."*"""
    ahmed = as_user(AHMED.user, HC)
    with pytest.raises(InvalidInput) as created:
        store.execute(ahmed, create("Gun Berg", ["ingen-sadan-enhet"]))
    assert created.value.field == "recipients"
    assert "ingen-sadan-enhet" in str(created.value)
    draft = store.execute(ahmed, create("Gun Berg", [PSY])).id
    case_id = sent_case(store, [HSV, PSY])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    logged = count(engine, t.AccessLog)

    refusals = {
        "recipients": (ahmed, UpdateInitiative(draft, "Behov", CONSENT, [PSY, "okand"])),
        "to_unit": (as_user(PSY_PRO.user, PSY), ForwardInitiative(case_id, "okand")),
        "add_units": (
            as_user(KARIN.user, HSV),
            SendMessage(case_id, text="Hej", recipients=[HC], add_units=["okand"]),
        ),
    }
    for field, (session, command) in refusals.items():
        with pytest.raises(InvalidInput) as refused:
            store.execute(session, command)
        assert refused.value.field == field
        assert str(refused.value) == "Enheten okand finns inte i sip-tui; välj en enhet ur listan."
    assert count(engine, t.AccessLog) == logged
    assert count(engine, t.Participant, case_id=case_id) == 3


def test_unknown_units_in_the_plan_are_refused_under_their_rows(
    store: Store, engine: Engine
) -> None:
    """A plan's attendees join the case, so an attendee or responsible unit the store does
    not know is refused under the plan's rows, never a foreign-key error."""
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id))
    planning_call(store, case_id, at("2026-11-30 13:00"), {HSV: True})
    ahmed = as_user(AHMED.user, HC)
    attendee = doc.PlanContent(attendees=[doc.Attendee("okand", "Ulla")])
    goal = doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", "okand")])
    for field, content in [("attendees", attendee), ("goals", doc.PlanContent(goals=[goal]))]:
        with pytest.raises(InvalidInput) as refused:
            store.execute(ahmed, SavePlan(case_id, content, None))
        assert refused.value.field == field
        assert "okand finns inte i sip-tui" in str(refused.value)
    assert count(engine, t.Plan, case_id=case_id) == 0


# --- limits --------------------------------------------------------------------------------------


def test_names_and_free_texts_have_limits_that_the_refusal_states(
    store: Store, engine: Engine
) -> None:
    """A 5,000-character name, or a reason, comment or message beyond the free-text limit,
    is refused under its field with the limit in the message; at the limit it is
    accepted."""
    ahmed = as_user(AHMED.user, HC)
    with pytest.raises(InvalidInput) as name:
        store.execute(ahmed, create("E" * 5000, [PSY]))
    assert name.value.field == "name"
    assert str(name.value) == "Namnet får vara högst 100 tecken (nu 5\u00a0000)."
    with pytest.raises(InvalidInput) as reason:
        store.execute(
            ahmed, CreateCase(NEW_PERSON, "Gun Berg", "x" * (TEXT_LIMIT + 1), CONSENT, [PSY])
        )
    assert reason.value.field == "reason"
    assert "högst 5\u00a0000 tecken" in str(reason.value)
    consent = Consent(True, ConsentBy.REPRESENTATIVE, "Ahmed", date(2026, 11, 20), "R" * 101)
    with pytest.raises(InvalidInput) as representative:
        store.execute(ahmed, CreateCase(NEW_PERSON, "Gun Berg", "Behov", consent, [PSY]))
    assert representative.value.field == "consent.representative"
    assert count(engine, t.SipCase) == 0

    created = store.execute(ahmed, create("G" * NAME_LIMIT, [PSY]))
    assert created.individual.name == "G" * NAME_LIMIT
    case_id = sent_case(store, [HSV, PSY])
    too_long = "x" * (TEXT_LIMIT + 1)
    for session, command, field in [
        (as_user(KARIN.user, HSV), AcceptInitiative(case_id, too_long), "comment"),
        (as_user(PSY_PRO.user, PSY), DeclineInitiative(case_id, too_long), "reason"),
        (ahmed, SendMessage(case_id, text=too_long, recipients=[HSV]), "text"),
        (ahmed, VoidInitiative(case_id, too_long), "reason"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            store.execute(session, command)
        assert refused.value.field == field
        assert "högst 5\u00a0000 tecken" in str(refused.value)
    accepted = store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "x" * TEXT_LIMIT))
    assert accepted.participants[HSV].comment == "x" * TEXT_LIMIT


# --- an open case for the same personnummer -------------------------------------------------------


def test_open_cases_of_an_individual_are_those_the_unit_may_see(store: Store) -> None:
    """Before a second case for the same personnummer, the form asks which open cases of
    the individual the unit can see: its own and those it takes part in, never another
    unit's case it has no access to, nor a voided one."""
    elsa = "194506121237"
    shared = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(shared))
    voided = sent_case(store, [HSV])
    store.execute(as_user(AHMED.user, HC), VoidInitiative(voided, "Fel"))

    found = store.open_cases_of(as_user(KARIN.user, HSV), elsa)
    assert [(c.case_id, c.individual_name, c.coordinator_name) for c in found] == [
        (shared, "Elsa Andersson", "Ålidhems HC")
    ]
    assert [c.case_id for c in store.open_cases_of(as_user(AHMED.user, HC), elsa)] == [shared]
    assert store.open_cases_of(as_user(PSY_PRO.user, PSY), elsa) == []
    assert store.open_cases_of(as_user(AHMED.user, HC), NEW_PERSON.replace("-", "")) == []
