import pytest

from ilot_desktop.domain.password import check_password


@pytest.mark.parametrize(
    "password",
    [
        "Chargée-Mission-2026!",  # 12+ with the four kinds
        "Abcdefgh12#x",  # exactly 12, four kinds
        "Abcdefghijk123",  # 14 with upper, lower, digits
        "le chat de la voisine mange des croquettes",  # 7 words
        "correcthorsebatterystaplexy",  # long enough to reach 80 bits
    ],
)
def test_cnil_recipes_are_accepted(password):
    assert check_password(password).acceptable


@pytest.mark.parametrize(
    "password",
    ["", "Bonjour2026", "Abcdefgh12#", "abcdefghijk123", "un deux trois quatre", "Aaaaaaaaaaaaaaaaaaa1!"],
)
def test_weak_passwords_are_refused(password):
    assert not check_password(password).acceptable


def test_hints_tell_what_is_missing():
    hints = dict((text, met) for met, text in check_password("abcdefgh").hints())
    assert hints["Une majuscule"] is False
    assert hints["Une minuscule"] is True
    assert any("12 caractères (8 pour l'instant)" in text for text in hints)
    assert "Trop faible" in check_password("abc").summary()
    assert check_password("Chargée-Mission-2026!").summary() == "Mot de passe suffisamment robuste."
