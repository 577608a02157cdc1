"""Makulera (coordinator): choose the part to void, give a reason, confirm, and void it.

Which parts are offered is asked of the domain: each ``voiding.void_*`` is tried on a copy
of the case (``rules.refusal_of``), so only what would be allowed now is listed. The reason
and the confirmation reuse the Kvittera dialog; a refusal from the store re-opens it with
the typed reason and the message, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from sip_tui.domain import voiding
from sip_tui.domain.model import Case
from sip_tui.domain.roles import Actor
from sip_tui.domain.rules import refusal_of
from sip_tui.domain.texts import short_moment
from sip_tui.screens.answer import AnswerDialog, AnswerRequest
from sip_tui.screens.background import deliver
from sip_tui.screens.form import CaseContext
from sip_tui.widgets.literal import visible

#: The reason given while asking the domain "may this be voided?" (any non-empty text).
PROBE = "?"


@dataclass(frozen=True)
class VoidTarget:
    """One part that may be voided: ``part`` and ``number`` as ``Store.void`` takes them."""

    part: str  # "initiative", "mapping", "call", "plan", "message"
    what: str  # "kallelsen till planeringsmöte mån 30 nov 10:00" (plain text)
    number: int = 0
    warning: str = ""  # said in the confirmation


def _candidates(case: Case) -> list[VoidTarget]:
    targets = [
        VoidTarget(
            "initiative",
            "initiativet (hela ärendet)",
            warning=" Hela ärendet makuleras och försvinner från alla enheters översikt.",
        ),
        VoidTarget("mapping", "kartläggningen"),
    ]
    for call in case.calls:
        if call.is_active:
            what = f"kallelsen till {call.kind.label} {short_moment(call.meeting_at)}"
            if call.cycle != case.cycle:
                what += f" (plan {call.cycle})"
            targets.append(VoidTarget("call", what, call.number))
    targets.append(VoidTarget("plan", "planen"))
    for message in case.active_messages():
        text = " ".join(message.text.split())
        text = text if len(text) <= 40 else text[:39] + "…"
        what = f"meddelandet {short_moment(message.sent_at)}: {text}"
        targets.append(VoidTarget("message", what, message.number))
    return targets


def _attempt(target: VoidTarget, actor: Actor, at: datetime) -> Callable[[Case], None]:
    part, number = target.part, target.number
    if part == "initiative":
        return lambda case: voiding.void_initiative(case, actor, at, PROBE)
    if part == "mapping":
        return lambda case: voiding.void_mapping(case, actor, at, PROBE)
    if part == "call":
        return lambda case: voiding.void_call(case, actor, at, number, PROBE)
    if part == "plan":
        return lambda case: voiding.void_plan(case, actor, at, PROBE)
    return lambda case: voiding.void_message(case, actor, at, number, PROBE)


def void_targets(context: CaseContext, part: str | None = None) -> list[VoidTarget]:
    """What the user may void now (only ``part`` when given), as the domain decides."""
    case, actor, at = context.case, context.actor, context.store.clock.now()
    return [
        target
        for target in _candidates(case)
        if (part is None or target.part == part)
        and refusal_of(case, _attempt(target, actor, at)) is None
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class VoidChoice(ModalScreen[VoidTarget | None]):
    """Choose the part to void: one line per part the domain would let us void now."""

    BINDINGS = [
        Binding("enter", "choose", "Välj", priority=True),
        Binding("escape", "cancel", "Avbryt"),
    ]
    DEFAULT_CSS = """
    VoidChoice { align: center middle; }
    VoidChoice > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; padding: 1 2; background: $surface;
    }
    VoidChoice .title { text-style: bold; margin-bottom: 1; }
    VoidChoice OptionList, VoidChoice OptionList:focus {
        height: auto; max-height: 12; border: none; padding: 0;
    }
    """

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
        yield Footer()

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
    the confirmation, then ``Store.void`` in a thread; ``done(target)`` after it is voided."""

    def __init__(
        self,
        screen: Screen[Any],
        context: CaseContext,
        targets: list[VoidTarget],
        done: Callable[[VoidTarget], None],
    ) -> None:
        self.screen, self.context, self.targets, self.done = screen, context, targets, done

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
                self.screen.run_worker(
                    lambda: self._void(target, reason), thread=True, group="void"
                )

        self.screen.app.push_screen(AnswerDialog(request), answered)

    def _void(self, target: VoidTarget, reason: str) -> None:
        context = self.context
        deliver(
            self.screen.app,
            lambda: context.store.void(
                context.login, context.unit, context.case.id, target.part, reason, target.number
            ),
            lambda _: self.done(target),
            lambda message, _: self.ask_reason(target, reason, message),
        )
