"""Kartläggning (SBAR): four free-text fields every participant may edit until it is locked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import Command, SaveMapping
from sip_tui.domain.model import Document, Mapping
from sip_tui.ui.forms.base import field
from sip_tui.ui.forms.document import DocumentForm

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
        mapping = self.document
        for name, label in SBAR:
            text = getattr(mapping, name) if mapping is not None else ""
            yield field(label, TextArea(text, id=name, soft_wrap=True), name)

    def text(self) -> doc.MappingText:
        typed = {name: self.query_one(f"#{name}", TextArea).text for name, _ in SBAR}
        return doc.MappingText(**typed)

    def probe_save(self) -> Command:
        """Saving the mapping as stored: whether our unit may write in it at all."""
        mapping = self.document
        stored = doc.MappingText(
            *(getattr(mapping, name) if mapping is not None else "" for name, _ in SBAR)
        )
        return SaveMapping(self.context.case.id, stored, self.base_version)

    def save_command(self) -> Command:
        return SaveMapping(self.context.case.id, self.text(), self.base_version)

    def describe(self, document: Document) -> str:
        assert isinstance(document, Mapping)
        return "\n\n".join(f"{label}:\n{getattr(document, name)}" for name, label in SBAR)
