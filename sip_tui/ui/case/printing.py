"""Skriv ut (the case screen's ``p``): the plan, the evaluation or one of seed 004's paper
forms, filled in from this case or blank, saved as a PDF and a text file in the user's
documents folder (else the sip-tui data folder), readable by the user only.

Printing from the case is a disclosure: the case is read again for it through
``Store.case_for_print``, which checks our unit's access and writes the access-log line;
a blank form reads nothing. The work (the read, the PDF, the files) runs in a thread
worker; the dialog stays open saying so, and closes when the files are written, the app
then telling where they are. A refusal or a folder that cannot be written is said in the
dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.session import Session
from sip_tui.paper.files import save_printout
from sip_tui.paper.kinds import PaperKind, build
from sip_tui.paper.pdf import to_pdf
from sip_tui.paper.text import to_text
from sip_tui.store.service.api import Store
from sip_tui.ui.deviations.export import export_folder
from sip_tui.ui.runtime.calls import CallRefusal, StoreCaller
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter


@dataclass(frozen=True)
class PrintChoice:
    kind: PaperKind
    filled: bool  # from the case; else a blank form
    label: str


CHOICES = (
    PrintChoice(PaperKind.PLAN, True, "Planen (mål- och aktivitetsplan)"),
    PrintChoice(PaperKind.EVALUATION, True, "Utvärderingen (uppföljning och utvärdering)"),
    PrintChoice(PaperKind.CHECKLIST, True, "Checklista – SIP, ifylld från ärendet"),
    PrintChoice(PaperKind.MEETING_FORM, True, "Stödblankett för dokumentation, ifylld"),
    PrintChoice(PaperKind.FOLLOW_UP_FORM, True, "Stödblankett för uppföljning, ifylld"),
    PrintChoice(PaperKind.CHECKLIST, False, "Tom checklista – SIP"),
    PrintChoice(PaperKind.MEETING_FORM, False, "Tom stödblankett för dokumentation vid SIP"),
    PrintChoice(PaperKind.FOLLOW_UP_FORM, False, "Tom stödblankett för uppföljning"),
)


def print_to_files(store: Store, session: Session, case_id: int, choice: PrintChoice) -> Path:
    """(Worker thread.) The printout as a PDF and a text file side by side; the PDF's path.
    A case is read for it (access-logged) only when it is filled in from the case."""
    source = None
    if choice.filled:
        source = store.case_for_print(session, case_id, choice.kind.value, "pdf+text")
    paper = build(choice.kind, source)
    files = {"pdf": to_pdf(paper), "txt": to_text(paper).encode("utf-8")}
    try:
        return save_printout(export_folder(), paper.stem, files)[0]
    except OSError as trouble:
        raise InvalidInput(
            f"Utskriften kunde inte sparas ({trouble.strerror or trouble}); kontrollera att "
            "mappen Dokument finns och går att skriva i."
        ) from None


class PrintDialog(StoreCaller, ModalScreen[Path | None]):
    """Choose what to print; Enter saves it (PDF and text) in the documents folder."""

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Skriv ut",
            priority=True,
            id="print.choose",
            tooltip="Spara det markerade som PDF och text i mappen Dokument",
        ),
        Binding("escape", "cancel", "Avbryt", id="print.cancel", tooltip="Stäng utan utskrift"),
        HELP,
    ]
    DEFAULT_CSS = """
    PrintDialog { align: center middle; }
    PrintDialog > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; padding: 1 2; background: $surface;
    }
    PrintDialog .title { text-style: bold; margin-bottom: 1; }
    PrintDialog OptionList, PrintDialog OptionList:focus {
        height: auto; max-height: 10; border: none; padding: 0;
    }
    PrintDialog #print-state { margin-top: 1; }
    PrintDialog #print-state.error { color: $error; }
    """

    def __init__(self, store: Store, session: Session, case_id: int) -> None:
        super().__init__()
        self.store, self.session, self.case_id = store, session, case_id
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Skriv ut", classes="title")
            yield Static(
                "En PDF och en textfil sparas i mappen Dokument; bara du kan läsa dem. "
                "Det som fylls i från ärendet är det er enhet får läsa, och utskriften "
                "loggas.",
                markup=False,
            )
            yield OptionList(
                *[
                    Option(Text(choice.label, no_wrap=True, overflow="ellipsis"))
                    for choice in CHOICES
                ],
                id="print-choices",
            )
            yield Static("", id="print-state", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        choices = self.query_one("#print-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    def action_choose(self) -> None:
        index = self.query_one("#print-choices", OptionList).highlighted
        if index is not None:
            self._print(CHOICES[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._print(CHOICES[event.option_index])

    def _print(self, choice: PrintChoice) -> None:
        if self.busy:
            return
        self.busy = True
        self._say("Sparar utskriften …")
        store, session, case_id = self.store, self.session, self.case_id

        def saved(path: object) -> None:
            assert isinstance(path, Path)
            self.app.notify(
                f"{choice.label} är sparad i {path} (och som text, {path.stem}.txt).",
                title="Utskrift",
                timeout=15,
            )
            self.dismiss(path)

        def refused(refusal: CallRefusal) -> None:
            self.busy = False
            self._say(refusal.message, error=True)

        self.call_store(
            lambda: print_to_files(store, session, case_id, choice), then=saved, refused=refused
        )

    def _say(self, message: str, error: bool = False) -> None:
        state = self.query_one("#print-state", Static)
        state.update(message)
        state.set_class(error, "error")

    def action_cancel(self) -> None:
        self.dismiss(None)
