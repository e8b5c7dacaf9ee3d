"""Word lists for the password strength estimate (domain/password_strength.py): what an attacker tries first.

Sources, chosen so each list can be justified and redistributed:

* ``FREQUENT_WORDS``: the first 10,000 words of three letters or more of ``commonWords.json`` in the npm
  package ``@zxcvbn-ts/language-fr`` 4.1.2 (the French dictionary of zxcvbn-ts, MIT licence), lower-cased,
  accents removed, most frequent first. That list is derived from OpenSubtitles 2024 via OPUS
  (https://opus.nlpl.eu/, Helsinki-NLP), licensed ODC-BY: "Original data is attributed to subtitle contributors
  and rights holders"; this is a processed derivative (tokenized, frequency-aggregated, normalised, filtered).
* ``FIRST_NAMES``: the French first names of the same package (its file ``lastnames.json``, which holds the
  first names; ``firstnames.json`` holds surnames), lower-cased, accents removed, deduplicated.
* ``PLACES``, ``FRENCH_PASSWORDS`` and ``SERVICE_WORDS``: written by hand for this application: French cities
  and Paris districts, stations and landmarks; the passwords known to top French leaks (AZERTY rows, "motdepasse",
  "soleil"…); the words of the service and of this application, which any attacker of this file would try.

zxcvbn (the estimator) already knows English words, names and the most common passwords worldwide, and
handles capitals, reversed words and leet-speak substitutions (``p@ssw0rd``) by itself.

The lists are data files shipped inside the package (``domain/data/*.txt``: words separated by spaces and line
breaks, lines starting with « # » are comments), read once when this module is first imported (by the strength
estimate, itself imported when a password is chosen).
"""

from __future__ import annotations

from importlib.resources import files


def _words(name: str) -> list[str]:
    """The words of ``domain/data/<name>.txt``, in file order (repeats kept: a rank is the first one)."""
    text = files("ilot_desktop.domain").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    return [word for line in text.splitlines() if not line.startswith("#") for word in line.split()]


# Known from French password leaks (and the AZERTY rows), most common first.
FRENCH_PASSWORDS = _words("french_passwords")
# The service, its funders and this application: the first words an attacker of this file would try.
SERVICE_WORDS = _words("service_words")
# Paris (districts, stations, landmarks) and French cities and regions, in no particular order.
PLACES = _words("places")
# The 10,000 most frequent French words (3+ letters), most frequent first.
FREQUENT_WORDS = _words("frequent_words")
# 2,182 French first names, in no particular order.
FIRST_NAMES = _words("first_names")
