"""Complete, valid participants for tests."""

from __future__ import annotations

from datetime import date

from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import (
    EducationLevel,
    Housing,
    JusticeMeasure,
    JusticeSituation,
    Referrer,
    Resource,
    Right,
    RightStatus,
    Sex,
    WorkConstraint,
)


def make_participant(**overrides) -> Participant:
    values = dict(
        file_number="DE-2026-001",
        last_name="Marqueur",
        first_name="Zéphyrin",
        sex=Sex.MALE,
        birth_date=date(1985, 4, 12),
        phone="06 00 00 00 42",
        email="zephyrin@example.org",
        address="Hébergé au 5 rue de l'Exemple, 75011 Paris",
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.DETENTION,
        facility="Centre pénitentiaire de Paris-La Santé",
        planned_release_date=date(2026, 12, 15),
        housing_at_entry=Housing.DETENTION,
        entry_date=date(2026, 10, 1),
        end_date=None,
        cpip_name="Mme Leroux",
        cpip_contact="01 99 00 00 01",
        justice_measure=JusticeMeasure.PAROLE,
        justice_constraints="Pointage hebdomadaire",
        resources={Resource.RSA, Resource.NONE},
        rights={Right.IDENTITY: RightStatus.MISSING, Right.CAF: RightStatus.OK},
        education_level=EducationLevel.CAP_BEP,
        professional_project="Espaces verts",
        skills="Permis B, maçonnerie",
        work_constraints={WorkConstraint.NO_ALCOHOL_ENV, WorkConstraint.CALM_ENV},
        work_constraints_notes="Éviter la restauration",
        consent_date=date(2026, 10, 1),
        caseworker="Ariane Morel",
        notes="Premier entretien au parloir",
    )
    values.update(overrides)
    return Participant(**values)
