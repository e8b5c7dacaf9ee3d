"""Names and places in Arabic or Hebrew on a left-to-right French sheet (the printed plan, the access copy).

reportlab draws characters one after the other, left to right, each with its own glyph. Arabic letters must
be joined and right-to-left words put in the order they are drawn, so ``visual_order`` turns a line into
exactly that: ``arabic-reshaper`` replaces Arabic letters (and Persian, Urdu) by their joined presentation
forms, which DejaVu Sans has, and ``python-bidi`` applies the Unicode bidirectional algorithm (its pure
Python implementation, ``bidi.algorithm``, which also mirrors brackets: the compiled one does not).

Which words are drawn right to left is decided word by word, as for short texts such as names and places
(the order the sheets have always printed): a right-to-left word is written reversed, punctuation around it
(« ( » « , » « : ») left where it is typed; a run of such words, with a number between two of them
(« شارع 12 ب »), is put in reverse order; a number before or after them stays where it is typed. The
bidirectional algorithm applied to a whole line would carry the number after an Arabic name into its run
and print « فاطمة · 01 23 45 67 89 » as « 89 67 45 23 01 · فاطمة ».

The reshaper keeps the vowel marks (harakat) and makes no ligature but lam-alef: DejaVu Sans has no
glyph for the word ligatures (« الله » written as one sign). reportlab's own shaping (``uharfbuzz``) is
not used: it turns on discretionary ligatures, which draw French « st » as a historical ligature with
DejaVu Sans.

One step of the algorithm is left to the renderer (rule L3): in a reversed run a letter's marks come before
it, and reportlab draws a mark over the glyph drawn before it, so ``_marks_after_their_letter`` puts them
back after their letter.
"""

from __future__ import annotations

import unicodedata

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display

_LAM_ALEF = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)

# Punctuation that stays in place around a right-to-left word.
_AROUND = "()[]{}«»\"'.,;:!?\u00a0-–—"

_RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": False,
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
        **dict.fromkeys(_LAM_ALEF, True),
    }
)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _is_right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_right_to_left(text: str) -> bool:
    return any(_is_right_to_left(char) for char in text)


def visual_order(text: str) -> str:
    """One line as drawn from left to right: Arabic letters joined, each right-to-left run reversed.

    Text without right-to-left letters is returned unchanged.
    """
    if not has_right_to_left(text):
        return text
    words = text.split(" ")
    kinds = [_word_kind(word) for word in words]
    for i, kind in enumerate(kinds):  # a number between two right-to-left words belongs to their run
        if kind == "N":
            before = next((k for k in reversed(kinds[:i]) if k != "N"), None)
            after = next((k for k in kinds[i + 1 :] if k != "N"), None)
            if before in ("R", "r") and after == "R":
                kinds[i] = "r"
    out: list[str] = []
    run: list[str] = []
    for word, kind in zip(words, kinds, strict=True):
        if kind in ("R", "r"):
            run.append(_drawn_word(word) if kind == "R" else word)
            continue
        out.extend(reversed(run))
        run.clear()
        out.append(word)
    out.extend(reversed(run))
    return " ".join(out)


def _word_kind(word: str) -> str:
    """« R » right-to-left word, « L » left-to-right word, « N » neither (numbers, punctuation)."""
    directions = {unicodedata.bidirectional(char) for char in word}
    if "L" in directions:
        return "L"
    return "R" if directions & {"R", "AL"} else "N"


def _drawn_word(word: str) -> str:
    """A right-to-left word as drawn: letters joined and reversed (digits kept in order), the punctuation
    around it in place."""
    core = word.strip(_AROUND)
    if not core:
        return word
    head = word[: word.index(core)]
    tail = word[len(head) + len(core) :]
    drawn = str(get_display(_RESHAPER.reshape(core), base_dir="R"))
    return head + _marks_after_their_letter(drawn) + tail


def _marks_after_their_letter(drawn: str) -> str:
    """Rule L3: marks that come just before a right-to-left letter in drawing order are that letter's
    (reversed with it); they move after it, in their typed order. Marks of left-to-right text already follow
    their letter and stay."""
    out: list[str] = []
    marks: list[str] = []
    for char in drawn:
        if _is_mark(char):
            marks.append(char)
            continue
        if marks and _is_right_to_left(char):
            out.append(char)
            out.extend(reversed(marks))
        else:
            out.extend(marks)
            out.append(char)
        marks.clear()
    out.extend(marks)
    return "".join(out)
