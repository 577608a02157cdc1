"""What each screen shows, in Swedish, for the help screen (`?`): a short text after the
screen's keys; for the overview and the case also what the glyphs and colours mean."""

from __future__ import annotations

from typing import Any, Final

from rich.text import Text
from textual.screen import Screen

from sip_tui.domain.model import Phase, Status
from sip_tui.ui.audit.checks import SpotCheckListScreen
from sip_tui.ui.audit.screen import LogCheckScreen
from sip_tui.ui.case.printing import PrintDialog
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.deviations.listing import DeviationListScreen
from sip_tui.ui.deviations.register import RegisterDialog
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.dialogs.forward import ForwardDialog
from sip_tui.ui.dialogs.simple import (
    CarefulConfirmScreen,
    ConfirmScreen,
    LegendScreen,
    LoseChangesScreen,
    TextScreen,
)
from sip_tui.ui.dialogs.void import VoidChoice
from sip_tui.ui.downtime.desk import DowntimeDesk
from sip_tui.ui.downtime.entry import JournalEntryScreen
from sip_tui.ui.downtime.reconcile import ReconcileScreen
from sip_tui.ui.drafts.screen import DraftListScreen
from sip_tui.ui.forms.call.form import CallForm
from sip_tui.ui.forms.document import DocumentForm
from sip_tui.ui.forms.evaluation import EvaluationForm
from sip_tui.ui.forms.follow_up import FollowUpForm
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.forms.mapping import MappingForm
from sip_tui.ui.forms.message import MessageForm
from sip_tui.ui.forms.plan.dialogs import AddRowScreen, ArchivedPlansScreen
from sip_tui.ui.forms.plan.form import PlanForm
from sip_tui.ui.login import LoginScreen
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.report.screen import ReportScreen
from sip_tui.ui.watch.entry import RosterEntryDialog
from sip_tui.ui.watch.roster import RosterScreen
from sip_tui.ui.watch.routine import RoutineScreen
from sip_tui.ui.widgets.phase_cell import GLYPHS, WORDS, status_style

_FORM = (
    "Fel i ett fält visas under fältet; det du skrivit finns kvar. Esc går tillbaka till "
    "ärendet och frågar först om något inte är sparat. Tangenter som inte går att använda "
    "just nu visas inte (till exempel Lås innan dokumentet är klart)."
)
_DOCUMENT = (
    "Spara ger oss redigeringslåset: andra enheter ser den senast signerade versionen tills "
    "du signerar. Signera lämnar låset. Lås stänger dokumentet för ändringar. Ta över "
    "redigeringslåset kan samordnaren när ingen sparat på 30 minuter."
)

#: Per screen (the first class in the screen's MRO found here): title and text.
TEXTS: Final[dict[type[Screen[Any]], tuple[str, str]]] = {
    OverviewScreen: (
        "Översikten",
        "Alla ärenden där enheten deltar, det brådskande först: försenade, sedan det som "
        "ska vara klart före nästa brytpunkt eller i dag, sedan övrigt vi ska göra. En rad "
        "per ärende, en kolumn per fas; Senast visar vår nästa tidsgräns. Statusraden "
        "räknar försenade, före brytpunkt och i dag. Översikten uppdateras av sig själv. "
        "När sip-tui startar visas först översikten som den senast hämtades, märkt "
        '"senast hämtat" med klockslaget, tills den aktuella har lästs. Det som inte kunde '
        "sparas när databasen inte gick att nå finns som utkast på den här datorn: raden "
        '"osparade utkast" visar hur många, s visar dem.',
    ),
    CaseScreen: (
        "Ärendet",
        "Ärendets delar (Enter öppnar delens formulär), med vår status först på raden; "
        "sedan enheterna och deras svar, övriga deltagare, våra uppgifter, meddelanden och "
        "historiken. Acceptera och Neka visas bara när vi har något att kvittera. p skriver "
        "ut planen, utvärderingen eller en blankett.",
    ),
    LoginScreen: ("Välj enhet", "Du är medlem på flera enheter: välj den du arbetar för nu."),
    InitiativeForm: (
        "Initiativ",
        "Individen (personnumret kontrolleras medan du skriver), samtycke, anledning och "
        "mottagare. Spara skickar inte; Skicka frågar först. Ett skickat initiativ visas "
        "med mottagarnas svar. " + _FORM,
    ),
    MappingForm: ("Kartläggning (SBAR)", _DOCUMENT + " " + _FORM),
    CallForm: (
        "Kallelse",
        "Ärendets kallelser och, när en ny får skickas, en ny: mötesform, plats, tid och "
        "mottagare. Varningar (kartläggningen inte låst, mötet för nära) visas före Skicka. "
        + _FORM,
    ),
    PlanForm: (
        "Plan",
        "Mötet, dokumentationsansvarig, situationen, deltagarna och målen med aktiviteter. "
        "Ny rad (F5) lägger till mål, aktivitet, deltagare eller övrig deltagare. " + _DOCUMENT,
    ),
    FollowUpForm: (
        "Uppföljning",
        "En rad per aktivitet: kommentar och status, där vår enhet följer upp. " + _DOCUMENT,
    ),
    EvaluationForm: (
        "Utvärdering",
        "Mötet och sammanfattningen efter låst uppföljning; därefter Avsluta ärendet eller "
        "Ny plan. " + _DOCUMENT,
    ),
    DocumentForm: ("Dokument", _DOCUMENT + " " + _FORM),
    MessageForm: (
        "Informationsmeddelanden",
        "Ärendets meddelanden och vem som läst dem; ett nytt till enheter i ärendet "
        "(kryssrutor) eller enheter du söker fram. " + _FORM,
    ),
    AnswerDialog: (
        "Kvittera",
        "En kommentar vid Acceptera (frivillig), ett skäl vid Neka (krävs, och du får "
        "bekräfta). Enter skickar, Esc stänger utan att svara.",
    ),
    ForwardDialog: (
        "Vidarebefordra",
        "Skicka ett felriktat initiativ till rätt enhet, med en kommentar. Er enhet "
        "förlorar sedan behörigheten till ärendet.",
    ),
    VoidChoice: (
        "Makulera",
        "Det som går att makulera nu. Välj med pilarna och Enter; sedan skäl och "
        "bekräftelse. Att makulera initiativet makulerar hela ärendet.",
    ),
    CarefulConfirmScreen: (
        "Fråga",
        "Det du svarar ja på kan inte ångras (till exempel Lås). Bara j svarar ja; Enter, "
        "n och Esc låter allt vara som det är.",
    ),
    LoseChangesScreen: (
        "Osparade ändringar",
        "Det du skrivit är inte sparat. Bara j lämnar och förlorar det; Enter, n och Esc "
        "stannar kvar.",
    ),
    ConfirmScreen: ("Fråga", "Svara ja (j eller Enter) eller nej (n eller Esc)."),
    ArchivedPlansScreen: ("Arkiv", "Ärendets arkiverade planer; Enter visar en, bara läsbar."),
    AddRowScreen: ("Ny rad", "Välj vad som ska läggas till med dess bokstav."),
    LegendScreen: ("Symboler", "Symbolerna, kolumnerna och tidsgränserna."),
    TextScreen: ("Text", "Stäng med Esc, Enter eller q."),
    RosterScreen: (
        "Bevakningsschema",
        "Vem som bevakar enhetens brevlåda: veckodagar, vissa datum, ersättare när ingen "
        "ordinarie bevakar, och frånvaro. Överst vem som bevakar varje dag denna vecka. "
        "Bara enhetschefen ändrar; varje ändring sparas direkt och loggas.",
    ),
    RosterEntryDialog: (
        "Ändra bevakningen",
        "Välj person och skriv dagarna (ÅÅÅÅ-MM-DD, veckodagar som mån tis eller mån-fre). "
        "Spara med F2; fel visas under fälten och det du skrivit finns kvar.",
    ),
    RoutineScreen: (
        "Lokal rutin",
        "Enhetens lokala rutin för SIP: vilken yrkesfunktion som bevakar brevlådan, hur "
        "ansvarig yrkesutövare meddelas, vem som täcker upp vid frånvaro och vem man "
        "kontaktar för hjälp. Alla på enheten läser; enhetschefen ändrar och sparar med F2.",
    ),
    DeviationListScreen: (
        "Avvikelser",
        "Enhetens avvikelser under perioden. sip-tui föreslår en avvikelse för varje uppgift "
        "som passerat sin tidsgräns; bekräfta (b) eller avfärda (a, med skäl). f ändrar period "
        "och status, n registrerar en ny, x sparar listan som CSV-fil i dina dokument.",
    ),
    ReportScreen: (
        "Verksamhetsrapport",
        "Enhetens siffror för perioden: inkomna initiativ, kallelser och meddelanden, andelen "
        "kvitterade före brytpunkten kl. 12.00 (av dem vars tidsgräns passerat), median och "
        "90:e percentil för tiden till kvittens, försenade och hur länge, öppna ärenden per "
        "fas, avvikelser och arbetsdagar utan bevakare. Diagrammet visar per vecka inkomna "
        "(█) och kvitterade i tid (▒). m denna månad, f förra månaden, d skriv datum; x "
        "sparar rapporten som CSV-fil för Excel i dina dokument. En administratör skriver "
        "vilka enheter rapporten gäller. Samma siffror som kommandot sip-tui report. Varje "
        "uttag loggas.",
    ),
    LogCheckScreen: (
        "Loggkontroll",
        "Verksamhetschefens kontroll av åtkomstloggen (HSLF-FS 2016:40 4 kap.): vem som "
        "läst vilken individs uppgifter. Sök på period, användare, personnummer och händelse "
        "(f; print hittar alla utskrifter, refused alla nekade försök). s drar ett "
        "stickprov: slumpvis valda loggposter om individer i vars ärenden användaren själv "
        "inte har gjort något. Mellanslag markerar de rader du kontrollerat (inga markerade: "
        "alla som visas); n noterar fynd och åtgärd, som sedan inte kan ändras. t visar "
        "tidigare kontroller, x sparar raderna som CSV-fil. Kontrollen loggas också.",
    ),
    SpotCheckListScreen: (
        "Tidigare loggkontroller",
        "Enhetens noterade loggkontroller, nyast först: vem, när, vad som kontrollerades, "
        "fynd och åtgärd. En noterad kontroll ändras aldrig.",
    ),
    PrintDialog: (
        "Skriv ut",
        "Planen och utvärderingen lämnas till den enskilde; blanketterna (checklistan och "
        "stödblanketterna) används när systemet ligger nere. Ifyllda från ärendet visar de "
        "det er enhet får läsa: ert eget osignerade utkast, annars det senast signerade. En "
        "PDF och en textfil sparas i mappen Dokument, läsbara bara för dig; att skriva ut "
        "ur ett ärende loggas. Välj med pilarna och Enter.",
    ),
    DraftListScreen: (
        "Osparade utkast",
        "Det du skickade eller sparade när databasen inte gick att nå sparades här på "
        "datorn, även om sip-tui stängdes. Enter sparar utkastet i databasen nu; ärendet "
        "kontrolleras på nytt, och har någon ändrat det under tiden visas varför det inte "
        "gick och utkastet finns kvar. v visar vad utkastet innehåller, x tar bort det "
        "(bara j bekräftar).",
    ),
    RegisterDialog: (
        "Registrera avvikelse",
        "När det hände, vad som hände och, om det gäller ett ärende, ärendet och uppgiften. "
        "Registrera med F2; fel visas i rutan och det du skrivit finns kvar.",
    ),
    DowntimeDesk: (
        "Driftstopp",
        "När sip-tui inte nås sker kontakten per telefon. Överst telefonlistan: alla "
        "enheters växel och direktnummer, från databasen eller, när den inte nås, den "
        "sparade kopian (tiden står över listan). Skriv för att söka. Under den journalen: "
        "anteckningar om vad som lämnades och mottogs, sparade på den här datorn. F2 skriver "
        "en ny (enheten du sökt fram följer med); Enter visar en. När databasen nås igen "
        "registrerar du anteckningarna med F3. F9 öppnar driftstoppsläget från alla skärmar.",
    ),
    JournalEntryScreen: (
        "Ny anteckning",
        "Notera datum och signatur, vem du talade med och på vilken enhet, den enskilde, "
        "vilket steg i checklistan det gäller och vad som sades. Vem som registrerar i "
        "efterhand föreslås: den enhet som lämnade informationen (den som tog initiativet, "
        "samordningsansvarig enhet för kallelser); ändra om ni kommit överens om annat. "
        "Spara med F2; fel visas under fälten och det du skrivit finns kvar.",
    ),
    ReconcileScreen: (
        "Efterregistrering",
        "Anteckningarna som ännu inte är registrerade, äldst först. Enter öppnar det som "
        "registrerar anteckningen, ifyllt: ett initiativ vi tog blir Nytt ärende, en "
        "kallelse vi gjorde ärendets Kallelse med mötestiden; det den andra enheten "
        "registrerar öppnar ärendet så att du kan kvittera. Efteråt frågar sip-tui om "
        "anteckningen är klar; d markerar den som registrerad direkt.",
    ),
}

GENERAL: Final = (
    "Tab och Shift+Tab flyttar mellan fälten, pilarna inom en lista. ctrl+p öppnar "
    "kommandopaletten: alla kommandon skärmen har just nu, sökbara. F1 öppnar hjälpen "
    "även när ett textfält har fokus. En SQLite-fil (standard) är för en person, demo och "
    "utbildning: en fil som många kan skriva i kan inte hålla isär användarna; en enhet "
    "eller ett län använder PostgreSQL."
)


def text_for(screen: Screen[Any]) -> tuple[str, str]:
    for cls in type(screen).__mro__:
        if cls in TEXTS:
            return TEXTS[cls]
    return ("Hjälp", "")


def symbols(plain: bool = False) -> Text:
    """The glyphs in their colours, or without colour their text styles (``plain``), as
    the overview and the case screen show them."""
    text = Text()
    for status in Status:
        text.append(f" {GLYPHS[status]} ", style=status_style(status, plain))
        text.append(f" {WORDS[status]}\n")
    text.append(
        "Tecknet bär betydelsen; färgen (rött vårt, blått deras, grönt klart, grått "
        "inte nu) hjälper bara, och utan färg står vårt i omvänd fetstil. Försenat visas "
        "i Senast."
    )
    return text


def columns() -> Text:
    text = Text()
    for phase in Phase:
        text.append(f" {phase.value} ", style="bold")
        text.append(f" {phase.label}\n")
    text.rstrip()
    return text


def shows_symbols(screen: Screen[Any]) -> bool:
    return isinstance(screen, OverviewScreen | CaseScreen)
