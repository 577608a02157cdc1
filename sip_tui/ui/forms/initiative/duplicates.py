"""Before Nytt ärende creates a case: the open cases of the same individual that the
coordinator's unit can see (``Store.open_cases_of``), and the question to ask about them."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from sip_tui.domain.session import Session
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import OpenCase, Store
from sip_tui.ui.runtime.workers import post


class OpenCasesFound(Message, bubble=False):
    """The open cases of the individual ``personnummer`` (12 digits) the unit can see;
    ``trouble`` (and no cases) when the store could not be asked."""

    def __init__(self, personnummer: str, cases: list[OpenCase], trouble: str = "") -> None:
        super().__init__()
        self.personnummer, self.cases, self.trouble = personnummer, cases, trouble


def find_open_cases(target: Widget, store: Store, session: Session, personnummer: str) -> None:
    """(Worker thread.) :class:`OpenCasesFound` to ``target``."""
    try:
        cases = store.open_cases_of(session, personnummer)
    except StoreError as trouble:
        post(
            target,
            OpenCasesFound(
                personnummer, [], f"Kunde inte se efter om ärendet redan finns: {trouble.swedish}."
            ),
        )
        return
    post(target, OpenCasesFound(personnummer, cases))


def question(cases: list[OpenCase]) -> str:
    """The question before creating another case for an individual with open ones."""
    name = cases[0].individual_name
    if len(cases) == 1:
        found = cases[0]
        return (
            f"Det finns redan ett öppet ärende för {name} (ärende {found.case_id}, "
            f"samordnat av {found.coordinator_name}). Skapa ett nytt ändå?"
        )
    listed = "; ".join(
        f"ärende {found.case_id}, samordnat av {found.coordinator_name}" for found in cases
    )
    return f"Det finns redan {len(cases)} öppna ärenden för {name} ({listed}). Skapa ett nytt ändå?"
