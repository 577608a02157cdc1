"""Notices to a task's named responsible person (issue 12), on SQLite and PostgreSQL: the
activity's *Ansvarig person* and the signer of a document get their own notice, once,
however many rounds overlap; a reminder on the day it is due; no name in any text."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import Engine, update

from sip_tui.config import Settings
from sip_tui.config_sections import MailSettings, NotifySettings
from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptCall,
    AcceptInitiative,
    ActivateFollowUp,
    Lock,
    SaveFollowUp,
    SavePlan,
)
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.watch.notify import run_round
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, HSV_COORD, KARIN, SARA, at
from tests.store.notify_servers import Mailbox, smtp_server
from tests.store.seed import MovableClock, planning_call, seed_world, sent_case

SARAS = (
    "Hemsjukvården Umeå centrum: 1 uppgift för dig i SIP (1 aktivitet att följa upp), "
    "senast tis 19 jan"
)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock("2026-11-20 09:12")


@pytest.fixture
def store(engine: Engine, clock: MovableClock) -> tuple[Store, int]:
    """Elsa's plan is locked and followed up: its one activity is Hemsjukvården's, with
    *Ansvarig person* "Sara  holm" (as typed); the evaluation is on 20 January, so the
    follow-up is due on Tuesday 19 January. Everyone has an e-mail address; Karin (the
    watcher) has answered everything."""
    seed_world(engine)
    user = table_of(t.User)
    with engine.begin() as conn:
        conn.execute(update(user).values(email=user.c.login + "@example.org"))
    made = Store(engine, Clock(clock), WorkCalendar())
    case_id = sent_case(made, [HSV])
    karin, ahmed = as_user(KARIN.user, HSV), as_user(AHMED.user, HC)
    made.execute(karin, AcceptInitiative(case_id))
    number = planning_call(made, case_id, at("2026-11-26 13:00"), {HSV: True})
    made.execute(karin, AcceptCall(case_id, number))
    activity = doc.Activity(0, "Insulin morgon och kväll", HSV, "Sara  holm")
    content = doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[activity])],
    )
    made.execute(ahmed, SavePlan(case_id, content, None))
    made.execute(ahmed, Lock(case_id, doc.DocumentKind.PLAN))
    made.execute(ahmed, ActivateFollowUp(case_id))
    clock.moment = at("2026-11-23 08:00")
    return made, case_id


def settings(port: int) -> Settings:
    return Settings(
        mail=MailSettings(host="127.0.0.1", port=port, starttls=False, timeout=5),
        notify=NotifySettings(remind_at="10:30"),  # type: ignore[arg-type]
    )


def test_the_activitys_responsible_person_gets_a_notice_once_without_a_name(
    store: tuple[Store, int],
) -> None:
    made, _ = store
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        first = run_round(made, settings(port), made.clock.now())
        again = run_round(made, settings(port), made.clock.now())
    assert (first.queued, first.sent, first.failed) == (1, 1, [])
    assert (again.queued, again.sent) == (0, 0)
    [(recipients, _)] = mailbox.messages
    assert recipients == [f"{SARA.user}@example.org"]
    assert mailbox.texts()[0].startswith(SARAS + "\n")
    assert "Sara" not in SARAS
    assert "Insulin" not in SARAS
    [notice] = made.notices(HSV)
    assert notice.kind == "person-new"


def test_two_overlapping_rounds_send_the_persons_notice_once(store: tuple[Store, int]) -> None:
    made, _ = store
    mailbox = Mailbox(delay=0.3)
    with smtp_server(mailbox) as port:
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def round_() -> None:
            try:
                barrier.wait()
                run_round(made, settings(port), made.clock.now())
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=round_) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert len(mailbox.messages) == 1


def test_the_signer_of_a_document_is_told_and_reminded_on_the_day_it_is_due(
    store: tuple[Store, int], clock: MovableClock
) -> None:
    made, case_id = store
    olle = as_user(HSV_COORD.user, HSV)
    version = made.open_case(olle, case_id).follow_up().version  # type: ignore[union-attr]
    made.execute(olle, SaveFollowUp(case_id, [], version))  # Olle now holds it: he signs
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        run_round(made, settings(port), made.clock.now())
        clock.moment = at("2027-01-19 10:29")
        run_round(made, settings(port), made.clock.now())
        clock.moment = at("2027-01-19 10:30")
        run_round(made, settings(port), made.clock.now())
        run_round(made, settings(port), made.clock.now())
    sent = sorted(
        (recipients[0], text.split("\n")[0])
        for (recipients, _), text in zip(mailbox.messages, mailbox.texts(), strict=True)
    )
    assert sent == [
        (
            f"{HSV_COORD.user}@example.org",
            "Hemsjukvården Umeå centrum: 1 uppgift för dig i SIP (1 dokument att signera), "
            "senast tis 19 jan",
        ),
        (
            f"{HSV_COORD.user}@example.org",
            "Påminnelse: Hemsjukvården Umeå centrum: 1 uppgift för dig i SIP senast i dag "
            "(1 dokument att signera)",
        ),
        (f"{SARA.user}@example.org", SARAS),
        (
            f"{SARA.user}@example.org",
            "Påminnelse: Hemsjukvården Umeå centrum: 1 uppgift för dig i SIP senast i dag "
            "(1 aktivitet att följa upp)",
        ),
    ]
