"""What registering a note opens, filled in from it: the new-case form for our initiative
(the individual, the information as the reason, the units we told as recipients), the
case a call or the other unit's registration belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sip_tui.domain.journal import JournalEntry, Registrar, Step, Target
from sip_tui.domain.model import Individual
from sip_tui.domain.session import Session
from sip_tui.store.service.api import OpenCase, Store
from sip_tui.ui.forms.initiative.fields import blank_case
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.runtime.context import CaseContext


def initiative_form(
    store: Store, session: Session, note: JournalEntry, notes: Sequence[JournalEntry]
) -> InitiativeForm:
    """Nytt ärende for the note's individual: the name and personnummer, the information
    as the reason, and as recipients every known unit our open initiative notes about the
    individual say we told (the coordinator still ticks the consent and checks it all)."""
    told = [
        each.unit_code
        for each in [note, *notes]
        if each.unit_code
        and each.unit_code != session.unit
        and not each.is_done
        and each.step is Step.INITIATIVE
        and each.registrar is Registrar.OUR_UNIT
        and each.personnummer == note.personnummer
    ]
    case = blank_case(session.unit, session.user, store.clock.now())
    case.individual = Individual(note.personnummer, note.individual_name)
    case.initiative = replace(
        case.initiative, reason=note.information, recipients=list(dict.fromkeys(told))
    )
    return InitiativeForm(CaseContext(store, session, case), new=True)


def choose_case(
    cases: Sequence[OpenCase], note: JournalEntry, target: Target, unit: str
) -> OpenCase | None:
    """The case a note belongs to among the individual's open cases our unit sees: for our
    call one we coordinate, for the other unit's registration one it coordinates, else the
    oldest."""
    coordinator = unit if target is Target.CALL else note.unit_code
    for case in cases:
        if case.coordinator_unit == coordinator:
            return case
    return cases[0] if cases else None
