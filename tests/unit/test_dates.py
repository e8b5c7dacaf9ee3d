from datetime import date

import pytest

from ilot_desktop.domain.dates import DateError, age_on, format_date, parse_date


@pytest.mark.parametrize("text", ["27/11/2026", "27-11-2026", "27.11.2026", "27112026", " 27 / 11 / 2026 "])
def test_parses_french_dates(text):
    assert parse_date(text) == date(2026, 11, 27)


def test_empty_is_none():
    assert parse_date("") is None
    assert parse_date("   ") is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31/02/2026", "n'existe pas"),
        ("12/13/2026", "mois"),
        ("01/02/03", "année en entier"),
        ("demain", "JJ/MM/AAAA"),
        ("2026-11-27", "JJ/MM/AAAA"),
    ],
)
def test_bad_dates_say_why_in_french(text, fragment):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert fragment in str(caught.value)


def test_format_and_age():
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(None) == ""
    assert age_on(date(1990, 11, 28), date(2026, 11, 27)) == 35
    assert age_on(date(1990, 11, 27), date(2026, 11, 27)) == 36
