"""Seed 004's *Checklista – Samordnad individuell plan (SIP)*: for noting the initiative,
the consent and the calls while the system is down, blank or filled in from a case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sip_tui.domain.model import CallKind
from sip_tui.paper import common as c
from sip_tui.paper.document import Area, Block, Choice, Heading, Line, Note, Paper, printable

if TYPE_CHECKING:
    from sip_tui.domain.model import Call
    from sip_tui.store.service.prints import PrintSource

TITLE = "Checklista – Samordnad individuell plan (SIP)"
CALLS = (
    ("Kallelse till Samordnad individuell plan", CallKind.PLANNING),
    ("Kallelse till uppföljning av Samordnad individuell plan", None),
    ("Kallelse till Utvärdering och avslut av Samordnad individuell plan", CallKind.EVALUATION),
)


def checklist_paper(source: PrintSource | None) -> Paper:
    name, number = c.person(source)
    blocks: list[Block] = [
        Note(
            "Checklistan kan användas i sin helhet eller endast del av den beroende på vad "
            "som är aktuellt vid tidpunkten när systemet ligger nere."
        ),
        Line((("Patient person nr", number),)),
        Line((("Namn", name),)),
        *_initiative(source),
    ]
    for title, kind in CALLS:
        call = source.case.current_call(kind) if source is not None and kind else None
        blocks += _call(source, title, call)
    return Paper(
        TITLE,
        "Stöd vid driftstörning",
        tuple(blocks),
        c.person_header(source),
        c.footer(source),
        c.stem("checklista", source),
    )


def _initiative(source: PrintSource | None) -> list[Block]:
    by = when = title = ""
    chosen: frozenset[str] = frozenset()
    secrecy = informed = ""
    if source is not None:
        case = source.case
        initiative = case.initiative
        login = initiative.sent_by or case.coordinator_user
        by, title = c.person_name(source, login), c.person_title(source, login)
        when = c.day(initiative.sent_at or initiative.created_at)
        consent = initiative.consent
        chosen = frozenset({"Ja" if consent.given else "Nej"})
        secrecy = printable(consent.secrecy_assessment)
        informed = "\n".join(
            f"{c.unit_name(source, p.unit)} – {c.ANSWERS[p.state]}"
            for p in case.initiative_recipients()
        )
    return [
        Heading("Initiativ"),
        Line((("Namn", by), ("Titel", title), ("Datum", when)), lead="SIP initierat av"),
        Choice("Samtycke inhämtat", ("Ja", "Nej"), chosen),
        Line((("Menprövning av", secrecy), ("Titel", ""), ("Datum", ""))),
        Area("Informerat till – Aktörer", informed, 4),
        Line((("Sign", ""),)),
    ]


def _call(source: PrintSource | None, title: str, call: Call | None) -> list[Block]:
    by = job = when = called = others = ""
    if source is not None and call is not None:
        by, job = c.person_name(source, call.sent_by), c.person_title(source, call.sent_by)
        when = c.day(call.sent_at)
        called = "\n".join(
            f"{c.unit_name(source, unit)} – {c.ANSWERS[recipient.state]}"
            for unit, recipient in call.recipients.items()
        )
        place = ", ".join(filter(None, (printable(call.meeting_form), printable(call.place))))
        called = f"Möte {c.moment(call.meeting_at)}, {place}\n{called}" if place else called
        others = printable(call.others)
    return [
        Heading(title),
        Line((("Namn", by), ("Titel", job), ("Datum", when)), lead="Kallat av"),
        Area("Kallade – Aktörer", called, 4),
        Area("Övriga deltagare", others, 2),
        Line((("Sign", ""),)),
    ]
