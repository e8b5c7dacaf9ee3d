"""The password rule at vault creation: CNIL's 80-bit minimum, explained as one types.

CNIL (délibération n° 2022-100) accepts, among others: at least 12 characters mixing upper case,
lower case, digits and special characters; at least 14 characters mixing upper case, lower case
and digits; or a pass phrase of at least 7 words. Anything else whose estimated strength reaches
80 bits is accepted too: length × log2 of the alphabet used, or, for a phrase, about 12 bits a word.

Meeting a recipe is not enough: ``P@ssw0rd2024!`` or ``Ilot2024Paris!`` meet the first and fall in minutes to an
attacker who tries known passwords, words, names, places and years first. The password must also resist such an
attacker (zxcvbn taught French, ``password_strength.py``); the reason it would not is said in French.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ilot_desktop.domain.password_strength import estimate

MIN_BITS = 80
BITS_PER_WORD = 12
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word: two letters or more
STRENGTH_HINT = "Difficile à deviner\u00a0: ni mot de passe répandu, ni mot, prénom, lieu ou année suivis de chiffres"


@dataclass(frozen=True)
class PasswordCheck:
    acceptable: bool
    meets_rule: bool  # CNIL's recipes alone, before the guessability estimate
    bits: float
    length: int
    has_lower: bool
    has_upper: bool
    has_digit: bool
    has_symbol: bool
    words: int
    guesses_log10: float = 0.0  # zxcvbn's estimate (password_strength.py)
    weakness: str | None = None  # French: why an attacker would guess it quickly

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
        # The reason it is guessable: here while a recipe is missing, in the summary once the recipes are met.
        if self.weakness and self.length and not self.meets_rule:
            hints.append((False, self.weakness))
        else:
            hints.append((self.weakness is None, STRENGTH_HINT))
        return hints

    def summary(self) -> str:
        if self.acceptable:
            return "Mot de passe suffisamment robuste."
        if self.meets_rule and self.weakness:
            return f"{self.weakness} Préférez une phrase d'au moins 7 mots sans lien entre eux."
        return (
            "Trop faible : au moins 12 caractères avec majuscule, minuscule, chiffre et caractère spécial, "
            "ou une phrase d'au moins 7 mots."
        )


def check_password(password: str, today: date) -> PasswordCheck:
    """The verdict on ``password``; ``today`` is the caller's day (the years an attacker tries first end there)."""
    has_lower = any(c.islower() for c in password)
    has_upper = any(c.isupper() for c in password)
    has_digit = any(c.isdigit() for c in password)
    has_symbol = any(not c.isalnum() and not c.isspace() for c in password)
    words = len(_WORD.findall(password)) if re.search(r"[\s\-_.]", password) else (1 if password else 0)
    alphabet = 26 * has_lower + 26 * has_upper + 10 * has_digit + 37 * has_symbol + (1 if " " in password else 0)
    if words >= 2 and " " in password.strip():
        # A phrase of common words is as strong as its words, not its letters (~12 bits a word).
        bits: float = words * BITS_PER_WORD
    else:
        bits = len(password) * math.log2(alphabet) if alphabet > 1 else 0.0
    distinct = len(set(password))
    recipes = (
        (len(password) >= 12 and has_lower and has_upper and has_digit and has_symbol)
        or (len(password) >= 14 and has_lower and has_upper and has_digit)
        or (words >= 7 and len(password) >= 20)
        or bits >= MIN_BITS
    )
    strength = estimate(password, today)
    weakness = strength.reason
    rare = _rare_words(password) if words >= 2 and " " in password.strip() else MIN_RARE_WORDS
    common_phrase = rare < MIN_RARE_WORDS  # only very common words (articles, numbers), one other at most
    if common_phrase and not weakness:
        weakness = (
            "Cette phrase n'est faite que de mots très courants (articles, nombres, petits mots)\u00a0: elle "
            "serait vite devinée."
        )
    return PasswordCheck(
        acceptable=bool(recipes and distinct >= 6 and strength.strong and not common_phrase),
        meets_rule=bool(recipes and distinct >= 6),
        bits=bits,
        length=len(password),
        has_lower=has_lower,
        has_upper=has_upper,
        has_digit=has_digit,
        has_symbol=has_symbol,
        words=words,
        guesses_log10=strength.guesses_log10,
        weakness=weakness,
    )


MIN_RARE_WORDS = 2  # a phrase needs this many words that are not among the most frequent ones
_NUMBER_WORDS = frozenset(
    [
        "zero",
        "un",
        "une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
        "cent",
        "cents",
        "mille",
        "premier",
        "premiere",
    ]
)


def _rare_words(password: str) -> int:
    """Words of the phrase that are neither short, nor numbers, nor among the 1,000 most frequent French words:
    zxcvbn counts each common word as a guess among thousands, which lets seven of them through."""
    from ilot_desktop.domain.password_words import FREQUENT_WORDS

    frequent = set(FREQUENT_WORDS[:1000])
    count = 0
    for word in _WORD.findall(password):
        folded = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
        if len(folded) > 3 and folded not in frequent and folded not in _NUMBER_WORDS:
            count += 1
    return count
