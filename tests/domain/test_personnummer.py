"""Tests for sip_tui.domain.personnummer.

Check digits in the literal examples were worked out by hand (Luhn, weights 2-1-2-1...),
not with the code under test.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sip_tui.domain.personnummer import (
    Personnummer,
    PersonnummerError,
    luhn_check_digit,
    make_personnummer,
    parse_personnummer,
)

TODAY = date(2026, 3, 15)


# --- valid input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits12", "birth", "coordination"),
    [
        pytest.param("19121212-1212", "191212121212", date(1912, 12, 12), False, id="12-dash"),
        pytest.param("191212121212", "191212121212", date(1912, 12, 12), False, id="12-plain"),
        pytest.param("121212-1212", "201212121212", date(2012, 12, 12), False, id="10-dash"),
        pytest.param("1212121212", "201212121212", date(2012, 12, 12), False, id="10-plain"),
        pytest.param("121212+1212", "191212121212", date(1912, 12, 12), False, id="10-plus-100+"),
        pytest.param("19121212+1212", "191212121212", date(1912, 12, 12), False, id="12-plus"),
        pytest.param(
            "  19121212-1212\t\n", "191212121212", date(1912, 12, 12), False, id="whitespace"
        ),
        pytest.param("20000229-1235", "200002291235", date(2000, 2, 29), False, id="leap-day"),
        pytest.param("000229-1235", "200002291235", date(2000, 2, 29), False, id="leap-day-10"),
        pytest.param("701063-2391", "197010632391", date(1970, 10, 3), True, id="samordning"),
        pytest.param("197010632391", "197010632391", date(1970, 10, 3), True, id="samordning-12"),
        # Born today: the youngest possible person.
        pytest.param("260315-1230", "202603151230", date(2026, 3, 15), False, id="born-today"),
        # Turns 100 later this year: officially "+" since 1 January; "-" also means 1926.
        pytest.param("261201+1235", "192612011235", date(1926, 12, 1), False, id="100-this-year"),
        pytest.param("261201-1235", "192612011235", date(1926, 12, 1), False, id="99-with-dash"),
        pytest.param("19261201+1235", "192612011235", date(1926, 12, 1), False, id="12-plus-100"),
        # Earlier this year: a newborn, not a centenarian.
        pytest.param("260301-1236", "202603011236", date(2026, 3, 1), False, id="newborn"),
        pytest.param("260301+1236", "192603011236", date(1926, 3, 1), False, id="100-already"),
    ],
)
def test_valid_forms(text: str, digits12: str, birth: date, coordination: bool) -> None:
    result = parse_personnummer(text, today=TODAY)

    assert result.digits12 == digits12
    assert result.birth_date == birth
    assert result.is_coordination_number is coordination


def test_formatted_and_str_are_twelve_digits_with_dash() -> None:
    result = parse_personnummer("1212121212", today=TODAY)

    assert result.formatted == "20121212-1212"
    assert str(result) == "20121212-1212"


def test_public_fields_do_not_include_sex() -> None:
    names = {field.name for field in dataclasses.fields(Personnummer)}

    assert names == {"digits12", "birth_date", "is_coordination_number"}


def test_today_may_be_given_as_datetime() -> None:
    moment = datetime(2026, 3, 15, 9, 30)

    assert parse_personnummer("260315-1230", today=moment).birth_date == date(2026, 3, 15)


def test_default_today_is_the_current_date() -> None:
    born_recently = make_personnummer(date.today() - timedelta(days=2), 123)
    ten_digits = born_recently.digits12[2:]

    assert parse_personnummer(ten_digits) == born_recently


def test_century_digits_are_not_covered_by_the_check_digit() -> None:
    # A documented limitation of the 12-digit form: 18 instead of 19 still parses.
    assert parse_personnummer("18121212-1212", today=TODAY).birth_date == date(1812, 12, 12)


# --- errors -------------------------------------------------------------------------------


def _error(text: str) -> PersonnummerError:
    with pytest.raises(PersonnummerError) as caught:
        parse_personnummer(text, today=TODAY)
    return caught.value


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty(text: str) -> None:
    error = _error(text)

    assert error.code == "empty"
    assert str(error) == "Ange ett personnummer."


@pytest.mark.parametrize(
    ("text", "named"),
    [
        pytest.param("19121212-12a2", "bokstäver", id="letter"),
        pytest.param("ÅÄÖ121212-1212", "bokstäver", id="swedish-letter"),
        pytest.param("19121212 1212", "mellanslag", id="inner-space"),
        pytest.param("19121212/1212", "tecknet ”/”", id="slash"),
        pytest.param("19121212–1212", "tecknet ”–”", id="en-dash"),
        pytest.param("١٢١٢١٢-١٢١٢", "tecknet ”١”", id="arabic-indic-digits"),
        pytest.param("19121212\x001212", "ett osynligt tecken", id="control"),
    ],
)
def test_characters(text: str, named: str) -> None:
    error = _error(text)

    assert error.code == "characters"
    assert f"Personnumret innehåller {named} – skriv bara siffror" in str(error)
    assert "19121212-1212" in str(error)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("19121212-121", "har 11 siffror", id="11"),
        pytest.param("12121-1212", "har 9 siffror", id="9"),
        pytest.param("1912121212123", "har 13 siffror", id="13"),
        pytest.param("7", "har 1 siffra ", id="1"),
        pytest.param("+", "innehåller inga siffror", id="0"),
    ],
)
def test_length(text: str, found: str) -> None:
    error = _error(text)

    assert error.code == "length"
    assert found in str(error)
    assert "ska ha 10 eller 12 siffror, t.ex. 19121212-1212." in str(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1912121-21212", "Skiljetecknet ”-” ska stå före de fyra sista", id="early"),
        pytest.param("12121212+12", "Skiljetecknet ”+” ska stå före de fyra sista", id="late"),
        pytest.param("-121212121212", "Skiljetecknet ”-” ska stå före", id="leading"),
        pytest.param("1912-1212-1212", "har flera skiljetecken men får bara ha ett", id="two"),
        pytest.param("121212-+1212", "har flera skiljetecken", id="both"),
    ],
)
def test_separator(text: str, expected: str) -> None:
    error = _error(text)

    assert error.code == "separator"
    assert expected in str(error)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        pytest.param("19230229-1238", "19230229", id="not-leap"),
        pytest.param("19000229-1235", "19000229", id="1900-not-leap"),
        pytest.param("000229+1235", "19000229", id="plus-makes-it-1900"),
        pytest.param("19121312-1212", "19121312", id="month-13"),
        pytest.param("19120012-1212", "19120012", id="month-0"),
        pytest.param("19121200-1212", "19121200", id="day-0"),
        pytest.param("19121260-1212", "19121260", id="day-60-is-not-samordning"),
        pytest.param("19120431-1212", "19120431", id="april-31"),
        pytest.param("00000101-1212", "00000101", id="year-0"),
    ],
)
def test_date(text: str, written: str) -> None:
    error = _error(text)

    assert error.code == "date"
    assert str(error) == (
        f"Datumdelen {written} finns inte i kalendern – kontrollera år, månad och dag."
    )


@pytest.mark.parametrize("text", ["19700290-1234", "19121292-1212"])  # 30 Feb, 32 Dec
def test_date_of_samordningsnummer_explains_the_offset(text: str) -> None:
    error = _error(text)

    assert error.code == "date"
    assert f"Datumdelen {text[:8]} finns inte i kalendern" in str(error)
    assert "samordningsnummer är dagen ökad med 60" in str(error)


@pytest.mark.parametrize("text", ["20300101-1232", "20260316-1239"])
def test_future(text: str) -> None:
    error = _error(text)

    assert error.code == "future"
    assert str(error) == f"Födelsedatumet {text[:8]} ligger i framtiden – kontrollera årtalet."


@pytest.mark.parametrize("text", ["20121212+1212", "19270101+1237"])
def test_century_plus_for_someone_under_100(text: str) -> None:
    error = _error(text)

    assert error.code == "century"
    assert f"den som är född {text[:8]} är yngre" in str(error)
    assert "skriv bindestreck (-) i stället" in str(error)


@pytest.mark.parametrize("text", ["19121212-1213", "121212-1211", "701063-2390"])
def test_checksum(text: str) -> None:
    error = _error(text)

    assert error.code == "checksum"
    assert str(error) == (
        "Kontrollsiffran stämmer inte – kontrollera att personnumret är rätt inskrivet."
    )


def test_error_is_a_value_error_that_survives_pickling() -> None:
    error = _error("19121212-1213")
    copy = pickle.loads(pickle.dumps(error))

    assert isinstance(error, ValueError)
    assert (copy.code, str(copy)) == ("checksum", str(error))


# --- helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nine", "check"),
    [("121212121", 2), ("701063239", 1), ("000229123", 5), ("000000000", 0), ("999999999", 9)],
)
def test_luhn_check_digit(nine: str, check: int) -> None:
    assert luhn_check_digit(nine) == check


@pytest.mark.parametrize("bad", ["12121212", "1212121212", "12121212a", "١٢١٢١٢١٢١"])
def test_luhn_check_digit_wants_nine_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="nine ASCII digits"):
        luhn_check_digit(bad)


def test_make_personnummer() -> None:
    assert make_personnummer(date(1912, 12, 12), 121).digits12 == "191212121212"
    samordning = make_personnummer(date(1970, 10, 3), 239, coordination=True)
    assert samordning.digits12 == "197010632391"
    assert samordning.is_coordination_number


@pytest.mark.parametrize("serial", [-1, 1000])
def test_make_personnummer_refuses_serial_out_of_range(serial: int) -> None:
    with pytest.raises(ValueError, match="0-999"):
        make_personnummer(date(1912, 12, 12), serial)


@pytest.mark.parametrize(
    ("digits12", "birth", "coordination", "complaint"),
    [
        ("19121212121", date(1912, 12, 12), False, "12 ASCII digits"),
        ("191212121213", date(1912, 12, 12), False, "wrong check digit"),
        ("191212121212", date(1912, 12, 13), False, "does not start with"),
        ("191212121212", date(1912, 12, 12), True, "does not start with"),
    ],
)
def test_personnummer_refuses_inconsistent_fields(
    digits12: str, birth: date, coordination: bool, complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint):
        Personnummer(digits12, birth, coordination)


# --- properties ---------------------------------------------------------------------------

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))
serials = st.integers(min_value=0, max_value=999)


def _ten_digit_form(number: Personnummer, today: date) -> str:
    """YYMMDD-NNNC, or YYMMDD+NNNC from the year the person turns 100 (Skatteverket)."""
    separator = "+" if number.birth_date.year <= today.year - 100 else "-"
    return f"{number.digits12[2:8]}{separator}{number.digits12[8:]}"


@given(birth=births, serial=serials, coordination=st.booleans())
def test_round_trip_from_every_form(birth: date, serial: int, coordination: bool) -> None:
    number = make_personnummer(birth, serial, coordination)
    forms = [number.digits12, number.formatted, _ten_digit_form(number, TODAY)]
    if birth.year > TODAY.year - 100:
        forms.append(number.digits12[2:])

    assert number.birth_date == birth
    assert number.is_coordination_number is coordination
    assert number.digits12[8:11] == f"{serial:03d}"
    for text in forms:
        assert parse_personnummer(text, today=TODAY) == number, text


@st.composite
def births_and_todays(draw: st.DrawFn) -> tuple[date, date]:
    today = draw(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))
    birth = draw(st.dates(min_value=date(today.year - 199, 1, 1), max_value=today))
    return birth, today


@given(pair=births_and_todays(), serial=serials, coordination=st.booleans())
def test_ten_digit_form_round_trips_for_any_today(
    pair: tuple[date, date], serial: int, coordination: bool
) -> None:
    birth, today = pair
    number = make_personnummer(birth, serial, coordination)

    assert parse_personnummer(_ten_digit_form(number, today), today=today) == number


@given(
    birth=births,
    serial=serials,
    coordination=st.booleans(),
    position=st.integers(min_value=2, max_value=11),
    replacement=st.sampled_from("0123456789"),
)
def test_any_single_digit_change_is_rejected(
    birth: date, serial: int, coordination: bool, position: int, replacement: str
) -> None:
    digits = make_personnummer(birth, serial, coordination).digits12
    assume(digits[position] != replacement)
    changed = digits[:position] + replacement + digits[position + 1 :]

    # Luhn detects every single-digit substitution in YYMMDDNNNC...
    assert luhn_check_digit(changed[2:11]) != int(changed[11])
    # ...so the parser refuses it, for the date when that is broken, else for the check.
    with pytest.raises(PersonnummerError) as caught:
        parse_personnummer(changed, today=TODAY)
    if position >= 8:
        assert caught.value.code == "checksum"
    else:
        assert caught.value.code in {"date", "future", "checksum"}
