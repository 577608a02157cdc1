"""Which form each part of the case opens (the case screen's Enter)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from sip_tui.ui.case.parts import Part
from sip_tui.ui.forms.call.form import CallForm
from sip_tui.ui.forms.evaluation import EvaluationForm
from sip_tui.ui.forms.follow_up import FollowUpForm
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.forms.mapping import MappingForm
from sip_tui.ui.forms.message import MessageForm
from sip_tui.ui.forms.plan.form import PlanForm
from sip_tui.ui.runtime.context import CaseContext

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
