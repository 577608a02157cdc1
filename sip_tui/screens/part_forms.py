"""Which form each part of the case opens (the case screen's Enter)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from sip_tui.screens.call_form import CallForm
from sip_tui.screens.evaluation_form import EvaluationForm
from sip_tui.screens.follow_up_form import FollowUpForm
from sip_tui.screens.form import CaseContext
from sip_tui.screens.initiative_form import InitiativeForm
from sip_tui.screens.mapping_form import MappingForm
from sip_tui.screens.message_form import MessageForm
from sip_tui.screens.phase_summary import Part
from sip_tui.screens.plan_form import PlanForm

FORMS: dict[Part, Callable[[CaseContext], Screen[bool]]] = {
    Part.INITIATIVE: InitiativeForm,
    Part.MAPPING: MappingForm,
    Part.CALL: CallForm,
    Part.PLAN: PlanForm,
    Part.FOLLOW_UP: FollowUpForm,
    Part.EVALUATION: EvaluationForm,
    Part.MESSAGES: MessageForm,
}


def open_part(part: str, context: CaseContext) -> Screen[bool] | None:
    opener = FORMS.get(Part(part))
    return opener(context) if opener is not None else None
