"""The case screen's keys: id (for ``[keymap]``), key, Swedish label and tooltip; each is
shown only while the case offers what it sends (``CaseScreen.check_action``)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CASE_KEYS: list[BindingType] = [
    Binding(
        "escape,q",
        "app.pop_screen",
        "Tillbaka",
        id="case.back",
        tooltip="Tillbaka till översikten",
    ),
    Binding(
        "a",
        "accept",
        "Acceptera",
        id="case.accept",
        tooltip="Kvittera: vi deltar (med en kommentar)",
    ),
    Binding(
        "n", "decline", "Neka", id="case.decline", tooltip="Kvittera: vi deltar inte (med skäl)"
    ),
    Binding(
        "m",
        "mark_read",
        "Läst",
        id="case.mark_read",
        tooltip="Markera våra olästa meddelanden som lästa",
    ),
    Binding(
        "x", "void", "Makulera", id="case.void", tooltip="Makulera en del av ärendet (med skäl)"
    ),
    Binding(
        "w",
        "forward",
        "Vidarebefordra",
        id="case.forward",
        tooltip="Skicka ett felriktat initiativ vidare",
    ),
    Binding(
        "d",
        "register_deviation",
        "Avvikelse",
        show=False,  # the footer is full: in the help and the palette
        id="case.register_deviation",
        tooltip="Registrera en avvikelse om ärendet och en av dess uppgifter",
    ),
    Binding(
        "p",
        "print",
        "Skriv ut",
        show=False,  # the footer is full: in the help and the palette
        id="case.print",
        tooltip="Skriv ut planen, utvärderingen eller en blankett",
    ),
]
