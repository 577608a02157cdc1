"""A small world of units and users for the domain tests (scenario 2 of SCENARIOS.md)."""

from __future__ import annotations

from datetime import date, datetime

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.model import Case, Consent, ConsentBy, Individual
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.workflow import new_case

HC = "alidhem-hc"  # Ålidhems hälsocentral (region), coordinates
HSV = "umea-hsv-centrum"  # Hemsjukvården Umeå centrum (municipality)
BIST = "umea-bistand"  # Biståndshandläggning Umeå (municipality)
PSY = "umea-psyk-opv"  # Psykiatriska öppenvården Umeå (region)
WARD = "nus-avd-10"  # Avdelning 10, Norrlands universitetssjukhus

UNIT_NAMES = {
    HC: "Ålidhems HC",
    HSV: "Hemsjukvården Umeå centrum",
    BIST: "Biståndshandläggning Umeå",
    PSY: "Psykiatriska öppenvården",
    WARD: "Avdelning 10 NUS",
}

AHMED = Actor("ahmed", "Ahmed Nilsson", HC, frozenset({Role.COORDINATOR, Role.PROFESSIONAL}))
HC_WATCHER = Actor("hcwatch", "Berit Ek", HC, frozenset({Role.WATCHER}))
KARIN = Actor("karin", "Karin Lund", HSV, frozenset({Role.WATCHER}))
SARA = Actor("sara", "Sara Holm", HSV, frozenset({Role.PROFESSIONAL}))
HSV_COORD = Actor("olle", "Olle Berg", HSV, frozenset({Role.COORDINATOR}))
BIST_PRO = Actor("lisa", "Lisa Ström", BIST, frozenset({Role.PROFESSIONAL}))
PSY_PRO = Actor("per", "Per Ling", PSY, frozenset({Role.PROFESSIONAL, Role.WATCHER}))
SUPPORT = Actor("lena", "Lena IT", HSV, frozenset({Role.SUPPORT}))
MANAGER = Actor("maj", "Maj Chef", HSV, frozenset({Role.MANAGER}))

CALENDAR = WorkCalendar()
CONSENT = Consent(True, ConsentBy.INDIVIDUAL, "Ahmed Nilsson", date(2026, 11, 19))
PERSON = Individual("194506121234", "Elsa Andersson")


def at(text: str) -> datetime:
    """A Stockholm moment from '2026-11-20 09:12'."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def draft_case(
    recipients: tuple[str, ...] = (HSV, BIST, PSY),
    moment: str = "2026-11-20 09:00",
    case_id: int = 1,
) -> Case:
    return new_case(
        case_id=case_id,
        actor=AHMED,
        at=at(moment),
        individual=PERSON,
        reason="Utskrivning med behov av hemsjukvård och hemtjänst.",
        consent=CONSENT,
        recipients=recipients,
        unit_names=UNIT_NAMES,
    )
