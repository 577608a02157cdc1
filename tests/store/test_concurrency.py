"""Many writers at once: every change is accounted for, none silently lost."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import AcceptInitiative, DeclineInitiative, SaveMapping, SendMessage
from sip_tui.domain.errors import DomainError
from sip_tui.domain.model import Answer
from sip_tui.store import models as t
from sip_tui.store.errors import StoreError
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, at
from tests.store.seed import seed_units, seed_world, sent_case

WRITERS = 20


def test_twenty_concurrent_writers_lose_nothing(engine: Engine) -> None:
    seed_world(engine)
    units = seed_units(engine, WRITERS)
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    case_id = sent_case(store, [unit for unit, _ in units])

    def answer_and_write(index: int) -> str:
        unit, login = units[index]
        if index % 4 == 3:
            store.execute(as_user(login, unit), DeclineInitiative(case_id, f"Nej från {unit}"))
            return "declined"
        store.execute(as_user(login, unit), AcceptInitiative(case_id, f"Ja från {unit}"))
        store.execute(
            as_user(login, unit),
            SendMessage(case_id, text=f"Hälsning från {unit}", recipients=[HC]),
        )
        return "accepted"

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        outcomes = list(pool.map(answer_and_write, range(WRITERS)))

    case = store.open_case(as_user(AHMED.user, HC), case_id)
    for (unit, _), outcome in zip(units, outcomes, strict=True):
        participant = case.participants[unit]
        assert participant.state is (Answer.DECLINED if outcome == "declined" else Answer.ACCEPTED)
        assert participant.comment.endswith(unit)
    texts = sorted(message.text for message in case.messages)
    accepted = [unit for (unit, _), o in zip(units, outcomes, strict=True) if o == "accepted"]
    assert texts == sorted(f"Hälsning från {unit}" for unit in accepted)
    assert sorted(m.number for m in case.messages) == list(range(1, len(accepted) + 1))
    answers = [e for e in case.history if e.action.endswith("initiativet") and e.unit != HC]
    assert len(answers) == WRITERS
    log = table_of(t.AccessLog)
    with engine.connect() as conn:
        logged = conn.execute(
            select(func.count())
            .select_from(log)
            .where(log.c.action.in_(["accept-initiative", "decline-initiative", "send-message"]))
        ).scalar_one()
    assert logged == WRITERS + len(accepted)
    overview_units = {unit for unit, _ in units if store.overview_for(unit)}
    assert overview_units == set(accepted)


def test_concurrent_saves_of_one_document_end_in_one_winner_and_refusals(engine: Engine) -> None:
    seed_world(engine)
    units = seed_units(engine, 6)
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    case_id = sent_case(store, [unit for unit, _ in units])
    for unit, login in units:
        store.execute(as_user(login, unit), AcceptInitiative(case_id))
    # Professionals of every unit try to create the mapping at the same moment.
    from sip_tui.domain import documents as doc
    from sip_tui.domain.roles import Role

    with engine.begin() as conn:
        conn.execute(
            table_of(t.Membership).insert(),
            [
                {"login": login, "unit": unit, "role": Role.PROFESSIONAL.value}
                for unit, login in units
            ],
        )

    def save(index: int) -> str:
        unit, login = units[index]
        try:
            store.execute(
                as_user(login, unit), SaveMapping(case_id, doc.MappingText(situation=unit), None)
            )
        except DomainError as refusal:
            return type(refusal).__name__
        return "saved"

    with ThreadPoolExecutor(max_workers=len(units)) as pool:
        outcomes = list(pool.map(save, range(len(units))))
    assert outcomes.count("saved") == 1
    assert set(outcomes) - {"saved"} <= {"EditConflict", "EditLocked"}
    winner = units[outcomes.index("saved")][0]
    case = store.open_case(as_user(AHMED.user, HC), case_id)
    assert case.mapping is not None
    assert case.mapping.situation == winner


def test_a_case_is_read_in_one_snapshot_while_others_write_to_it(engine: Engine) -> None:
    """A case is read as of one moment: a message sent while it is being read is either
    there with its recipients or not there at all (on PostgreSQL READ COMMITTED gave a
    message without recipients, or a signature without its document: a crash)."""
    seed_world(engine)
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    done = threading.Event()
    failed: list[Exception] = []

    def write() -> None:
        try:
            for number in range(60):
                store.execute(
                    as_user(AHMED.user, HC),
                    SendMessage(case_id, text=f"Meddelande {number}", recipients=[HSV]),
                )
        except (StoreError, DomainError) as error:
            failed.append(error)
        finally:
            done.set()

    writer = threading.Thread(target=write)
    writer.start()
    reads = 0
    while not done.is_set() or reads == 0:
        case = store.open_case(as_user(KARIN.user, HSV), case_id)
        assert all(message.read_at for message in case.messages), "a message without recipients"
        reads += 1
        time.sleep(0.002)  # a reader that never pauses starves SQLite's single writer
    writer.join()
    assert not failed
    assert len(store.open_case(as_user(KARIN.user, HSV), case_id).messages) == 60


def test_a_frozen_writer_does_not_block_the_case_for_everybody(engine: Engine) -> None:
    """One client stopped in the middle of a change (here: a transaction holding the case's
    row, or SQLite's write lock) blocks the others a few seconds at most; they are refused
    in Swedish (the case or the file is locked) and keep what they typed; the same change
    goes through once the frozen one is gone."""
    from sqlalchemy import text

    from sip_tui.store.engine import begin_write
    from sip_tui.store.errors import DatabaseLocked

    seed_world(engine)
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    case_id = sent_case(store, [HSV])
    accept = AcceptInitiative(case_id, "Vi deltar")
    with begin_write(engine) as frozen:
        if engine.dialect.name == "postgresql":
            frozen.execute(
                text("SELECT id FROM sip_case WHERE id = :id FOR UPDATE"), {"id": case_id}
            )
        started = time.monotonic()
        with pytest.raises(DatabaseLocked) as refused:
            store.execute(as_user(KARIN.user, HSV), accept)
        waited = time.monotonic() - started
    assert 4 <= waited < 10
    assert "låst" in refused.value.swedish  # the app adds "Det du skrivit finns kvar; försök igen"
    assert "\n" not in str(refused.value)
    case = store.execute(as_user(KARIN.user, HSV), accept)
    assert case.participants[HSV].state is Answer.ACCEPTED
