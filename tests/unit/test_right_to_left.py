"""Right-to-left names on the printed sheets: joined by arabic-reshaper, ordered by python-bidi, word by word."""

from __future__ import annotations

import unicodedata

from ilot_desktop.reports.right_to_left import has_right_to_left, visual_order


def test_a_phone_number_after_an_arabic_name_keeps_its_order() -> None:
    """The bidi algorithm on a whole line would print the number's groups backwards after an Arabic name."""
    name, at, ahmed = visual_order("فاطمة"), visual_order("عند"), visual_order("أحمد")
    assert visual_order("فاطمة · 01 23 45 67 89 · f@example.org") == f"{name} · 01 23 45 67 89 · f@example.org"
    assert visual_order("Tél. 06 12 34 56 78 عند أحمد") == f"Tél. 06 12 34 56 78 {ahmed} {at}"


def test_vowel_marks_follow_their_letter_once_reversed() -> None:
    """reportlab draws a mark over the glyph before it: after reversal each mark must come after its letter."""
    drawn = visual_order("مُحَمَّد")
    assert drawn == "\ufeaa\ufee4\u064e\u0651\ufea4\u064e\ufee3\u064f"
    assert unicodedata.category(drawn[0]) == "Lo"  # never a mark first
    assert visual_order("שָׁלוֹם") == "\u05dd\u05d5\u05b9\u05dc\u05e9\u05b8\u05c1"


def test_persian_letters_are_joined_and_lam_alef_is_one_sign() -> None:
    assert visual_order("پدرام") == "\ufee1\ufe8d\ufead\ufeaa\ufb58"
    assert visual_order("گل") == "\ufede\ufb94"
    assert visual_order("لأن") == "\ufee5\ufef7"
    assert "\ufdf2" not in visual_order("عبد الله")  # no word ligature: DejaVu Sans has no glyph for it


def test_brackets_inside_a_right_to_left_word_are_mirrored_and_around_it_stay() -> None:
    """Inside a word the bidi algorithm mirrors them (the hand-written code printed « )ج( »)."""
    assert visual_order("(שלום)") == "(םולש)"
    assert visual_order("ب(ج)د") == "\ufea9(\ufe9d)\ufe8f"


def test_left_to_right_text_is_untouched() -> None:
    for text in ("Karim", "", "Café « Le Zinc » : 12 h", "e\u0301te\u0301"):
        assert not has_right_to_left(text)
        assert visual_order(text) == text
