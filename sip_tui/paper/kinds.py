"""What can be printed (``sip-tui print KIND``, the case screen's ``p``), and the
printout of each, blank or filled in from a case."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from sip_tui.paper.checklist import checklist_paper
from sip_tui.paper.document import Paper
from sip_tui.paper.plan import evaluation_paper, plan_paper
from sip_tui.paper.support import follow_up_form_paper, meeting_form_paper

if TYPE_CHECKING:
    from sip_tui.store.service.prints import PrintSource


class PaperKind(StrEnum):
    """The values are the command line's KIND and the access log's ``print-<kind>``
    (``store.service.prints.PRINTABLE``)."""

    PLAN = "plan"
    EVALUATION = "utvardering"
    CHECKLIST = "checklista"
    MEETING_FORM = "dokumentation"
    FOLLOW_UP_FORM = "uppfoljning"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    PaperKind.PLAN: "Planen (mål- och aktivitetsplan)",
    PaperKind.EVALUATION: "Utvärderingen (uppföljning och utvärdering)",
    PaperKind.CHECKLIST: "Checklista – SIP",
    PaperKind.MEETING_FORM: "Stödblankett för dokumentation vid SIP",
    PaperKind.FOLLOW_UP_FORM: "Stödblankett för uppföljning och utvärdering",
}

BUILDERS: dict[PaperKind, Callable[[PrintSource | None], Paper]] = {
    PaperKind.PLAN: plan_paper,
    PaperKind.EVALUATION: evaluation_paper,
    PaperKind.CHECKLIST: checklist_paper,
    PaperKind.MEETING_FORM: meeting_form_paper,
    PaperKind.FOLLOW_UP_FORM: follow_up_form_paper,
}


def build(kind: PaperKind, source: PrintSource | None = None) -> Paper:
    """The printout of ``kind``: filled in from ``source`` (what its unit may read), or
    blank without one."""
    return BUILDERS[kind](source)
