"""The laptop code in new file numbers (team.md rule 2): ``DE-2026-AB-001`` beside the old ``DE-2026-001``."""

from __future__ import annotations

from ilot_desktop.domain.actions import person_matches
from ilot_desktop.domain.exchange_keys import normalize_key
from ilot_desktop.domain.participant import (
    clean_laptop_code,
    laptop_code_problem,
    next_file_number,
    parse_file_number,
)

MIXED = ["DE-2026-001", "DE-2026-012", "DE-2026-AB-004", "DE-2026-AB-007", "DE-2026-CD-031", "DE-2025-AB-099", "x"]


def test_numbering_per_laptop_code_and_year():
    assert next_file_number([], 2026, "AB") == "DE-2026-AB-001"
    assert next_file_number(MIXED, 2026, "AB") == "DE-2026-AB-008"  # the old numbers and CD's do not count
    assert next_file_number(MIXED, 2026, "CD") == "DE-2026-CD-032"
    assert next_file_number(MIXED, 2026, "EFGH") == "DE-2026-EFGH-001"
    assert next_file_number(MIXED, 2025, "AB") == "DE-2025-AB-100"
    assert next_file_number(["DE-2026-AB-999"], 2026, "AB") == "DE-2026-AB-1000"


def test_without_a_code_the_old_numbering_goes_on():
    assert next_file_number(MIXED, 2026) == "DE-2026-013"  # coded numbers leave the old sequence alone
    assert next_file_number(MIXED, 2026, "") == "DE-2026-013"


def test_both_formats_are_read():
    assert parse_file_number("DE-2026-007") == (2026, "", 7)
    assert parse_file_number("DE-2026-AB-007") == (2026, "AB", 7)
    assert parse_file_number(" de-2026-abcd-1000 ") == (2026, "ABCD", 1000)
    for other in ("DE-2026-A-001", "DE-2026-ABCDE-001", "DE-26-001", "AUTOTEST-001", "DE-2026-AB"):
        assert parse_file_number(other) is None


def test_laptop_code_validated():
    for good in ("AB", "ABC", "ABCD", ""):
        assert laptop_code_problem(good) is None
    for bad in ("A", "ABCDE", "AÉ", "A1", "A B", "ab"):
        problem = laptop_code_problem(bad)
        assert problem is not None
        assert "2 à 4 lettres majuscules, sans accent, par exemple vos initiales" in problem
        assert "\u00a0:" in problem
    assert clean_laptop_code("  ab ") == "AB"
    assert laptop_code_problem(clean_laptop_code("é")) is not None


def test_coded_numbers_are_found_and_keyed_like_the_old_ones():
    assert person_matches("AB-007", "NDIAYE", "Awa", "DE-2026-AB-007")
    assert person_matches("de 2026 ab 007", "NDIAYE", "Awa", "DE-2026-AB-007")
    assert not person_matches("CD-007", "NDIAYE", "Awa", "DE-2026-AB-007")
    assert normalize_key("de\u20112026\u2011ab\u2011007\u200b") == "DE-2026-AB-007"  # the exchange import's key


def test_sorting_keeps_each_laptop_and_year_together():
    numbers = ["DE-2026-AB-002", "DE-2025-003", "DE-2026-CD-001", "DE-2026-001", "DE-2026-AB-001"]
    assert sorted(numbers) == ["DE-2025-003", "DE-2026-001", "DE-2026-AB-001", "DE-2026-AB-002", "DE-2026-CD-001"]
