"""How fast an attacker would guess a password: zxcvbn, taught French, explained in French.

zxcvbn (the estimator KeePassXC and Bitwarden use; here its pure-Python port, the same on Linux, Windows and
macOS) splits a password into the patterns an attacker tries first — known passwords, dictionary words, names,
years and dates, keyboard rows, repeats, sequences, with capitals, reversed spelling and leet-speak (``p@ssw0rd``)
— and counts the guesses needed. It is taught here:

* French words, first names, Paris and French places, French leaked passwords and the service's own words
  (``password_words.py``);
* the AZERTY keyboard (``azertyuiop``, ``qsdfgh`` are keyboard rows on a French keyboard);
* years up to today (the library stops at 2019: ``2024`` would count as four random digits);
* accents: ``Chargée`` is tried as ``chargee`` too, as an attacker would.

A password must need at least 10¹⁰ guesses (zxcvbn's top score). With a copy of the data folder, an attacker tries
passwords against ``ilot.key`` (Argon2id, 64 MiB): about 10⁴ guesses a second on a strong machine, so 10¹⁰ is
about twelve days for the weakest accepted password, and far more for a typical one.

zxcvbn is imported at the first estimate, not when the application starts.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

MIN_GUESSES_LOG10 = 10.0
GUESSES_PER_SECOND = 1e4  # offline, against the Argon2id-wrapped key file
MAX_ESTIMATED_LENGTH = 40  # a longer password is judged on its first 40 characters (the estimate is O(n²))
# Leet-speak readings tried per password: zxcvbn tries every combination (92 for "4@3$0!1|7+5(4@3$0!1|…",
# each a full dictionary pass, 250 ms); zxcvbn-ts caps them for the same reason (l33tMaxSubstitutions).
MAX_L33T_READINGS = 12

# zxcvbn's keyboard layout notation (scripts/build_keyboard_adjacency_graphs.py of the original): one token per
# key, unshifted then shifted character, each row shifted right by one more character than the one above.
AZERTY_LAYOUT = """
²³ &1 é2 "3 '4 (5 -6 è7 _8 ç9 à0 )° =+
    aA zZ eE rR tT yY uU iI oO pP ^¨ $£
     qQ sS dD fF gG hH jJ kK lL mM ù% *µ
   <> wW xX cC vV bB nN ,? ;. :/ !§
"""


@dataclass(frozen=True)
class Strength:
    guesses_log10: float
    reason: str | None  # French: why it would be guessed quickly; None when it is strong enough

    @property
    def strong(self) -> bool:
        return self.reason is None


def estimate(password: str, today: date) -> Strength:
    """The guesses needed, and a French reason when that is below ``MIN_GUESSES_LOG10``. ``today`` (the
    caller's clock) ends the years an attacker tries first."""
    if not password:
        return Strength(0.0, "Aucun mot de passe saisi.")
    zxcvbn = _estimator()
    from zxcvbn import scoring  # already imported by _estimator

    scoring.REFERENCE_YEAR = today.year
    text = password[:MAX_ESTIMATED_LENGTH]
    candidates = {text, _without_accents(text)}  # one estimate when there is no accent
    result = min((zxcvbn(text) for text in candidates), key=lambda found: found["guesses"])
    guesses_log10 = math.log10(max(float(result["guesses"]), 1.0))
    if guesses_log10 >= MIN_GUESSES_LOG10:
        return Strength(guesses_log10, None)
    return Strength(guesses_log10, _explain(result["sequence"], guesses_log10))


def plain_letters(text: str) -> str:
    """Lower case without accents (``Chargée`` → ``chargee``), as the word lists are stored."""
    return _without_accents(text.casefold())


def _without_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("œ", "oe").replace("æ", "ae").replace("Œ", "OE").replace("Æ", "AE")


@cache
def _estimator() -> Callable[..., Any]:
    """zxcvbn, imported and taught French once (about 50 ms)."""
    from zxcvbn import matching, zxcvbn

    from ilot_desktop.domain import password_words as words

    dictionaries = matching.RANKED_DICTIONARIES
    dictionaries["mots_de_passe_fr"] = _ranked(words.FRENCH_PASSWORDS)
    dictionaries["service_fr"] = _ranked(words.SERVICE_WORDS)
    dictionaries["mots_fr"] = _ranked(words.FREQUENT_WORDS)
    dictionaries["prenoms_fr"] = _unranked(words.FIRST_NAMES)
    dictionaries["lieux_fr"] = _unranked(words.PLACES)
    matching.REGEXEN["recent_year"] = re.compile(r"19\d\d|20\d\d")
    matching.GRAPHS["azerty"] = _adjacency_graph(AZERTY_LAYOUT)
    every_reading = matching.enumerate_l33t_subs
    matching.enumerate_l33t_subs = lambda table: every_reading(table)[:MAX_L33T_READINGS]
    return zxcvbn


def _ranked(items: list[str]) -> dict[str, int]:
    """Most likely first: rank 1 is the first guess."""
    ranks: dict[str, int] = {}
    for item in items:
        ranks.setdefault(plain_letters(item), len(ranks) + 1)
    return ranks


def _unranked(items: list[str]) -> dict[str, int]:
    """A list in no order: each entry costs half the list (the average position an attacker finds it at)."""
    plain = {plain_letters(item) for item in items}
    return dict.fromkeys(plain, max(len(plain) // 2, 1))


def _adjacency_graph(layout: str) -> dict[str, list[str | None]]:
    """zxcvbn's graph of a slanted keyboard: each character's neighbours, clockwise from the left."""
    positions: dict[tuple[int, int], str] = {}
    for y, line in enumerate(layout.split("\n")):
        slant = y - 1
        for token in line.split():
            positions[((line.index(token) - slant) // 3, y)] = token
    graph: dict[str, list[str | None]] = {}
    for (x, y), token in positions.items():
        around = [(x - 1, y), (x, y - 1), (x + 1, y - 1), (x + 1, y), (x, y + 1), (x - 1, y + 1)]
        for char in token:
            graph[char] = [positions.get(coordinate) for coordinate in around]
    return graph


# --- the reason, in French --------------------------------------------------------------------------

_DICTIONARY_KINDS = {
    "passwords": "un mot de passe très répandu",
    "mots_de_passe_fr": "un mot de passe très répandu",
    "service_fr": "un mot lié au service ou à l'application",
    "male_names": "un prénom",
    "female_names": "un prénom",
    "prenoms_fr": "un prénom",
    "surnames": "un nom de famille",
    "lieux_fr": "un nom de lieu",
}
_OTHER_PATTERNS = {
    "spatial": "une suite de touches voisines du clavier",
    "repeat": "une répétition",
    "sequence": "une suite (abc, 123…)",
    "regex": "une année",
    "date": "une date",
}
_CHARACTER_RUNS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\d+|[^\W\d_]+|\s+|[\W_]+")


def _explain(sequence: list[dict], guesses_log10: float) -> str:
    """« Ce mot de passe ressemble à un prénom suivi d'une année et d'un symbole : … »"""
    parts: list[str] = []
    for match in sequence:
        for part in _describe(match):
            if not parts or part != parts[-1]:
                parts.append(part)
    if len(parts) > 4:
        parts = [*parts[:3], "d'autres éléments"]
    sentence = f"Ce mot de passe ressemble à {parts[0]}"
    if len(parts) > 1:
        followers = [_of(part) for part in parts[1:]]
        joined = followers[0] if len(followers) == 1 else ", ".join(followers[:-1]) + " et " + followers[-1]
        sentence += f" {_followed(parts[0])} {joined}"
    return f"{sentence}\u00a0: il serait deviné {_duration(guesses_log10)}."


def _of(part: str) -> str:
    """« de » before a part: d'un prénom, d'une année, de chiffres, d'autres éléments."""
    if part.startswith("des "):
        return "de " + part[4:]
    return "d'" + part if part[0] in "aeiouéu" else "de " + part


def _followed(first: str) -> str:
    """« suivi » agreeing with the first part: une année suivie, des chiffres suivis."""
    if first.startswith("une "):
        return "suivie"
    return "suivis" if first.startswith(("des ", "quelques ")) else "suivi"


def _describe(match: dict) -> list[str]:
    """What a match is (« un mot courant »): the kind of pattern, never the typed characters."""
    pattern = match["pattern"]
    if pattern == "dictionary":
        part = _DICTIONARY_KINDS.get(match.get("dictionary_name", ""), "un mot courant")
        if match.get("reversed"):
            part += " écrit à l'envers"
        if match.get("l33t"):
            part += " déguisé (@ pour a, 0 pour o…)"
        return [part]
    if pattern in _OTHER_PATTERNS:
        return [_OTHER_PATTERNS[pattern]]
    return _describe_characters(match.get("token", ""))


def _describe_characters(token: str) -> list[str]:
    """Characters zxcvbn found no pattern in, by runs: « une année », « des chiffres », « un symbole »."""
    parts: list[str] = []
    for run in _CHARACTER_RUNS.findall(token):
        if run.isspace():
            continue
        if len(run) == 4 and run.isdigit() and run[:2] in ("19", "20"):
            parts.append("une année")
        elif run.isdigit():
            parts.append("un chiffre" if len(run) == 1 else "des chiffres")
        elif run.isalpha():
            parts.append("une lettre" if len(run) == 1 else "des lettres")
        else:
            parts.append("un symbole" if len(run) == 1 else "des symboles")
    if len(parts) > 3:
        return ["des caractères variés"]
    return parts or ["des caractères variés"]


def _duration(guesses_log10: float) -> str:
    seconds = 10**guesses_log10 / GUESSES_PER_SECOND
    for limit, words in (
        (60, "en moins d'une minute"),
        (3600, "en moins d'une heure"),
        (86400, "en moins d'un jour"),
        (30 * 86400, "en moins d'un mois"),
    ):
        if seconds < limit:
            return words
    return "en moins d'un an"
