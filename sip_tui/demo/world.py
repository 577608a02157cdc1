"""The demo's organisations, units and staff: a county like Västerbotten, all fictional.

Region units (health centres, psychiatric outpatient care, inpatient wards) and, for each
municipality, home health care and needs assessment. :func:`units` adds numbered districts
when more units are asked for (the benchmark wants 300).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MUNICIPALITIES = (
    "Umeå",
    "Skellefteå",
    "Lycksele",
    "Vännäs",
    "Robertsfors",
    "Vindeln",
    "Nordmaling",
    "Bjurholm",
    "Storuman",
    "Sorsele",
    "Malå",
    "Norsjö",
    "Åsele",
    "Dorotea",
    "Vilhelmina",
)
HEALTH_CENTRES = (
    ("Ålidhems HC", "Umeå"),
    ("Mariehems HC", "Umeå"),
    ("Tegs HC", "Umeå"),
    ("Ersboda HC", "Umeå"),
    ("Sävar HC", "Umeå"),
    ("Holmsunds HC", "Umeå"),
    ("Hörnefors HC", "Umeå"),
    ("Vännäs HC", "Vännäs"),
    ("Vindelns HC", "Vindeln"),
    ("Robertsfors HC", "Robertsfors"),
    ("Nordmalings HC", "Nordmaling"),
    ("Bjurholms HC", "Bjurholm"),
    ("Lycksele HC", "Lycksele"),
    ("Storumans HC", "Storuman"),
    ("Sorsele HC", "Sorsele"),
    ("Vilhelmina HC", "Vilhelmina"),
    ("Dorotea HC", "Dorotea"),
    ("Åsele HC", "Åsele"),
    ("Malå HC", "Malå"),
    ("Norsjö HC", "Norsjö"),
    ("Skellefteå HC Centrum", "Skellefteå"),
    ("Norrböle HC", "Skellefteå"),
    ("Morö Backe HC", "Skellefteå"),
    ("Ursvikens HC", "Skellefteå"),
    ("Kåge HC", "Skellefteå"),
    ("Byske HC", "Skellefteå"),
    ("Burträsk HC", "Skellefteå"),
    ("Bureå HC", "Skellefteå"),
)
PSYCHIATRY = (
    ("Psykiatriska öppenvården Umeå", "Umeå"),
    ("Psykiatriska öppenvården Skellefteå", "Skellefteå"),
    ("Psykiatriska öppenvården Lycksele", "Lycksele"),
)
WARDS = (
    ("NUS Medicin avd 1", "Umeå"),
    ("NUS Medicin avd 2", "Umeå"),
    ("NUS Geriatrik avd 10", "Umeå"),
    ("NUS Ortopedi avd 4", "Umeå"),
    ("NUS Psykiatri avd 6", "Umeå"),
    ("Skellefteå lasarett avd 3", "Skellefteå"),
    ("Lycksele lasarett avd 2", "Lycksele"),
)

FIRST_NAMES = (
    "Anna",
    "Karin",
    "Maria",
    "Elsa",
    "Ingrid",
    "Eva",
    "Kerstin",
    "Birgitta",
    "Margareta",
    "Sara",
    "Lena",
    "Maja",
    "Astrid",
    "Linnea",
    "Ahmed",
    "Erik",
    "Lars",
    "Karl",
    "Per",
    "Olle",
    "Johan",
    "Anders",
    "Nils",
    "Gustav",
    "Mohammed",
    "Ali",
    "Sven",
    "Bertil",
    "Leila",
    "Fatima",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindberg",
    "Holm",
    "Berg",
    "Lund",
    "Ström",
    "Sjöberg",
    "Öberg",
    "Hassan",
    "Ahmadi",
    "Nyström",
    "Lindqvist",
    "Marklund",
    "Burman",
)
TITLES = {
    "watcher": "Undersköterska",
    "coordinator": "Distriktssköterska",
    "professional": "Sjuksköterska",
}


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    short_name: str
    organisation: str
    kind: str  # hc, psykiatri, avdelning, hemsjukvard, bistand
    municipality: str
    switchboard: str
    direct_phone: str

    @property
    def is_region(self) -> bool:
        return self.organisation == "region-vasterbotten"


def slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", " ": "-"})
    return text.translate(table).lower()


def _phone(rng: random.Random) -> str:
    return f"090-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def units(count: int | None, rng: random.Random) -> list[DemoUnit]:
    """The county's units; at least ``count`` of them when given (numbered districts)."""
    region = "region-vasterbotten"
    made: list[DemoUnit] = []

    def add(code: str, name: str, short: str, org: str, kind: str, town: str) -> None:
        made.append(DemoUnit(code, name, short[:18], org, kind, town, "090-785 00 00", _phone(rng)))

    for name, town in HEALTH_CENTRES:
        add(slug(name.replace(" HC", "")) + "-hc", name, name, region, "hc", town)
    for name, town in PSYCHIATRY:
        add("psyk-opv-" + slug(town), name, "Psyk öppenv " + town, region, "psykiatri", town)
    for name, town in WARDS:
        add(slug(name), name, name.replace("lasarett ", ""), region, "avdelning", town)
    for town in MUNICIPALITIES:
        org = slug(town) + "-kommun"
        add(
            slug(town) + "-hsv-centrum",
            f"Hemsjukvården {town} centrum",
            f"HSV {town}",
            org,
            "hemsjukvard",
            town,
        )
        add(
            slug(town) + "-bistand",
            f"Biståndshandläggning {town}",
            f"Bistånd {town}",
            org,
            "bistand",
            town,
        )
    district = 1
    while count is not None and len(made) < count:
        town = MUNICIPALITIES[district % len(MUNICIPALITIES)]
        org = slug(town) + "-kommun"
        add(
            f"{slug(town)}-hsv-d{district}",
            f"Hemsjukvården {town} distrikt {district}",
            f"HSV {town} d{district}",
            org,
            "hemsjukvard",
            town,
        )
        district += 1
    return made


def organisations() -> list[tuple[str, str, str]]:
    """(code, name, kind) of the region and every municipality."""
    return [("region-vasterbotten", "Region Västerbotten", "region")] + [
        (
            slug(town) + "-kommun",
            f"{town}s kommun" if not town.endswith("s") else f"{town} kommun",
            "kommun",
        )
        for town in MUNICIPALITIES
    ]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
