"""Nytt ärende proposes recipients, ticked and removable (seed 001: "Prators adressering
utgör ett stöd för att hitta rätt mottagare. Föreslagna enheter kan ändras manuellt"): the
domain's proposals (``domain.addressing.propose``) from the store's facts, read in a
worker, and the line under the picker that says why each is proposed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.message import Message
from textual.widget import Widget

from sip_tui.domain.addressing import Proposal, propose
from sip_tui.domain.session import Session
from sip_tui.store.errors import StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.runtime.workers import post


class ProposalsRead(Message, bubble=False):
    """The proposed recipients (for ``personnummer`` when given)."""

    def __init__(self, proposals: list[Proposal]) -> None:
        super().__init__()
        self.proposals = proposals


def read_proposals(
    target: Widget, store: Store, session: Session, personnummer: str | None
) -> None:
    """(Worker thread.) :class:`ProposalsRead` to ``target``; when the store cannot be
    asked, the configured partners alone (a proposal is help, not a must)."""
    try:
        facts = store.addressing(session, personnummer)
        other_cases, frequent = facts.other_cases, facts.frequent
    except StoreError:
        other_cases, frequent = [], []
    partners = session.preferences.partners
    post(target, ProposalsRead(propose(session.unit, other_cases, partners, frequent)))


def proposal_note(proposals: Iterable[Proposal], name: Callable[[str], str]) -> str:
    """ "Föreslagna: Hemsjukvården Umeå centrum (deltar i den enskildes andra ärenden) …"."""
    listed = "; ".join(f"{name(p.unit)} ({p.because})" for p in proposals)
    if not listed:
        return ""
    return f"Föreslagna: {listed}. Ta bort de som inte berörs (Delete i listan)."
