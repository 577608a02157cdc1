"""Kartläggning (SBAR): four free-text fields every participant may edit until it is locked."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.model import Case, Document, Mapping
from sip_tui.screens.document_form import DocumentForm
from sip_tui.screens.form import field

#: (field name, label) in SBAR order; the field names are the Mapping's attributes.
SBAR = [
    ("situation", "S – Situation"),
    ("background", "B – Bakgrund"),
    ("assessment", "A – Aktuellt tillstånd"),
    ("recommendation", "R – Rekommendation"),
]


class MappingForm(DocumentForm):
    heading = "Kartläggning (SBAR)"
    kind = doc.DocumentKind.MAPPING

    def compose_form(self) -> ComposeResult:
        mapping = self.context.case.active_mapping()
        for name, label in SBAR:
            text = getattr(mapping, name) if mapping is not None else ""
            yield field(label, TextArea(text, id=name, soft_wrap=True), name)

    def text(self) -> doc.MappingText:
        typed = {name: self.query_one(f"#{name}", TextArea).text for name, _ in SBAR}
        return doc.MappingText(**typed)

    def try_save(self, case: Case) -> object:
        context = self.context
        at = context.store.clock.now()
        return doc.save_mapping(case, context.actor, at, self.text(), self.base_version)

    def save_call(self) -> Callable[[], object]:
        context, text, version = self.context, self.text(), self.base_version
        return lambda: context.store.save_mapping(
            context.login, context.unit, context.case.id, text, version
        )

    def describe(self, document: Document) -> str:
        assert isinstance(document, Mapping)
        return "\n\n".join(f"{label}:\n{getattr(document, name)}" for name, label in SBAR)
