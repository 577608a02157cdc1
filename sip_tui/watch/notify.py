"""One round of notices (``sip-tui notify``, for cron or a systemd timer).

1. For every unit with acknowledgements open, the domain says which notices its watcher
   should have now (``domain.notices``); today's watchers — or the covers, when they are
   away — get each by e-mail and/or SMS, as configured and as they have an address.
   Each is queued in the outbox under its key, so it is queued once however many rounds
   ask (``Store.queue``).
   The same for every task's named responsible person (``domain.named_notices``: the
   signer of a document, an activity's *Ansvarig person* when it names a member of the
   unit), about the tasks that name them, under keys of their own kinds.
2. The round claims the pending notices (``Store.claim``: never one another round holds)
   and sends them; a failure is kept with its error and sent by a later round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sip_tui.config import Settings
from sip_tui.domain.named_notices import responsible_login, wanted_person_notices
from sip_tui.domain.notices import OpenItem, WantedNotice, wanted_notices
from sip_tui.domain.status import TaskKind
from sip_tui.store.service.api import Store
from sip_tui.store.service.outbox import Contact, Notice
from sip_tui.watch.senders import MailSender, Sender, SendError, SmsSender


@dataclass
class RoundReport:
    queued: int = 0
    proposed: int = 0  # deviations proposed for overdue items (domain.deviations)
    sent: int = 0
    failed: list[str] = field(default_factory=list)  # "key: error"
    unwatched: list[str] = field(default_factory=list)  # units with work and nobody on watch


def senders(settings: Settings) -> list[Sender]:
    """The configured channels: e-mail when ``[mail] host``, SMS when ``[sms] url`` or
    ``command`` is set."""
    found: list[Sender] = []
    if settings.mail.host:
        found.append(MailSender(settings.mail))
    if settings.sms.url or settings.sms.command:
        found.append(SmsSender(settings.sms))
    return found


def run_round(store: Store, settings: Settings, now: datetime) -> RoundReport:
    channels = senders(settings)
    report = RoundReport(proposed=store.propose_deviations(now))
    names = {code: info.name for code, info in store.units().items()}
    wanted: list[Notice] = []
    for unit in store.units_with_open_acknowledgements():
        watch = store.on_watch(unit, now.date())
        notices = wanted_notices(
            names[unit], open_items(store, unit), now, store.calendar, settings.notify.remind_at
        )
        if notices and not watch.logins and watch.working_day:
            report.unwatched.append(unit)
        contacts = store.contacts(watch.logins)
        wanted += [n for w in notices for n in _addressed(unit, w, contacts, channels)]
    wanted += _person_notices(store, settings, now, names, channels)
    report.queued = store.queue(wanted, now)
    by_channel = {sender.channel: sender for sender in channels}
    for notice in store.claim(now):
        sender = by_channel.get(notice.channel)
        if sender is None:
            store.mark_failed(notice.key, f"channel {notice.channel} is not configured")
            report.failed.append(f"{notice.key}: channel {notice.channel} is not configured")
            continue
        try:
            sender.send(notice.address, notice.text, names.get(notice.unit, notice.unit))
        except SendError as error:
            store.mark_failed(notice.key, str(error))
            report.failed.append(f"{notice.key}: {error}")
        else:
            store.mark_sent(notice.key, store.clock.now())
            report.sent += 1
    return report


def _person_notices(
    store: Store,
    settings: Settings,
    now: datetime,
    names: dict[str, str],
    channels: Sequence[Sender],
) -> list[Notice]:
    """The notices to the people open tasks name, each about their own tasks in a unit."""
    members: dict[str, dict[str, str]] = {}
    items: dict[tuple[str, str], list[OpenItem]] = {}
    for task in store.named_tasks():
        login = task.holder
        if login is None:
            if task.unit not in members:
                members[task.unit] = store.roster(task.unit).members
            login = responsible_login(task.named, members[task.unit])
        if login is not None:
            item = OpenItem(task.kind, task.since, task.deadline)
            items.setdefault((task.unit, login), []).append(item)
    made: list[Notice] = []
    for (unit, login), theirs in sorted(items.items()):
        remind_at = settings.notify.remind_at
        wanted = wanted_person_notices(names[unit], theirs, now, store.calendar, remind_at)
        contacts = store.contacts([login]) if wanted else []
        made += [n for w in wanted for n in _addressed(unit, w, contacts, channels)]
    return made


def open_items(store: Store, unit: str) -> list[OpenItem]:
    return [
        OpenItem(TaskKind(row["kind"]), row["since"], row["deadline"])
        for row in store.unit_tasks(unit)
    ]


def _addressed(
    unit: str, wanted: WantedNotice, contacts: Sequence[Contact], channels: Sequence[Sender]
) -> list[Notice]:
    made: list[Notice] = []
    for contact in contacts:
        for sender in channels:
            address = contact.email if sender.channel == "email" else contact.mobile
            if not address:
                continue
            key = f"{wanted.kind.value}|{unit}|{sender.channel}:{address}|{wanted.ref}"
            made.append(
                Notice(
                    key,
                    unit,
                    wanted.kind.value,
                    sender.channel,
                    contact.login,
                    address,
                    wanted.text,
                    wanted.expires_at,
                )
            )
    return made
