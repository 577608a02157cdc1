"""What Kartläggning, Plan, Uppföljning and Utvärdering share: Spara (takes the edit lock),
Signera (releases it), Lås (coordinator), Ta över (a stale edit lock), the state line, and
an edit conflict that keeps the user's text beside the version someone else saved.

Which keys are offered is asked of the domain (``rules.refusal_of``) with the same actions
the store runs, so a key is in the footer exactly when pressing it would be allowed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import Static, TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.errors import EditConflict, EditLocked, InvalidInput
from sip_tui.domain.model import Case, Document
from sip_tui.domain.rules import refusal_of
from sip_tui.domain.texts import short_moment
from sip_tui.screens.form import CaseContext, Field, FormScreen
from sip_tui.widgets.literal import visible


def document_state(
    case: Case, document: Document | None, kind: doc.DocumentKind, holder: bool = True
) -> str:
    """One line: version and who saved it, who edits it now (``holder``), locked."""
    if document is None:
        return f"{kind.label.capitalize()} är inte påbörjad."
    parts = [f"Version {document.version}"]
    if document.updated_at is not None:
        who = case.user_name(document.updated_by or "")
        parts.append(f"sparad {short_moment(document.updated_at)} av {who}")
    lock = document.edit_lock
    if lock is not None and holder:
        parts.append(
            f"redigeras av {lock.user_name} ({case.unit_name(lock.unit)}) sedan "
            f"{short_moment(lock.since)}"
        )
    if document.is_locked and document.locked_at is not None:
        parts.append(
            f"LÅST {short_moment(document.locked_at)} av {case.user_name(document.locked_by or '')}"
        )
    return " · ".join(parts)


class DocumentForm(FormScreen):
    """A form over one document kind. Subclasses fill the fields from the document
    (:meth:`fill`), read them back (:meth:`save_call`) and describe a document as text
    (:meth:`describe`, shown beside the user's text after a conflict)."""

    BINDINGS = [
        Binding("f2,ctrl+s", "save", "Spara"),
        Binding("f3", "sign", "Signera"),
        Binding("f4", "lock", "Lås"),
        # priority: a focused TextArea binds f6 (select line) itself
        Binding("f6", "take_over", "Ta över", priority=True),
    ]
    kind: doc.DocumentKind = doc.DocumentKind.MAPPING

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        current = self.document
        self.base_version: int | None = current.version if current is not None else None

    @property
    def document(self) -> Document | None:
        return doc.document(self.context.case, self.kind)

    # --- what may be done now ---------------------------------------------------------------

    def may(self, action: str) -> bool:
        if not self.query(Field):  # asked by the footer before the fields exist
            return False
        context, kind = self.context, self.kind
        actor, at = context.actor, context.store.clock.now()
        attempts = {
            "save": self.try_save,
            "sign": lambda case: doc.sign(case, actor, at, kind),
            "lock": lambda case: doc.lock(case, actor, at, kind),
            "take_over": lambda case: doc.take_over(case, actor, at, kind),
        }
        return refusal_of(context.case, attempts[action]) is None

    def try_save(self, case: Case) -> object:
        """The domain's save with the document as it stands (for "may I save?")."""
        raise NotImplementedError

    @property
    def editable(self) -> bool:
        return self.may("save")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "sign", "lock", "take_over"):
            return self.may(action)
        return True

    def show_state(self) -> None:
        refusal = refusal_of(self.context.case, self.try_save)
        # An edit lock someone else holds is told by the refusal itself.
        holder = not isinstance(refusal, EditLocked)
        text = document_state(self.context.case, self.document, self.kind, holder)
        if refusal is not None:
            text += f"\nDu kan inte ändra nu: {refusal}"
        self.set_state(text)

    # --- actions ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.editable:
            return
        try:
            call = self.save_call()
        except InvalidInput as refusal:  # typed text that cannot be read (a date): not sent
            self.clear_problems()
            self.show_problem(str(refusal), refusal.field)
            return
        self.write(call, self.saved, self.conflicted)

    def saved(self, version: object) -> None:
        if isinstance(version, int):
            self.base_version = version
        self.mark_saved()
        self.notify(f"{self.kind.label.capitalize()} är sparad; du har redigeringslåset.")
        self.reload_case(self.refreshed)

    def save_call(self) -> Callable[[], object]:
        """A function that saves what the form holds (with ``base_version``); raises
        ``InvalidInput`` for typed text that cannot be read."""
        raise NotImplementedError

    def _simple(self, verb: str, done: str) -> None:
        context, kind = self.context, self.kind
        store_call = getattr(context.store, verb)

        def written(_: object) -> None:
            self.notify(done)
            self.reload_case(self.refreshed)

        self.write(lambda: store_call(context.login, context.unit, context.case.id, kind), written)

    def action_sign(self) -> None:
        if self.dirty:
            self.show_problem("Spara (F2) först; signera sedan.")
            return
        self._simple("sign", f"{self.kind.label.capitalize()} är signerad.")

    def action_lock(self) -> None:
        if self.dirty:
            self.show_problem("Spara (F2) först; lås sedan.")
            return
        self._simple("lock", f"{self.kind.label.capitalize()} är låst.")

    def action_take_over(self) -> None:
        self._simple("take_over", "Du har tagit över redigeringen.")

    def refreshed(self, case: Case) -> None:
        """After a write or a conflict: new state, keys and (if we may) editability."""
        self.show_state()
        self.set_read_only(not self.editable)
        self.refresh_bindings()

    def set_read_only(self, read_only: bool) -> None:
        for area in self.query(TextArea):
            area.read_only = read_only
        for widget in self.query("Input, Checkbox, Select, RadioSet"):
            widget.disabled = read_only

    def on_mount(self) -> None:
        super().on_mount()
        self.set_read_only(not self.editable)

    # --- conflicts --------------------------------------------------------------------------

    def conflicted(self, refusal: EditConflict) -> None:
        """Keep the typed text; show the saved version under it; the next Spara wins."""

        def show(case: Case) -> None:
            current = self.document
            self.base_version = current.version if current is not None else None
            panel = self.query("#conflict")
            text = visible(
                f"Den version som {case.user_name(refusal.changed_by)} sparade "
                f"{short_moment(refusal.changed_at)} "
                f"(din text ovan är kvar; Spara igen skriver över med din text):\n\n"
                + (self.describe(current) if current is not None else ""),
                newlines=True,
            )
            if panel:
                panel.first(Static).update(text)
            else:
                self.query_one("#form-body").mount(Static(text, id="conflict", markup=False))
            self.refreshed(case)

        self.reload_case(show)

    def describe(self, document: Document) -> str:
        raise NotImplementedError
