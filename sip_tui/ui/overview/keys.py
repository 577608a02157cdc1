"""The overview's keys: id (for ``[keymap]``), key, Swedish label and tooltip. Keys the
footer has no room for are ``show=False``: the help (``?``) and the palette list them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

OVERVIEW_KEYS: list[BindingType] = [
    Binding(
        "o",
        "only_ours",
        "Våra",
        id="overview.only_ours",
        tooltip="Visa bara ärenden där vi har något att göra",
    ),
    Binding(
        "slash", "search", "Sök", id="overview.search", tooltip="Sök på namn eller personnummer"
    ),
    Binding(
        "a",
        "include_closed",
        "Avslutade",
        id="overview.closed",
        tooltip="Visa även avslutade ärenden",
    ),
    Binding(
        "e",
        "explain",
        "Varför?",
        id="overview.explain",
        tooltip="Förklara varför cellen har sin status",
    ),
    Binding(
        "l",
        "legend",
        "Symboler",
        id="overview.legend",
        tooltip="Vad symbolerna, kolumnerna och tidsgränserna betyder",
    ),
    Binding("u", "switch_unit", "Enhet", id="overview.unit", tooltip="Byt enhet"),
    Binding(
        "n",
        "new_case",
        "Nytt",
        id="overview.new_case",
        tooltip="Nytt ärende: skapa ett ärende med initiativ till SIP",
    ),
    Binding(
        "r",
        "reload",
        "Uppdatera",
        show=False,
        id="overview.reload",
        tooltip="Läs översikten igen",
    ),
    Binding(
        "escape",
        "close_search",
        "Stäng sök",
        show=False,
        id="overview.close_search",
        tooltip="Töm och stäng sökfältet",
    ),
    Binding(
        "j",
        "cursor_down",
        "Ned",
        show=False,
        id="overview.down",
        tooltip="Nästa ärende (som ↓)",
    ),
    Binding(
        "k",
        "cursor_up",
        "Upp",
        show=False,
        id="overview.up",
        tooltip="Föregående ärende (som ↑)",
    ),
    Binding(
        "b",
        "roster",
        "Bevakning",
        show=False,  # the footer is full: in the help and the palette
        id="overview.roster",
        tooltip="Bevakningsschema: vem som bevakar brevlådan, ersättare och frånvaro",
    ),
    Binding(
        "t",
        "routine",
        "Rutin",
        show=False,  # the footer is full: in the help and the palette
        id="overview.routine",
        tooltip="Enhetens lokala rutin: bevakning, avisering, ersättare och support",
    ),
    Binding(
        "v",
        "deviations",
        "Avvikelser",
        show=False,  # the footer is full: in the help and the palette
        id="overview.deviations",
        tooltip="Enhetens avvikelser: förslag att bekräfta eller avfärda, export till CSV",
    ),
    Binding(
        "s",
        "drafts",
        "Utkast",
        show=False,  # the footer is full: the line "N osparade utkast – s …" names it
        id="overview.drafts",
        tooltip="Osparade utkast: det som inte kunde sparas när databasen inte gick att nå",
    ),
    Binding(
        "d",
        "register_deviation",
        "Ny avvikelse",
        show=False,  # the footer is full: in the help and the palette
        id="overview.register_deviation",
        tooltip="Registrera en avvikelse, om ärendet där markören står",
    ),
    Binding(
        "R",
        "report",
        "Rapport",
        show=False,  # the footer is full: in the help and the palette
        id="overview.report",
        tooltip="Verksamhetsrapport: inkomna, kvitterade i tid, försenade, per vecka; CSV",
    ),
    Binding(
        "L",
        "log_check",
        "Loggkontroll",
        show=False,  # the footer is full: in the help and the palette
        id="overview.log_check",
        tooltip="Loggkontroll: sök i åtkomstloggen, dra stickprov, notera fynd (chef)",
    ),
]
