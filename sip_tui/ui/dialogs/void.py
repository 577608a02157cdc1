"""Makulera (coordinator): choose the part to void, give a reason, confirm, and void it.

Which parts are offered is asked of the domain: each Makulera command the case could take
(``commands.void_commands``) is tried on a copy of the case, so only what would be allowed
now is listed; the chosen command is sent with the typed reason. The reason
and the confirmation reuse the Kvittera dialog; a refusal from the store re-opens it with
the typed reason and the message, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain.calls import find_call
from sip_tui.domain.commands import (
    Command,
    Void,
    VoidCall,
    VoidEvaluation,
    VoidFollowUp,
    VoidFollowUpEntry,
    VoidInitiative,
    VoidMapping,
    VoidMessage,
    VoidPlan,
)
from sip_tui.domain.model import Case
from sip_tui.domain.offers import void_commands
from sip_tui.domain.texts import short_moment
from sip_tui.ui.dialogs.answer import AnswerDialog, AnswerRequest
from sip_tui.ui.runtime.commands import CommandSender
from sip_tui.ui.runtime.context import CaseContext
from sip_tui.ui.runtime.keys import HELP
from sip_tui.ui.widgets.footer import KeyFooter
from sip_tui.ui.widgets.literal import visible


@dataclass(frozen=True)
class VoidTarget:
    """One part that may be voided: the command (its reason typed later) and its words."""

    command: Void  # with the reason still to be typed
    what: str  # "kallelsen till planeringsmöte mån 30 nov 10:00" (plain text)
    warning: str = ""  # said in the confirmation


WHAT: dict[type[Command], str] = {
    VoidMapping: "kartläggningen",
    VoidPlan: "planen",
    VoidFollowUp: "uppföljningen",
    VoidEvaluation: "utvärderingen",
}


def _what(case: Case, command: Void) -> VoidTarget:
    if isinstance(command, VoidInitiative):
        return VoidTarget(
            command,
            "initiativet (hela ärendet)",
            " Hela ärendet makuleras och försvinner från alla enheters översikt.",
        )
    if isinstance(command, VoidCall):
        call = find_call(case, command.number)
        what = f"kallelsen till {call.kind.label} {short_moment(call.meeting_at)}"
        return VoidTarget(
            command, what + (f" (plan {call.cycle})" if call.cycle != case.cycle else "")
        )
    if isinstance(command, VoidFollowUpEntry):
        plan = case.current_plan()
        activities = {a.id: a for a in plan.activities()} if plan is not None else {}
        activity = activities.get(command.activity_id)
        text = activity.text if activity is not None else str(command.activity_id)
        unit = case.unit_name(activity.responsible_unit) if activity is not None else ""
        return VoidTarget(command, f"uppföljningen av «{text}» ({unit})")
    if isinstance(command, VoidMessage):
        message = next(m for m in case.messages if m.number == command.number)
        text = " ".join(message.text.split())
        text = text if len(text) <= 40 else text[:39] + "…"
        return VoidTarget(command, f"meddelandet {short_moment(message.sent_at)}: {text}")
    return VoidTarget(command, WHAT[type(command)])


def void_targets(context: CaseContext, kind: type[Command] | None = None) -> list[VoidTarget]:
    """What the user may void now (only commands of ``kind`` when given), as the domain
    decides."""
    return [
        _what(context.case, command)
        for command in void_commands(context.case)
        if (kind is None or isinstance(command, kind)) and context.allowed(command)
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class VoidChoice(ModalScreen[VoidTarget | None]):
    """Choose the part to void: one line per part the domain would let us void now."""

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Välj",
            priority=True,
            id="void.choose",
            tooltip="Makulera det markerade",
        ),
        Binding("escape", "cancel", "Avbryt", id="void.cancel", tooltip="Stäng utan att makulera"),
        HELP,
    ]

    def __init__(self, targets: list[VoidTarget]) -> None:
        super().__init__()
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Makulera", classes="title")
            yield Static(
                "Välj vad som ska makuleras; du anger sedan en anledning och bekräftar.",
                markup=False,
            )
            yield OptionList(
                *[
                    Option(Text(_capital(visible(t.what)), no_wrap=True, overflow="ellipsis"))
                    for t in self.targets
                ],
                id="targets",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one("#targets", OptionList)
        options.highlighted = 0
        options.focus()

    def action_choose(self) -> None:
        index = self.query_one("#targets", OptionList).highlighted
        if index is not None:
            self.dismiss(self.targets[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.targets[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class VoidFlow:
    """Makulera from ``screen``: the choice (when there is one to make), the reason and
    the confirmation, then the command with the reason; ``done(target, case)`` after it
    is voided. A refusal re-opens the reason with what was typed and why."""

    def __init__(
        self,
        screen: Screen[Any],
        targets: list[VoidTarget],
        done: Callable[[VoidTarget, Case], None],
    ) -> None:
        assert isinstance(screen, CommandSender)  # the case screen, the call form
        self.screen, self.sender, self.targets, self.done = screen, screen, targets, done

    def start(self, always_choose: bool = True) -> None:
        if not self.targets:
            return
        if len(self.targets) == 1 and not always_choose:
            self.ask_reason(self.targets[0])
            return

        def chosen(target: VoidTarget | None) -> None:
            if target is not None:
                self.ask_reason(target)

        self.screen.app.push_screen(VoidChoice(self.targets), chosen)

    def ask_reason(self, target: VoidTarget, text: str = "", problem: str = "") -> None:
        request = AnswerRequest(
            f"Makulera {target.what}",
            "Anledning (krävs); den sparas i ärendets historik:",
            required=True,
            confirm=f"Makulera {target.what}?{target.warning} Det går inte att ångra.",
            text=text,
            problem=problem,
            missing="Ange varför det makuleras.",
        )

        def answered(reason: str | None) -> None:
            if reason is not None:
                self.sender.send(
                    replace(target.command, reason=reason),
                    then=lambda case: self.done(target, case),
                    refused=lambda refusal: self.ask_reason(target, reason, refusal.message),
                )

        self.screen.app.push_screen(AnswerDialog(request), answered)
