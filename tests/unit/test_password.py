import random
import string
import subprocess
import sys
from datetime import date

import pytest

from ilot_desktop.domain import password_strength
from ilot_desktop.domain.password import STRENGTH_HINT, check_password
from ilot_desktop.domain.password_strength import MAX_ESTIMATED_LENGTH, MAX_L33T_READINGS, estimate
from tests.conftest import TODAY


@pytest.mark.parametrize(
    "password",
    [
        "Chargée-Mission-2026!",  # 12+ with the four kinds
        "Vr8#kLm2qPzw",  # exactly 12, four kinds
        "Vr8kLm2qPzwT4n",  # 14 with upper, lower, digits
        "le chat de la voisine mange des croquettes",  # 7 words
        "correcthorsebatterystaplexy",  # long enough to reach 80 bits
    ],
)
def test_cnil_recipes_are_accepted(password):
    assert check_password(password, TODAY).acceptable


@pytest.mark.parametrize(
    "password",
    ["", "Bonjour2026", "Abcdefgh12#", "abcdefghijk123", "un deux trois quatre", "Aaaaaaaaaaaaaaaaaaa1!"],
)
def test_weak_passwords_are_refused(password):
    assert not check_password(password, TODAY).acceptable


def test_hints_tell_what_is_missing():
    hints = dict((text, met) for met, text in check_password("abcdefgh", TODAY).hints())
    assert hints["Une majuscule"] is False
    assert hints["Une minuscule"] is True
    assert any("12 caractères (8 pour l'instant)" in text for text in hints)
    assert "Trop faible" in check_password("abc", TODAY).summary()
    assert check_password("Chargée-Mission-2026!", TODAY).summary() == "Mot de passe suffisamment robuste."


# --- guessable passwords that meet a CNIL recipe (issue 12) -------------------------------------------


@pytest.mark.parametrize(
    ("password", "pattern"),
    [
        ("P@ssw0rd2024!", "un mot de passe très répandu déguisé (@ pour a, 0 pour o…) suivi d'une année"),
        ("M0tdepasse1!", "un mot de passe très répandu déguisé"),
        ("Azertyuiop1!", "un mot de passe très répandu suivi d'un chiffre et d'un symbole"),
        ("Qwertyuiop12!", "un mot de passe très répandu suivi de chiffres et d'un symbole"),
        ("Ilot2024Paris!", "un mot lié au service ou à l'application suivi d'une année"),
    ],
)
def test_guessable_passwords_meeting_a_recipe_are_refused_with_a_french_reason(password, pattern):
    verdict = check_password(password, TODAY)
    assert verdict.meets_rule  # CNIL's 12 characters of four kinds: accepted by the rule alone before
    assert not verdict.acceptable
    assert verdict.guesses_log10 < 10
    summary = verdict.summary()
    assert summary.startswith(f"Ce mot de passe ressemble à {pattern}")
    assert "\u00a0: il serait deviné en moins d" in summary
    assert summary.endswith("Préférez une phrase d'au moins 7 mots sans lien entre eux.")
    assert password.lower() not in summary.lower()  # the reason names kinds, never what was typed


@pytest.mark.parametrize(
    "password",
    [
        "Julien1985!!",  # a French first name and a year
        "Marseille13!!",
        "Belleville-2025",  # a Paris district and a year
        "DynamiquesEmploi1!",  # the service
        "Montmartre-2026",
        "Qsdfghjklm12!",  # an AZERTY keyboard row
        "&é\"'(-è_çà)=Aa",  # the AZERTY digit row, unshifted
        "Maintenant2026!",  # a frequent French word, not in zxcvbn's English lists
    ],
)
def test_french_words_names_places_and_keyboard_rows_are_guessable(password):
    verdict = check_password(password, TODAY)
    assert not verdict.acceptable
    assert verdict.weakness and verdict.weakness.startswith("Ce mot de passe ressemble à ")


def test_the_reason_reads_as_french():
    summary = check_password("Confiance2026!", TODAY).summary()
    assert summary.startswith("Ce mot de passe ressemble à un mot courant suivi d'une année et d'un symbole\u00a0: ")
    assert "une suite de touches voisines du clavier" in check_password("&é\"'(-è_çà)=Aa", TODAY).summary()


def test_accents_do_not_hide_a_word():
    assert estimate("Sécurité-2026!", TODAY).guesses_log10 < 10
    assert estimate("Securite-2026!", TODAY).guesses_log10 < 10


def test_good_passphrases_and_random_passwords_are_accepted():
    assert check_password("cheval agrafe batterie correcte lune orange piano", TODAY).acceptable
    assert check_password("hT7#qZ2!mR9$wK", TODAY).acceptable
    draw = random.Random(12)
    alphabet = string.ascii_letters + string.digits + "!#%&*-_?"
    for _ in range(20):
        password = "".join(draw.choice(alphabet) for _ in range(14))
        if check_password(password, TODAY).meets_rule:
            assert check_password(password, TODAY).acceptable, password


def test_a_four_word_phrase_resists_guessing_but_stays_below_the_cnil_rule():
    """zxcvbn finds « cheval agrafe batterie correcte » hard to guess, but CNIL asks 7 words of a phrase."""
    verdict = check_password("cheval agrafe batterie correcte", TODAY)
    assert verdict.weakness is None
    assert not verdict.meets_rule and not verdict.acceptable
    assert "7 mots" in verdict.summary()


def test_the_reason_is_shown_while_a_recipe_is_still_missing():
    lines = dict((text, met) for met, text in check_password("soleil", TODAY).hints())
    assert any(text.startswith("Ce mot de passe ressemble à un mot de passe très répandu") for text in lines)
    strong = dict((text, met) for met, text in check_password("hT7#qZ2!mR9$wK", TODAY).hints())
    assert strong[STRENGTH_HINT] is True
    empty = dict((text, met) for met, text in check_password("", TODAY).hints())
    assert empty[STRENGTH_HINT] is False


def typed_passwords() -> list[str]:
    """What a keystroke may hand the check: a password being typed, random ones up to 80 characters, and long
    leet-speak (92 readings of "4@3$0!1|7+5(…" for zxcvbn, each a full dictionary pass: 1.1 s before the cap)."""
    draw = random.Random(3)
    typed = ["P@ssw0rd2024!"[:n] for n in range(1, 14)]
    typed += ["".join(draw.choice(string.printable[:94]) for _ in range(draw.randint(1, 80))) for _ in range(40)]
    typed += [("4@3$0!1|7+5(" * 8)[:n] for n in (20, 40, 60, 90)]
    return typed


def dictionary_passes(monkeypatch) -> list[str]:
    """The texts zxcvbn runs a whole dictionary pass on (its cost), recorded from now on."""
    from zxcvbn import matching

    check_password("x", TODAY)  # loads and teaches zxcvbn once
    passes: list[str] = []
    real = matching.dictionary_match

    def counted(password, *args, **kwargs):
        passes.append(password)
        return real(password, *args, **kwargs)

    monkeypatch.setattr(matching, "dictionary_match", counted)
    return passes


def test_the_check_costs_a_bounded_work_at_every_keystroke(monkeypatch):
    """Work counted, not timed: zxcvbn's estimate grows with the square of the length and each leet-speak reading
    costs a dictionary pass, so the estimator sees at most the first 40 characters and, per spelling (with and
    without accents), one pass forwards, one reversed and at most 12 readings, whatever is typed."""
    passes = dictionary_passes(monkeypatch)
    worst = 0
    for password in typed_passwords():
        passes.clear()
        check_password(password, TODAY)
        assert passes and max(len(text) for text in passes) <= MAX_ESTIMATED_LENGTH
        worst = max(worst, len(passes))
    assert worst <= 2 * (2 + MAX_L33T_READINGS)


def test_the_work_counter_sees_uncapped_leet_readings(monkeypatch):
    """The counter above would catch a lost cap: without it, the long leet-speak costs far more passes."""
    passes = dictionary_passes(monkeypatch)
    monkeypatch.setattr(password_strength, "MAX_L33T_READINGS", 1_000)
    check_password(("4@3$0!1|7+5(" * 8)[:40], TODAY)
    assert len(passes) > 2 * (2 + 12)


def test_the_estimator_is_loaded_at_the_first_check_not_at_import():
    probe = (
        "import sys\n"
        "from datetime import date\n"
        "from ilot_desktop.domain.password import check_password\n"
        "check_password('', date(2026, 11, 27))\n"
        "assert 'zxcvbn' not in sys.modules\n"
        "check_password('a', date(2026, 11, 27))\n"
        "assert 'zxcvbn' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-800:]


@pytest.mark.parametrize("phrase", ["un deux trois quatre cinq six sept", "le la les de du des et"])
def test_a_phrase_of_only_very_common_words_is_refused_in_french(phrase):
    """Seven words of the most frequent kind pass the CNIL count and zxcvbn's product of ranks: not enough."""
    verdict = check_password(phrase, TODAY)
    assert not verdict.acceptable
    assert "mots très courants" in verdict.summary()


def test_the_years_an_attacker_tries_first_end_on_the_callers_day():
    """The day is the caller's (its clock), never read inside the domain: a year close to it is guessed sooner."""
    close = estimate("Montmartre2031", date(2031, 6, 1)).guesses_log10
    far = estimate("Montmartre2031", date(2200, 6, 1)).guesses_log10
    assert close < far - 0.3
    assert estimate("Montmartre2031", date(2031, 6, 1)).guesses_log10 == close  # the same day, the same answer
