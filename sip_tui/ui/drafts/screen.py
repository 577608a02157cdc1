"""Osparade utkast: what could not be saved while the store was out of reach, offered from
the overview (``s``). Enter sends a draft again through the one path (``CommandSender``):
the domain checks it anew; done, the draft is deleted; refused (someone changed the case
meanwhile), the refusal is shown and the draft kept — ``v`` shows what it holds, to type
it again. ``x`` throws a draft away, after a question only ``j`` answers yes to."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain.model import Case
from sip_tui.domain.session import Session
from sip_tui.domain.texts import short_moment
from sip_tui.local import drafts
from sip_tui.local.drafts import Draft
from sip_tui.local.owner import Owner
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import CarefulConfirmScreen, TextScreen
from sip_tui.ui.drafts.content import draft_text
from sip_tui.ui.drafts.offer import drafts_text
from sip_tui.ui.runtime.commands import CommandSender
from sip_tui.ui.runtime.drafting import LOCAL_TROUBLE, owner_of
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.runtime.messages import Refused
from sip_tui.ui.runtime.workers import post
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible

UNREADABLE = "Utkastet kan inte läsas av den här versionen av sip-tui; v visar vad det gäller."


class DraftsRead(Message, bubble=False):
    def __init__(self, found: list[Draft] | None) -> None:
        super().__init__()
        self.found = found  # None: the local file could not be read


class DraftListScreen(CommandSender, ModalScreen[None]):
    BINDINGS = [
        # Before the list's own Enter (which would only pick the line).
        Binding(
            "enter",
            "send",
            "Spara",
            priority=True,
            id="drafts.send",
            tooltip="Spara utkastet i databasen nu",
        ),
        Binding("v", "view", "Visa", id="drafts.view", tooltip="Visa vad utkastet innehåller"),
        Binding(
            "x",
            "discard",
            "Ta bort",
            id="drafts.discard",
            tooltip="Ta bort utkastet (frågar först)",
        ),
        Binding("escape", "close", "Stäng", id="drafts.close", tooltip="Tillbaka till översikten"),
        HELP,
    ]
    DEFAULT_CSS = """
    DraftListScreen { align: center middle; }
    DraftListScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; padding: 0 1; background: $surface;
    }
    DraftListScreen .title { text-style: bold; }
    DraftListScreen OptionList { height: auto; max-height: 14; }
    DraftListScreen #drafts-problem { color: $error; text-style: bold; display: none; }
    DraftListScreen #drafts-problem.shown { display: block; }
    """

    def __init__(self, store: Store, session: Session, names: Mapping[int, str]) -> None:
        super().__init__()
        self.store, self.session = store, session
        self.names = dict(names)  # case id -> the individual's name, from the overview
        self.found: list[Draft] = []
        self.busy = False

    def who(self) -> tuple[Store, Session]:
        return self.store, self.session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Osparade utkast", classes="title")
            yield Static(
                "Det här kunde inte sparas när databasen inte gick att nå. Enter sparar "
                "utkastet nu; ärendet kontrolleras på nytt.",
                id="drafts-intro",
            )
            yield OptionList(id="drafts")
            yield Static("", id="drafts-problem", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    # --- reading ------------------------------------------------------------------------------

    def reload(self, discard: Draft | None = None) -> None:
        """Read the drafts again (in a thread worker), after throwing ``discard`` away."""
        owner = owner_of(self.store, self.session)
        self.run_worker(lambda: self._read(owner, discard), thread=True, group="read")

    def _read(self, owner: Owner, discard: Draft | None) -> None:
        try:
            if discard is not None:
                drafts.discard(discard.id)
            found: list[Draft] | None = drafts.drafts(owner)
        except LOCAL_TROUBLE:
            found = None
        post(self, DraftsRead(found))

    def on_drafts_read(self, message: DraftsRead) -> None:
        if message.found is None:
            self.show_problem("Utkasten på den här datorn kan inte läsas just nu.")
            return
        listing = self.query_one(OptionList)
        kept = listing.highlighted or 0
        self.found = message.found
        listing.clear_options()
        listing.add_options(Option(self._line(each)) for each in self.found)
        if self.found:
            listing.highlighted = min(kept, len(self.found) - 1)
        self.query_one("#drafts-intro", Static).update(
            f"{drafts_text(len(self.found)).capitalize()}. Det här kunde inte sparas när "
            "databasen inte gick att nå. Enter sparar utkastet nu; ärendet kontrolleras på nytt."
            if self.found
            else "Inga osparade utkast."
        )
        self.refresh_bindings()

    def _line(self, draft: Draft) -> Text:
        if draft.case_id is None:
            case = "nytt ärende"
        else:
            name = self.names.get(draft.case_id)
            case = f"ärende {draft.case_id}" + (f" {name}" if name else "")
        line = Text(f"{draft.part} · ", style="bold")
        line.append(visible(case))
        line.append(f" · {short_moment(draft.saved_at)}\n  ")
        line.append(visible(draft.summary))
        return line

    # --- keys -------------------------------------------------------------------------------

    def _current(self) -> Draft | None:
        index = self.query_one(OptionList).highlighted
        return self.found[index] if index is not None and index < len(self.found) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("send", "view", "discard"):
            return self._current() is not None and not (action == "send" and self.busy)
        return True

    def action_send(self) -> None:
        draft = self._current()
        if draft is None or self.busy:
            return
        if draft.commands is None:
            self.show_problem(UNREADABLE)
            return
        self.clear_problem()
        self.busy = True
        self.draft_keeper().adopt(draft)  # done, the draft is deleted
        self.send(*draft.commands, then=lambda case: self._sent(draft, case), refused=self._refused)

    def _sent(self, draft: Draft, case: Case) -> None:
        self.busy = False
        self.names.setdefault(case.id, case.individual.name)
        self.notify(visible(f"Sparat: {draft.part}, {draft.summary}"), title="Utkast")
        self.reload()

    def _refused(self, refusal: Refused) -> None:
        self.busy = False
        kept = "" if refusal.error is None else " Utkastet finns kvar: v visar vad det innehåller."
        self.show_problem(refusal.message + kept)
        self.reload()

    def action_view(self) -> None:
        draft = self._current()
        if draft is not None:
            self.app.push_screen(TextScreen("Utkast", visible(draft_text(draft), newlines=True)))

    def action_discard(self) -> None:
        draft = self._current()
        if draft is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.reload(discard=draft)

        self.app.push_screen(
            CarefulConfirmScreen(
                "Ta bort utkastet",
                visible(
                    f"Ta bort utkastet {draft.part}: {draft.summary}? Det du skrev går inte "
                    "att få tillbaka."
                ),
                yes="Ta bort",
                no="Behåll",
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)

    # --- problems ---------------------------------------------------------------------------

    def show_problem(self, message: str) -> None:
        problem = self.query_one("#drafts-problem", Static)
        problem.update(visible(message))
        problem.add_class("shown")

    def clear_problem(self) -> None:
        self.query_one("#drafts-problem", Static).remove_class("shown")
