"""Every field label of seed 004's three paper forms, as the seed spells them (a helper
module): a blank printout must show each (compared without regard to case)."""

from __future__ import annotations

from sip_tui.paper.kinds import PaperKind

PERSONAL = ("Personuppgifter", "Namn", "Personnummer", "Adress", "Postnummer och Ort")
PERSONAL_CONTACT = ("Telefon", "e-post")
PRESENT = (
    "Närvarande",
    "Den enskilde deltog på mötet",
    "Ja",
    "Verksamhetsföreträdare",
    "Enhet",
    "Roll",
    "Närvarande Ja / Nej",
    "Övriga deltagare",
    "Relation till den enskilde",
    "Kontaktuppgifter",
)
CALL = ("Kallat av", "Namn", "Titel", "Datum", "Kallade", "Aktörer", "Övriga deltagare", "Sign")

SEED_004: dict[PaperKind, tuple[str, ...]] = {
    PaperKind.CHECKLIST: (
        "Checklista – Samordnad individuell Plan (SIP)",
        "Checklistan kan användas i sin helhet eller endast del av den beroende på vad som "
        "är aktuellt vid tidpunkten när systemet ligger nere.",
        "Patient person nr",
        "Namn",
        "Initiativ",
        "SIP initierat av",
        "Titel",
        "Datum",
        "Samtycke inhämtat",
        "Ja",
        "Nej",
        "Menprövning",
        "av",
        "Informerat till",
        "Aktörer",
        "Sign",
        "Kallelse till Samordnad Individuell plan",
        "Kallelse till uppföljning av Samordnad Individuell plan",
        "Kallelse till Utvärdering och avslut av Samordnad Individuell plan",
        *CALL,
    ),
    PaperKind.MEETING_FORM: (
        "Stödblankett för dokumentation vid Samordnad Individuell Plan (SIP)",
        "Datum",
        *PERSONAL,
        *PERSONAL_CONTACT,
        "Samtycke inhämtat från den enskilde",
        "Samtycke inhämtat från Vårdnadshavare/annan företrädare",
        "av: Namn",
        "Samtycket är inhämtat av verksamhetsföreträdare",
        *PRESENT,
        "Mål och aktiviteter",
        "Min nuvarande situation är",
        "Mål",
        "Vad är jag bra på",
        "Vad kan hindra mig",
        "Aktivitet, ansvarig och tid för uppföljning",
        "Vid behov av fler mål och aktiviteter skriv ut fler exemplar av denna sida.",
        "Samordningsansvarig (Namn och kontaktuppgifter)",
        "Datum för utvärderingsmöte. Samordningsansvarig är sammankallande.",
        "Tid",
        "Plats",
    ),
    PaperKind.FOLLOW_UP_FORM: (
        "Stödblankett för Uppföljning och utvärdering av planerade mål och aktiviteter",
        "Datum",
        *PERSONAL,
        *PERSONAL_CONTACT,
        *PRESENT,
        "Samordningsansvarig (Namn och kontaktuppgifter)",
        "Uppföljning av plan",
        "Mål",
        "Aktivitet, ansvarig, måluppfyllelse och datum",
        "Utvärdering",
        "Beskriv eventuellt fortsatt behov av samordningsträffar",
        "Ansvarig för kallelse till ny Samordnad Individuell Plan",
    ),
}
