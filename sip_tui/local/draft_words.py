"""What a draft is called on screen, in Swedish: the part of the case (the form) its
commands belong to and a one-line summary (``Spara kartläggningen: Bor ensam, …``)."""

from __future__ import annotations

import dataclasses
from enum import Enum

from sip_tui.domain import commands as c
from sip_tui.domain.documents import DocumentKind

AnyCommand = c.Command | c.CreateCase

DOCUMENT_PARTS = {
    DocumentKind.MAPPING: "Kartläggning",
    DocumentKind.PLAN: "Plan",
    DocumentKind.FOLLOW_UP: "Uppföljning",
    DocumentKind.EVALUATION: "Utvärdering",
}

#: Per command class: the part of the case (the form's name) and what the user did.
WORDS: dict[type[AnyCommand], tuple[str, str]] = {
    c.CreateCase: ("Nytt ärende", "Nytt ärende med initiativ"),
    c.UpdateInitiative: ("Initiativ", "Spara initiativet"),
    c.SendInitiative: ("Initiativ", "Skicka initiativet"),
    c.AcceptInitiative: ("Initiativ", "Acceptera initiativet"),
    c.DeclineInitiative: ("Initiativ", "Neka initiativet"),
    c.ForwardInitiative: ("Initiativ", "Vidarebefordra initiativet"),
    c.SetDischargeReady: ("Kallelse", "Utskrivningsklar"),
    c.SendCall: ("Kallelse", "Skicka kallelsen"),
    c.AcceptCall: ("Kallelse", "Acceptera kallelsen"),
    c.DeclineCall: ("Kallelse", "Neka kallelsen"),
    c.SendMessage: ("Meddelande", "Skicka meddelandet"),
    c.MarkMessageRead: ("Meddelande", "Markera som läst"),
    c.ActivateFollowUp: ("Uppföljning", "Aktivera uppföljningen"),
    c.NewPlan: ("Plan", "Ny plan"),
    c.CloseCase: ("Utvärdering", "Avsluta ärendet"),
    c.VoidInitiative: ("Makulera", "Makulera ärendet"),
    c.VoidMapping: ("Makulera", "Makulera kartläggningen"),
    c.VoidCall: ("Makulera", "Makulera kallelsen"),
    c.VoidPlan: ("Makulera", "Makulera planen"),
    c.VoidFollowUp: ("Makulera", "Makulera uppföljningen"),
    c.VoidFollowUpEntry: ("Makulera", "Makulera en uppföljning av en aktivitet"),
    c.VoidEvaluation: ("Makulera", "Makulera utvärderingen"),
    c.VoidMessage: ("Makulera", "Makulera meddelandet"),
    c.SaveMapping: ("Kartläggning", "Spara kartläggningen"),
    c.SavePlan: ("Plan", "Spara planen"),
    c.SaveFollowUp: ("Uppföljning", "Spara uppföljningen"),
    c.SaveEvaluation: ("Utvärdering", "Spara utvärderingen"),
}
DOCUMENT_VERBS: dict[type[c.DocumentCommand], str] = {
    c.Sign: "Signera",
    c.Lock: "Lås",
    c.TakeOver: "Ta över",
}
SNIPPET = 48  # characters of the first typed text in the summary


def part_of(command: AnyCommand) -> str:
    """The part of the case the command belongs to: ``Kartläggning``."""
    if isinstance(command, c.DocumentCommand):
        return DOCUMENT_PARTS[command.kind]
    return WORDS.get(type(command), ("Ärende", ""))[0]


def summary_of(commands: tuple[AnyCommand, ...]) -> str:
    """One line: what was done (the first command), more steps counted, the first text."""
    first = commands[0]
    if isinstance(first, c.DocumentCommand):
        done = f"{DOCUMENT_VERBS.get(type(first), 'Ändra')} {first.kind.label}"
    else:
        done = WORDS.get(type(first), ("", type(first).__name__))[1]
    if len(commands) > 1:
        done += f" (och {len(commands) - 1} till)"
    text = first_text(first)
    if text:
        line = " ".join(text.split())
        done += ": " + (line if len(line) <= SNIPPET else line[: SNIPPET - 1] + "…")
    return done


def first_text(value: object) -> str:
    """The first non-empty text among a dataclass's own fields and those of the dataclasses
    in it (not in its lists: unit codes), in field order."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return ""
    for each in dataclasses.fields(value):
        inner = getattr(value, each.name)
        typed = isinstance(inner, str) and not isinstance(inner, Enum)
        if typed and inner.strip() and each.name != "personnummer":
            return str(inner)
        found = first_text(inner)
        if found:
            return found
    return ""
