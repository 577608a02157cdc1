"""Swedish personnummer and samordningsnummer: parsing, validation and construction.

Accepted input, with optional surrounding whitespace:

* 12 digits ``YYYYMMDDNNNC``, written ``19121212-1212`` or ``191212121212``;
* 10 digits ``YYMMDDNNNC``, written ``121212-1212``, ``121212+1212`` or ``1212121212``.

``NNN`` is the serial number and ``C`` the check digit: the Luhn (mod 10) digit over the
ten-digit form, weights 2, 1, 2, 1, ... on the first nine digits. The century digits of the
12-digit form are not covered by it.

The separator is ``-``, except that from the calendar year in which a person turns 100 it
is ``+`` (folkbokföringslagen 18 §; Skatteverket applies it from 1 January of that year).
It is what tells the century of a ten-digit number, relative to a reference date ``today``:

* ``-`` or no separator: the person is under 100, i.e. born in the last 100 years, so the
  most recent year ending in ``YY`` that does not put the birth date in the future. (Taken
  strictly, someone who turns 100 later this year should already be written with ``+``;
  ``-`` is accepted for them too, as they are still 99.)
* ``+``: the year ending in ``YY`` in which the person turned or turns 100 this year or
  earlier, i.e. the most recent such year no later than ``today.year - 100``.

In the 12-digit form the century is written out; ``+`` is then accepted only for someone
who turns 100 this year or earlier, and a birth date after ``today`` is refused.

The date part must be a real date of the full four-digit year (29 February only in leap
years). A samordningsnummer (coordination number) has 60 added to the day (61-91).

Every input error raises :class:`PersonnummerError`, a :class:`ValueError` carrying a
one-sentence Swedish message for the user and a short English ``code`` for the program.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from sip_tui.domain.clock import STOCKHOLM

ErrorCode = Literal[
    "empty", "characters", "length", "separator", "date", "future", "century", "checksum"
]

COORDINATION_DAY_OFFSET: Final = 60
EXAMPLE: Final = "19121212-1212"
_DIGITS: Final = frozenset("0123456789")  # str.isdigit() would also let "²" and "١" through
_SEPARATORS: Final = frozenset("-+")
_HUNDRED_YEARS: Final = 100


class PersonnummerError(ValueError):
    """A personnummer that cannot be accepted: ``str(error)`` is the Swedish message."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message

    def __reduce__(self) -> tuple[type[PersonnummerError], tuple[ErrorCode, str]]:
        return (type(self), (self.code, self.message))


@dataclass(frozen=True, slots=True)
class Personnummer:
    """A valid personnummer or samordningsnummer, normalised to 12 digits.

    Build one with :func:`parse_personnummer` or :func:`make_personnummer`; constructing it
    directly checks that the three fields agree and that the check digit is right.
    """

    digits12: str
    birth_date: date
    is_coordination_number: bool

    def __post_init__(self) -> None:
        if len(self.digits12) != 12 or not _DIGITS.issuperset(self.digits12):
            raise ValueError(f"digits12 must be 12 ASCII digits, got {self.digits12!r}")
        expected_date_part = _date_part(self.birth_date, self.is_coordination_number)
        if self.digits12[:8] != expected_date_part:
            raise ValueError(
                f"digits12 {self.digits12!r} does not start with {expected_date_part!r}, "
                "the birth date and coordination flag given"
            )
        if luhn_check_digit(self.digits12[2:11]) != int(self.digits12[11]):
            raise ValueError(f"digits12 {self.digits12!r} has a wrong check digit")

    @property
    def formatted(self) -> str:
        """``YYYYMMDD-NNNC``."""
        return f"{self.digits12[:8]}-{self.digits12[8:]}"

    def __str__(self) -> str:
        return self.formatted


def luhn_check_digit(nine_digits: str) -> int:
    """The Luhn check digit of ``YYMMDDNNN`` (nine ASCII digits)."""
    if len(nine_digits) != 9 or not _DIGITS.issuperset(nine_digits):
        raise ValueError(f"expected nine ASCII digits, got {nine_digits!r}")
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def make_personnummer(birth: date, serial: int, coordination: bool = False) -> Personnummer:
    """A valid number for ``birth`` with serial ``NNN`` (0-999); computes the check digit."""
    if not 0 <= serial <= 999:
        raise ValueError(f"the serial number must be 0-999, got {serial}")
    date_part = _date_part(birth, coordination)
    nine = f"{date_part[2:]}{serial:03d}"
    return Personnummer(
        digits12=f"{date_part}{serial:03d}{luhn_check_digit(nine)}",
        birth_date=birth,
        is_coordination_number=coordination,
    )


def parse_personnummer(text: str, today: date | None = None) -> Personnummer:
    """Parse and validate ``text``; ``today`` (default: today in Stockholm) sets the century.

    Raises :class:`PersonnummerError` with a Swedish message and a ``code``.
    """
    if today is None:
        today = datetime.now(STOCKHOLM).date()
    elif isinstance(today, datetime):
        today = today.date()
    return _parse(text, today)


# --- implementation ------------------------------------------------------------------------


def _date_part(birth: date, coordination: bool) -> str:
    day = birth.day + (COORDINATION_DAY_OFFSET if coordination else 0)
    return f"{birth.year:04d}{birth.month:02d}{day:02d}"


def _parse(text: str, today: date) -> Personnummer:
    stripped = text.strip()
    if not stripped:
        raise PersonnummerError("empty", "Ange ett personnummer.")
    for char in stripped:
        if char not in _DIGITS and char not in _SEPARATORS:
            raise PersonnummerError("characters", _character_message(char))

    digits = "".join(char for char in stripped if char in _DIGITS)
    if len(digits) not in (10, 12):
        raise PersonnummerError("length", _length_message(len(digits)))
    separator = _separator(stripped)

    ten = digits[-10:]  # YYMMDDNNNC
    month = int(ten[2:4])
    raw_day = int(ten[4:6])
    coordination = raw_day > COORDINATION_DAY_OFFSET
    day = raw_day - COORDINATION_DAY_OFFSET if coordination else raw_day
    if len(digits) == 12:
        year = int(digits[:4])
    else:
        year = _infer_year(int(digits[:2]), month, day, separator == "+", today)

    written_date = f"{year:04d}{month:02d}{raw_day:02d}"
    try:
        birth = date(year, month, day)
    except ValueError:
        raise PersonnummerError("date", _date_message(written_date, coordination)) from None

    if birth > today:
        raise PersonnummerError(
            "future",
            f"Födelsedatumet {written_date} ligger i framtiden – kontrollera årtalet.",
        )
    if separator == "+" and year > today.year - _HUNDRED_YEARS:
        raise PersonnummerError(
            "century",
            f"Plustecken används bara för den som fyller 100 år i år eller är äldre, men "
            f"den som är född {written_date} är yngre – skriv bindestreck (-) i stället.",
        )

    if luhn_check_digit(ten[:9]) != int(ten[9]):
        raise PersonnummerError(
            "checksum",
            "Kontrollsiffran stämmer inte – kontrollera att personnumret är rätt inskrivet.",
        )
    return Personnummer(
        digits12=f"{year:04d}{digits[-8:]}",
        birth_date=birth,
        is_coordination_number=coordination,
    )


def _separator(stripped: str) -> str | None:
    """The one separator, standing just before the last four digits, or None."""
    positions = [index for index, char in enumerate(stripped) if char in _SEPARATORS]
    if not positions:
        return None
    if len(positions) > 1:
        raise PersonnummerError(
            "separator",
            "Personnumret har flera skiljetecken men får bara ha ett, före de fyra sista "
            f"siffrorna, t.ex. {EXAMPLE}.",
        )
    position = positions[0]
    separator = stripped[position]
    if position != len(stripped) - 5:
        raise PersonnummerError(
            "separator",
            f"Skiljetecknet ”{separator}” ska stå före de fyra sista siffrorna, t.ex. {EXAMPLE}.",
        )
    return separator


def _infer_year(yy: int, month: int, day: int, plus: bool, today: date) -> int:
    """The full year of a ten-digit number (see the module docstring)."""
    latest = today.year - _HUNDRED_YEARS if plus else today.year
    year = latest - (latest - yy) % 100
    if not plus and year == today.year and (month, day) > (today.month, today.day):
        year -= _HUNDRED_YEARS  # not born yet this year, so 99 years old
    return year


def _character_message(char: str) -> str:
    if char.isalpha():
        found = "bokstäver"
    elif char.isspace():
        found = "mellanslag"
    elif char.isprintable():
        found = f"tecknet ”{char}”"
    else:
        found = "ett osynligt tecken"
    return (
        f"Personnumret innehåller {found} – skriv bara siffror, med bindestreck (-) eller "
        f"plustecken (+) före de fyra sista, t.ex. {EXAMPLE}."
    )


def _length_message(count: int) -> str:
    if count == 0:
        found = "Personnumret innehåller inga siffror"
    elif count == 1:
        found = "Personnumret har 1 siffra"
    else:
        found = f"Personnumret har {count} siffror"
    return f"{found} men ska ha 10 eller 12 siffror, t.ex. {EXAMPLE}."


def _date_message(written_date: str, coordination: bool) -> str:
    note = " (i ett samordningsnummer är dagen ökad med 60)" if coordination else ""
    return (
        f"Datumdelen {written_date} finns inte i kalendern{note} – kontrollera år, månad och dag."
    )
