"""Labels are exact: other tools read the exchange files by them (data-exchange.md)."""

import pytest

from ilot_desktop.domain.vocabulary import Housing, JusticeSituation, Referrer, Sex, fold


def test_exchange_labels_are_exact():
    assert Sex.labels() == ["Femme", "Homme", "Autre"]
    assert Referrer.labels() == [
        "SPIP de Paris",
        "Espace Parisien d'Insertion",
        "Association partenaire",
        "France Travail",
        "Autre",
    ]
    assert JusticeSituation.labels() == ["Détention", "Milieu ouvert", "Fin de peine"]
    assert Housing.labels() == [
        "Sans abri",
        "Squat",
        "Hébergé chez un tiers",
        "Hébergement d'urgence ou d'insertion",
        "Logement autonome",
        "Détention",
    ]


def test_from_label_ignores_case_accents_and_spaces():
    assert JusticeSituation.from_label("  detention ") is JusticeSituation.DETENTION
    assert Housing.from_label("HEBERGE CHEZ UN TIERS") is Housing.THIRD_PARTY
    assert Referrer.from_label("espace parisien d’insertion") is Referrer.EPI
    with pytest.raises(ValueError):
        Sex.from_label("Inconnu")


def test_fold():
    assert fold("  Éloïse  N'DIAYE ") == "eloise n'diaye"
    assert str(Sex.FEMALE) == "Femme"
