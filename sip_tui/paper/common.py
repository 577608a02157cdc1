"""What the printouts share: dates as printed, the individual, contact details, the
status of a document, the tables of who took part, and the words for answers.

A printout shows only what the printing unit may read: every document is taken through
``documents.document_for`` (our own unsigned draft, else the last signed version)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.documents import DocumentKind, document_for
from sip_tui.domain.model import (
    ActivityStatus,
    Answer,
    CallKind,
    Case,
    Document,
    Evaluation,
    FollowUp,
    Plan,
)
from sip_tui.paper.document import Grid, Line, printable

if TYPE_CHECKING:  # the store loads SQLAlchemy: only where a case is printed
    from sip_tui.store.service.prints import PrintSource

ACTIVITY_STATUS = {
    ActivityStatus.NOT_STARTED: "Ej påbörjad",
    ActivityStatus.ONGOING: "Pågår",
    ActivityStatus.DONE: "Genomförd",
    ActivityStatus.CANCELLED: "Avbruten",
}
ANSWERS = {
    Answer.PENDING: "inte besvarat",
    Answer.ACCEPTED: "accepterat",
    Answer.DECLINED: "nekat",
    Answer.FORWARDED: "vidarebefordrat",
}
#: The support forms' table of the units' representatives, and of external participants.
REPRESENTATIVES = ("Namn", "Enhet", "Roll", "Telefon", "Närvarande Ja / Nej")
REPRESENTATIVE_WIDTHS = (0.22, 0.3, 0.12, 0.16, 0.2)
EXTERNALS = ("Namn", "Relation till den enskilde", "Kontaktuppgifter", "Närvarande Ja / Nej")
EXTERNAL_WIDTHS = (0.25, 0.28, 0.27, 0.2)


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return to_stockholm(value).date().isoformat()
    return value.isoformat()


def clock_time(value: datetime | None) -> str:
    return "" if value is None else f"{to_stockholm(value):%H:%M}"


def moment(value: datetime | None) -> str:
    return "" if value is None else f"{to_stockholm(value):%Y-%m-%d %H:%M}"


def pnr(case: Case) -> str:
    number = case.individual.personnummer
    return f"{number[:8]}-{number[8:]}" if len(number) == 12 else number


def person(source: PrintSource | None) -> tuple[str, str]:
    """The individual's name and personnummer (empty on a blank form)."""
    if source is None:
        return "", ""
    return printable(source.case.individual.name), pnr(source.case)


def person_header(source: PrintSource | None) -> str:
    """What names the individual on every page: ``Elsa Andersson, 19450612-1234``."""
    name, number = person(source)
    return f"{name}, {number}" if source is not None else ""


def footer(source: PrintSource | None) -> str:
    if source is None:
        return "Blankett ur sip-tui, att fylla i för hand."
    return printable(
        f"Ärende {source.case.id}. Utskriven {moment(source.printed_at)} av "
        f"{source.printed_by}, {source.unit_name}."
    )


def stem(kind: str, source: PrintSource | None) -> str:
    return f"{kind}-tom" if source is None else f"{kind}-arende-{source.case.id}"


def unit_name(source: PrintSource, code: str) -> str:
    contact = source.units.get(code)
    return printable(contact.name if contact is not None else source.case.unit_name(code))


def unit_phone(source: PrintSource, code: str) -> str:
    """``090-785 10 10 (direkt), 090-785 00 00 (växel)``: what the store knows."""
    contact = source.units.get(code)
    if contact is None:
        return ""
    numbers = [
        f"{number} ({what})"
        for number, what in ((contact.direct_phone, "direkt"), (contact.switchboard, "växel"))
        if number.strip()
    ]
    return printable(", ".join(numbers))


def person_name(source: PrintSource, login: str | None) -> str:
    if not login:
        return ""
    known = source.people.get(login)
    return printable(known.name if known is not None else source.case.user_name(login))


def person_title(source: PrintSource, login: str | None) -> str:
    known = source.people.get(login or "")
    return printable(known.title) if known is not None else ""


def coordinator_contact(source: PrintSource | None) -> str:
    """The coordinator's name, title and contact details, and the coordinating unit's."""
    if source is None:
        return ""
    case = source.case
    login = case.coordinator_user
    known = source.people.get(login)
    who = person_name(source, login)
    if known is not None and known.title.strip():
        who += f", {printable(known.title)}"
    lines = [f"{who}, {unit_name(source, case.coordinator_unit)}"]
    if known is not None:
        own = [
            f"{what} {printable(value)}"
            for what, value in (("Telefon", known.phone), ("E-post", known.email))
            if value.strip()
        ]
        if own:
            lines.append(", ".join(own))
    phones = unit_phone(source, case.coordinator_unit)
    if phones:
        lines.append(f"Enheten: {phones}")
    return "\n".join(lines)


def readable(source: PrintSource, kind: DocumentKind) -> Document | None:
    """The document as the printing unit may read it (``None``: there is none)."""
    return document_for(source.case, kind, source.unit)


def plan_of(source: PrintSource | None) -> Plan | None:
    doc = readable(source, DocumentKind.PLAN) if source is not None else None
    return doc if isinstance(doc, Plan) else None


def follow_up_of(source: PrintSource | None) -> FollowUp | None:
    doc = readable(source, DocumentKind.FOLLOW_UP) if source is not None else None
    return doc if isinstance(doc, FollowUp) else None


def evaluation_of(source: PrintSource | None) -> Evaluation | None:
    doc = readable(source, DocumentKind.EVALUATION) if source is not None else None
    return doc if isinstance(doc, Evaluation) else None


def status(source: PrintSource, doc: Document) -> str:
    """Where the printed version stands: locked, signed, or our unsigned draft."""
    if doc.is_locked:
        return f"Låst {day(doc.locked_at)}"
    lock = doc.edit_lock
    if lock is not None and lock.unit == source.unit:
        return "Utkast: sparat men inte signerat"
    if lock is not None:
        editing = f"{printable(lock.user_name)} ({unit_name(source, lock.unit)})"
        if doc.version == 0:
            return f"Inte signerad ännu; skrivs av {editing}"
        return f"Senast signerade versionen; ändras nu av {editing}"
    return "Signerad, inte låst" if doc.signatures else "Inte signerad"


def evaluation_meeting(source: PrintSource | None) -> tuple[str, str, str]:
    """Date, time and place of the evaluation meeting: the documented one, else the
    current call's, else the plan's planned date."""
    if source is None:
        return "", "", ""
    evaluation = evaluation_of(source)
    call = source.case.current_call(CallKind.EVALUATION)
    place = printable(call.place) if call is not None else ""
    if evaluation is not None and evaluation.meeting_at is not None:
        return day(evaluation.meeting_at), clock_time(evaluation.meeting_at), place
    if call is not None:
        return day(call.meeting_at), clock_time(call.meeting_at), place
    plan = plan_of(source)
    return (day(plan.evaluation_on) if plan is not None else ""), "", ""


def representatives(source: PrintSource | None, plan: Plan | None, blank: int) -> Grid:
    """The units' representatives at the meeting (the plan's attendees)."""
    rows: list[tuple[str, ...]] = []
    if source is not None and plan is not None:
        rows = [
            (
                printable(attendee.person),
                unit_name(source, attendee.unit),
                "",
                unit_phone(source, attendee.unit),
                "Ja",
            )
            for attendee in plan.attendees
        ]
    return Grid(REPRESENTATIVES, REPRESENTATIVE_WIDTHS, tuple(rows), 0 if rows else blank)


def called(source: PrintSource, plan: Plan | None) -> tuple[tuple[str, ...], ...]:
    """Who is expected at the evaluation meeting, as rows of the representatives' table:
    the units called to it, else the plan's attendees (who came is written by hand)."""
    call = source.case.current_call(CallKind.EVALUATION)
    if call is not None:
        people = [("", unit) for unit in call.recipients]
    else:
        people = [(attendee.person, attendee.unit) for attendee in plan.attendees] if plan else []
    return tuple(
        (printable(name), unit_name(source, unit), "", unit_phone(source, unit), "")
        for name, unit in people
    )


def externals(plan: Plan | None, blank: int, present: bool = True) -> Grid:
    rows = tuple(
        (
            printable(external.name),
            printable(external.relation),
            printable(external.contact),
            ("Ja" if external.present else "Nej") if present else "",
        )
        for external in (plan.externals if plan is not None else [])
    )
    return Grid(EXTERNALS, EXTERNAL_WIDTHS, rows, 0 if rows else blank)


def personal_details(source: PrintSource | None) -> list[Line]:
    """The support forms' *Personuppgifter*: name and personnummer from the case; the
    address, phone and e-mail are not kept in sip-tui and are written by hand."""
    name, number = person(source)
    return [
        Line((("Namn", name),)),
        Line((("Personnummer", number),)),
        Line((("Adress", ""),)),
        Line((("Postnummer och Ort", ""),)),
        Line((("Telefon", ""),)),
        Line((("e-post", ""),)),
    ]
