"""What Kartläggning, Plan, Uppföljning and Utvärdering share: Spara (takes the edit lock),
Signera (releases it), Lås (coordinator), Ta över (a stale edit lock), the state line, and
an edit conflict that keeps the user's text beside the version someone else saved.

Which keys are offered is asked of the domain with the same command objects the keys send
(``domain.commands``), so a key is in the footer exactly when pressing it would be allowed.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static, TextArea

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import Command, Lock, Sign, TakeOver
from sip_tui.domain.errors import EditConflict, EditLocked, InvalidInput
from sip_tui.domain.model import Case, Document
from sip_tui.domain.texts import short_moment
from sip_tui.ui.dialogs.simple import CarefulConfirmScreen
from sip_tui.ui.forms.base import Field, FormScreen
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.widgets.literal import visible

#: What Lås closes, asked before it is done (domain.documents.lock and what waits for it).
LOCK_QUESTIONS = {
    doc.DocumentKind.MAPPING: (
        "Låsa kartläggningen? Efter låsningen kan ingen enhet ändra eller lägga till något i den."
    ),
    doc.DocumentKind.PLAN: (
        "Låsa planen? Efter låsningen kan ingen ändra den; ändringar görs i en ny plan "
        "(Ctrl+N Ny plan), som arkiverar den här. Uppföljningen kan sedan aktiveras och "
        "kallelsen till utvärderingsmötet skickas."
    ),
    doc.DocumentKind.FOLLOW_UP: (
        "Låsa uppföljningen? Efter låsningen kan ingen enhet följa upp aktiviteterna längre "
        "och uppföljningen kan inte makuleras; utvärderingen kan sedan dokumenteras."
    ),
    doc.DocumentKind.EVALUATION: (
        "Låsa utvärderingen? Efter låsningen kan den inte ändras eller makuleras; ärendet "
        "kan sedan avslutas."
    ),
}


def lock_question(kind: doc.DocumentKind, document: Document | None) -> str:
    """What Lås closes for ``kind``; and that the user's own saved draft is signed too."""
    text = LOCK_QUESTIONS[kind]
    if document is not None and document.edit_lock is not None:
        text += " Ditt sparade utkast signeras samtidigt."  # Lås is offered only to its holder
    return text + " Det går inte att ångra."


def document_state(
    case: Case, document: Document | None, kind: doc.DocumentKind, holder: bool = True
) -> str:
    """One line: version and who saved it, who edits it now (``holder``), locked."""
    if document is None:
        return f"{kind.label.capitalize()} är inte påbörjad."
    # Version 0: another unit's draft that nobody has signed yet (documents.document_for).
    parts = [f"Version {document.version}" if document.version else "Inget signerat ännu"]
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
    (:meth:`fill`), read them back (:meth:`save_command`) and describe a document as text
    (:meth:`describe`, shown beside the user's text after a conflict)."""

    BINDINGS = [
        Binding(
            "f2,ctrl+s",
            "save",
            "Spara",
            id="document.save",
            tooltip="Spara utkastet (vi får redigeringslåset)",
        ),
        Binding(
            "f3",
            "sign",
            "Signera",
            id="document.sign",
            tooltip="Signera: andra enheter kan nu läsa det",
        ),
        Binding(
            "f4",
            "lock",
            "Lås",
            id="document.lock",
            tooltip="Lås dokumentet: det kan sedan inte ändras",
        ),
        # priority: a focused TextArea binds f6 (select line) itself
        Binding(
            "f6",
            "take_over",
            "Ta över",
            priority=True,
            id="document.take_over",
            tooltip="Ta över redigeringslåset",
        ),
    ]
    kind: doc.DocumentKind = doc.DocumentKind.MAPPING

    def __init__(self, context: CaseContext) -> None:
        super().__init__(context)
        current = self.document
        self.base_version: int | None = current.version if current is not None else None

    @property
    def document(self) -> Document | None:
        """The document as our unit may read it: our unit's unsigned draft, else the
        last signed version (*"Nu kan andra användare läsa i dokumentet"*)."""
        return self.shown(self.context.case)

    def shown(self, case: Case) -> Document | None:
        return doc.document_for(case, self.kind, self.context.session.unit)

    # --- what may be done now ---------------------------------------------------------------

    def commands(self) -> dict[str, Command]:
        """The form's commands by action name, as the keys would send them now."""
        case_id, kind = self.context.case.id, self.kind
        return {
            "save": self.probe_save(),
            "sign": Sign(case_id, kind),
            "lock": Lock(case_id, kind, self.base_version),
            "take_over": TakeOver(case_id, kind),
        }

    def may(self, action: str) -> bool:
        if not self.query(Field):  # asked by the footer before the fields exist
            return False
        return self.context.allowed(self.commands()[action])

    def probe_save(self) -> Command:
        """The save command for "may I save?": the document as it stands."""
        raise NotImplementedError

    @property
    def editable(self) -> bool:
        return self.may("save")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "sign", "lock", "take_over"):
            return self.may(action)
        return True

    def show_state(self) -> None:
        refusal = self.context.verdict(self.probe_save())
        # An edit lock someone else holds is told by the refusal itself.
        holder = not isinstance(refusal, EditLocked)
        text = document_state(self.context.case, self.document, self.kind, holder)
        if refusal is not None:
            text += f"\nDu kan inte ändra nu: {refusal}"
        missing = self.context.verdict(self.commands()["lock"])
        if isinstance(missing, InvalidInput):  # what the seed requires before Lås
            text += f"\nLås: {missing}"
        self.set_state(text)

    # --- actions ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.editable:
            return
        try:
            command = self.save_command()
        except InvalidInput as refusal:  # typed text that cannot be read (a date): not sent
            self.clear_problems()
            self.show_problem(str(refusal), refusal.field)
            return
        self.send(command, then=self.saved)

    def saved(self, case: Case) -> None:
        current = self.document
        self.base_version = current.version if current is not None else self.base_version
        self.mark_saved()
        self.notify(f"{self.kind.label.capitalize()} är sparad; du har redigeringslåset.")
        self.refreshed(case)

    def save_command(self) -> Command:
        """The command that saves what the form holds (with ``base_version``); raises
        ``InvalidInput`` for typed text that cannot be read."""
        raise NotImplementedError

    def _simple(self, action: str, done: str) -> None:
        def written(case: Case) -> None:
            self.notify(done)
            self.refreshed(case)

        self.send(self.commands()[action], then=written)

    def action_sign(self) -> None:
        if self.dirty:
            self.show_problem("Spara (F2) först; signera sedan.")
            return
        self._simple("sign", f"{self.kind.label.capitalize()} är signerad.")

    def action_lock(self) -> None:
        """Asks first (Enter keeps the form open): what Lås closes cannot be opened again."""
        if self.dirty:
            self.show_problem("Spara (F2) först; lås sedan.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._simple("lock", f"{self.kind.label.capitalize()} är låst.")

        self.app.push_screen(
            CarefulConfirmScreen(
                f"Lås {self.kind.label}",
                lock_question(self.kind, self.document),
                yes="Lås",
                no="Avbryt",
            ),
            answered,
        )

    def action_take_over(self) -> None:
        self._simple(
            "take_over",
            "Du har tagit över redigeringen och de osignerade ändringarna; "
            "signera eller lås när du är klar.",
        )

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
