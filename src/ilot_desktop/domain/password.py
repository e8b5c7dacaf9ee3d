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
# Words that make a long password guessable at once, whatever digits and symbols surround them.
COMMON_WORDS = frozenset(
    {
        "motdepasse",
        "password",
        "azerty",
        "qwerty",
        "soleil",
        "bonjour",
        "coucou",
        "doudou",
        "chouchou",
        "loulou",
        "marseille",
        "paris",
        "ilot",
        "lilot",
        "ilotdesktop",
        "dynamiques",
        "emploi",
        "justice",
        "prison",
        "liberte",
        "france",
        "admin",
        "utilisateur",
        "secret",
        "jetaime",
        "tresor",
        "chargee",
        "mission",
        "welcome",
    }
)
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

    common: bool = False

    def hints(self) -> list[tuple[bool, str]]:
        """What is met and what is missing, as French lines for the creation form (both ways shown)."""
        hints = [
            (self.length >= 12, f"Au moins 12 caractères ({self.length} pour l'instant)"),
            (self.has_upper, "Une majuscule"),
            (self.has_lower, "Une minuscule"),
            (self.has_digit, "Un chiffre"),
            (self.has_symbol, "Un caractère spécial (par exemple ! ? # % & * - _)"),
            (self.words >= 7, f"Ou bien : une phrase d'au moins 7 mots ({self.words} pour l'instant)"),
        ]
        if self.common:
            hints.append((False, "Évitez les mots de passe courants (motdepasse, azerty, soleil…)"))
        return hints

    def summary(self) -> str:
        if self.acceptable:
            return "Mot de passe suffisamment robuste."
        if self.common:
            return "Trop facile à deviner : il repose sur un mot de passe courant."
        return (
            "Trop faible : au moins 12 caractères avec majuscule, minuscule, chiffre et caractère spécial, "
            "ou une phrase d'au moins 7 mots."
        )


def check_password(password: str) -> PasswordCheck:
    has_lower = any(c.islower() for c in password)
    has_upper = any(c.isupper() for c in password)
    has_digit = any(c.isdigit() for c in password)
    has_symbol = any(not c.isalnum() and not c.isspace() for c in password)
    words = len(_WORD.findall(password)) if re.search(r"[\s\-_.]", password) else (1 if password else 0)
    alphabet = 26 * has_lower + 26 * has_upper + 10 * has_digit + 37 * has_symbol + (1 if " " in password else 0)
    if words >= 2 and " " in password.strip():
        # A phrase of common words is as strong as its words, not its letters (~12 bits a word).
        bits = words * BITS_PER_WORD
    else:
        bits = len(password) * math.log2(alphabet) if alphabet > 1 else 0.0
    distinct = len(set(password))
    letters_only = "".join(c for c in password.casefold() if c.isalpha())
    common = bool(letters_only) and (
        letters_only in COMMON_WORDS
        or any(letters_only.startswith(w) and len(letters_only) - len(w) <= 3 for w in COMMON_WORDS)
    )
    recipes = (
        (len(password) >= 12 and has_lower and has_upper and has_digit and has_symbol)
        or (len(password) >= 14 and has_lower and has_upper and has_digit)
        or (words >= 7 and len(password) >= 20)
        or bits >= MIN_BITS
    )
    return PasswordCheck(
        acceptable=bool(recipes and distinct >= 6 and not common),
        bits=bits,
        length=len(password),
        has_lower=has_lower,
        has_upper=has_upper,
        has_digit=has_digit,
        has_symbol=has_symbol,
        words=words,
        common=common,
    )
