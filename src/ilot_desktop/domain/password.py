"""The password rule at vault creation: CNIL's 80-bit minimum, explained as one types.

CNIL (délibération n° 2022-100) accepts, among others: at least 12 characters mixing upper case,
lower case, digits and special characters; at least 14 characters mixing upper case, lower case
and digits; or a pass phrase of at least 7 words. Anything else whose estimated strength reaches
80 bits is accepted too: length × log2 of the alphabet used, or, for a phrase, about 12 bits a word.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MIN_BITS = 80
BITS_PER_WORD = 12
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word: two letters or more


@dataclass(frozen=True)
class PasswordCheck:
    acceptable: bool
    bits: float
    length: int
    has_lower: bool
    has_upper: bool
    has_digit: bool
    has_symbol: bool
    words: int

    def hints(self) -> list[tuple[bool, str]]:
        """What is met and what is missing, as French lines for the creation form."""
        if self.words >= 3 and not self.acceptable:
            return [(False, f"Phrase de passe : {self.words} mots sur 7 au minimum.")]
        return [
            (self.length >= 12, f"Au moins 12 caractères ({self.length} pour l'instant)"),
            (self.has_upper, "Une majuscule"),
            (self.has_lower, "Une minuscule"),
            (self.has_digit, "Un chiffre"),
            (self.has_symbol, "Un caractère spécial (par exemple ! ? # % & * - _)"),
        ]

    def summary(self) -> str:
        if self.acceptable:
            return "Mot de passe suffisamment robuste."
        return (
            "Trop faible : au moins 12 caractères avec majuscule, minuscule, chiffre et caractère spécial, "
            "ou une phrase d'au moins 7 mots."
        )


def check_password(password: str) -> PasswordCheck:
    has_lower = any(c.islower() for c in password)
    has_upper = any(c.isupper() for c in password)
    has_digit = any(c.isdigit() for c in password)
    has_symbol = any(not c.isalnum() and not c.isspace() for c in password)
    words = len(_WORD.findall(password)) if re.search(r"[\s\-_.]", password) else (1 if password else 0)
    alphabet = (
        26 * has_lower + 26 * has_upper + 10 * has_digit + 37 * has_symbol + (1 if " " in password else 0)
    )
    if words >= 2 and " " in password.strip():
        # A phrase of common words is as strong as its words, not its letters (~12 bits a word).
        bits = words * BITS_PER_WORD
    else:
        bits = len(password) * math.log2(alphabet) if alphabet > 1 else 0.0
    distinct = len(set(password))
    recipes = (
        (len(password) >= 12 and has_lower and has_upper and has_digit and has_symbol)
        or (len(password) >= 14 and has_lower and has_upper and has_digit)
        or (words >= 7 and len(password) >= 20)
        or bits >= MIN_BITS
    )
    return PasswordCheck(
        acceptable=bool(recipes and distinct >= 6),
        bits=bits,
        length=len(password),
        has_lower=has_lower,
        has_upper=has_upper,
        has_digit=has_digit,
        has_symbol=has_symbol,
        words=words,
    )
