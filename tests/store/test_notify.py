"""Notices (seed 000: *"SMS/Mejl-avisering"*), on SQLite and PostgreSQL: real e-mail to a
local SMTP server, a POST to a local SMS gateway, each notice sent once even when rounds
overlap, a failed send kept with its error and sent by the next round."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from sqlalchemy import Engine, update

from sip_tui.config import Settings
from sip_tui.config_sections import MailSettings, NotifySettings, SmsSettings
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.watch import SetAbsence, SetCover, SetWeekdays
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.watch.notify import run_round
from tests.acting import as_user
from tests.domain.world import BIST, HSV, KARIN, MANAGER, SARA, at
from tests.store.notify_servers import Gateway, Mailbox, free_port, sms_gateway, smtp_server
from tests.store.seed import MovableClock, seed_world, sent_case

MONDAY_MORNING = "2026-11-23 08:00"
NEW = "Hemsjukvården Umeå centrum: 1 nytt att kvittera i SIP, senast mån 12:00"


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock("2026-11-20 09:12")


@pytest.fixture
def store(engine: Engine, clock: MovableClock) -> Store:
    """Elsa's initiative sent on Friday to home health care (Karin watches on weekdays,
    Sara covers) and to Biståndshandläggning (nobody on its roster)."""
    seed_world(engine)
    user = table_of(t.User)
    with engine.begin() as conn:
        for who, mobile in ((KARIN, "+46701740001"), (SARA, "+46701740002")):
            conn.execute(
                update(user)
                .where(user.c.login == who.user)
                .values(email=f"{who.user}@example.org", mobile=mobile)
            )
    made = Store(engine, Clock(clock), WorkCalendar())
    sent_case(made, [HSV, BIST])
    boss = as_user(MANAGER.user, HSV)
    made.change_roster(boss, SetWeekdays(KARIN.user, frozenset(range(5))))
    made.change_roster(
        boss, SetCover(SARA.user, at("2026-11-01 00:00").date(), at("2026-12-31 00:00").date())
    )
    clock.moment = at(MONDAY_MORNING)
    return made


def mail_settings(port: int, **sms: object) -> Settings:
    return Settings(
        mail=MailSettings(host="127.0.0.1", port=port, starttls=False, timeout=5),
        sms=SmsSettings(**sms),  # type: ignore[arg-type]
        notify=NotifySettings(remind_at="10:30"),  # type: ignore[arg-type]
    )


def test_the_watcher_gets_an_email_and_an_sms_once(store: Store) -> None:
    mailbox, gateway = Mailbox(), Gateway()
    with smtp_server(mailbox) as port, sms_gateway(gateway) as url:
        settings = mail_settings(port, url=url, user="sip", password="hemligt", sender="SIP")
        first = run_round(store, settings, store.clock.now())
        again = run_round(store, settings, store.clock.now())

    assert (first.queued, first.sent, first.failed) == (2, 2, [])
    assert (again.queued, again.sent) == (0, 0)
    assert first.unwatched == [BIST]
    [(recipients, message)] = mailbox.messages
    assert recipients == ["karin@example.org"]
    assert message["Subject"] == "SIP: Hemsjukvården Umeå centrum"
    assert mailbox.texts()[0].startswith(NEW + "\n")
    [(form, auth)] = gateway.posts
    assert form == {"to": "+46701740001", "from": "SIP", "message": NEW}
    assert auth == "Basic c2lwOmhlbWxpZ3Q="  # sip:hemligt


def test_the_cover_gets_it_while_the_watcher_is_away_and_a_reminder_comes_at_remind_at(
    store: Store, clock: MovableClock
) -> None:
    monday = clock.moment.date()
    store.change_roster(as_user(MANAGER.user, HSV), SetAbsence(KARIN.user, monday, monday))
    mailbox = Mailbox()
    with smtp_server(mailbox) as port:
        settings = mail_settings(port)
        run_round(store, settings, store.clock.now())
        clock.moment = at("2026-11-23 10:29")
        run_round(store, settings, store.clock.now())
        clock.moment = at("2026-11-23 10:30")
        run_round(store, settings, store.clock.now())
        run_round(store, settings, store.clock.now())
        clock.moment = at("2026-11-23 12:00:01")  # after the cut-off: no reminder
        run_round(store, settings, store.clock.now())
    assert [recipients for recipients, _ in mailbox.messages] == [["sara@example.org"]] * 2
    assert mailbox.texts()[1].startswith(
        "Påminnelse: Hemsjukvården Umeå centrum: 1 att kvittera i SIP före 12:00 i dag\n"
    )


def test_two_overlapping_rounds_send_each_notice_once(store: Store) -> None:
    mailbox = Mailbox(delay=0.3)  # each message takes a while: the rounds overlap
    gateway = Gateway()
    with smtp_server(mailbox) as port, sms_gateway(gateway) as url:
        settings = mail_settings(port, url=url)
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def round_() -> None:
            try:
                barrier.wait()
                run_round(store, settings, store.clock.now())
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        threads = [threading.Thread(target=round_) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert len(mailbox.messages) == 1
    assert len(gateway.posts) == 1
    assert all(notice.sent_at is not None for notice in store.notices(HSV))


def test_a_round_with_the_mail_server_down_keeps_the_error_and_the_next_round_sends(
    store: Store, clock: MovableClock
) -> None:
    port = free_port()  # nothing listens there yet
    settings = mail_settings(port)
    down = run_round(store, settings, store.clock.now())
    assert (down.queued, down.sent, len(down.failed)) == (1, 0, 1)
    [notice] = store.notices(HSV)
    assert notice.sent_at is None
    assert notice.attempts == 1
    assert "ConnectionRefusedError" in notice.error
    assert f"127.0.0.1:{port}" in notice.error

    mailbox = Mailbox()
    clock.moment = at("2026-11-23 08:05")
    with smtp_server(mailbox, port):
        back = run_round(store, settings, store.clock.now())
    assert (back.queued, back.sent, back.failed) == (0, 1, [])
    assert mailbox.texts()[0].startswith(NEW)
    [notice] = store.notices(HSV)
    assert notice.attempts == 2
    assert notice.sent_at == at("2026-11-23 08:05")


def test_an_sms_gateway_that_refuses_or_is_down_leaves_the_error_and_no_password(
    store: Store, clock: MovableClock
) -> None:
    gateway = Gateway(status=503)
    with sms_gateway(gateway) as url:
        settings = Settings(sms=SmsSettings(url=url, user="sip", password="hemligt", timeout=5))
        refused = run_round(store, settings, store.clock.now())
    assert (refused.sent, len(refused.failed), len(gateway.posts)) == (0, 1, 1)
    [notice] = store.notices(HSV)
    assert notice.error == "SMS gateway answered HTTP 503 Service Unavailable"

    clock.moment = at("2026-11-23 08:05")
    down = f"http://127.0.0.1:{free_port()}/send"
    settings = Settings(sms=SmsSettings(url=down, user="sip", password="hemligt", timeout=5))
    assert len(run_round(store, settings, store.clock.now()).failed) == 1
    [notice] = store.notices(HSV)
    assert notice.error == f"SMS gateway {down} failed: ConnectError"
    assert notice.attempts == 2


def test_a_round_loads_the_http_client_only_to_post_an_sms() -> None:
    code = "import sys, sip_tui.watch.notify; print('httpx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "False\n", result.stderr
