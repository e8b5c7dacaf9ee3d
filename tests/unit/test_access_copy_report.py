"""The right-of-access copy as PDF and as workbook, from plain records (no database)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from ilot_desktop.domain.access_copy import FIELD_LABELS, AccessCopy
from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.actions import CollectiveAction, ParticipantAction
from ilot_desktop.domain.audit import AuditEvent
from ilot_desktop.domain.barriers import Barrier, BarrierEvent
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    OutcomeType,
    TaskOwner,
)
from ilot_desktop.reports.access_copy import render_access_copy
from ilot_desktop.reports.access_copy_workbook import render_access_copy_workbook
from tests.factories import make_participant

TODAY = date(2026, 11, 27)
LONG_REPORT = " ".join(f"phrase{i} du compte rendu" for i in range(250))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _copy(**overrides) -> AccessCopy:
    p = make_participant(id=1, notes="=SOMME(A1:A3) <b>gras</b> & co\nligne deux")
    values = dict(
        participant=p,
        made_on=TODAY,
        appointments=[
            Appointment(
                1,
                datetime(2026, 10, 8, 14, 30),
                kind=p.facility and Appointment().kind,
                place="Parloir avocat",
                status=AppointmentStatus.DONE,
                report="Entretien de diagnostic",
                next_steps="Préparer le CV",
                id=1,
            ),
            Appointment(1, datetime(2026, 11, 5, 9), report=LONG_REPORT, id=2),
        ],
        barriers=[
            Barrier(
                1,
                BarrierCategory.ADDICTIONS,
                "Alcool",
                BarrierStatus.ORIENTED,
                date(2026, 10, 8),
                partner="CSAPA Charonne",
                comment="Suivi une fois par semaine",
                id=5,
            )
        ],
        histories={
            5: [
                BarrierEvent(5, date(2026, 10, 8), BarrierStatus.IDENTIFIED),
                BarrierEvent(5, date(2026, 10, 15), BarrierStatus.ORIENTED, "CSAPA Charonne"),
            ]
        },
        tasks=[Task(1, "Prendre rendez-vous au CSAPA", TaskOwner.PERSON, date(2026, 10, 20), barrier_id=5, id=1)],
        actions=[
            ParticipantAction(
                CollectiveAction("AC-2026-004", ActionType.TRE_WORKSHOP, "Atelier CV", datetime(2026, 11, 3, 14)),
                Attendance.PRESENT,
            )
        ],
        outcomes=[
            Outcome(1, date(2026, 11, 16), OutcomeType.CDDI, employer="Régie de quartier", comment="Contrat 4 mois")
        ],
        events=[AuditEvent(datetime(2026, 11, 27, 9, 15), "Ariane Morel", "participant_viewed", 1, "", "DE-2026-001")],
    )
    values.update(overrides)
    return AccessCopy(**values)


@pytest.fixture(scope="module")
def pdf() -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(render_access_copy(_copy())))
    return reader, _flat(" ".join(page.extract_text() for page in reader.pages))


def test_pdf_is_titled_dated_and_states_the_rights(pdf):
    reader, text = pdf
    assert text.startswith("Copie des données de Zéphyrin MARQUEUR au 27/11/2026")
    assert "document établi le vendredi 27 novembre 2026" in text
    assert "droit d'accès (article 15" in text and "rectifiée (article 16)" in text and "CNIL" in text
    assert reader.metadata.title == "Copie des données de Zéphyrin MARQUEUR au 27/11/2026"
    assert f"Page 1 sur {len(reader.pages)}" in text


def test_pdf_holds_every_field_and_every_record(pdf):
    _reader, text = pdf
    for label in FIELD_LABELS.values():
        assert label in text, label
    for value in (
        "06 00 00 00 42",
        "zephyrin@example.org",
        "Hébergé au 5 rue de l'Exemple, 75011 Paris",
        "Centre pénitentiaire de Paris-La Santé",
        "Mme Leroux",
        "Pointage hebdomadaire",
        "Libération conditionnelle",
        "Pas de poste au contact de l'alcool (restauration, bar)",
        "Pièce d'identité : À faire ; CAF : À jour",
        "=SOMME(A1:A3) <b>gras</b> & co ligne deux",
        "Entretien de diagnostic",
        "Préparer le CV",
        "Parloir avocat",
        "phrase249 du compte rendu",
        "Suivi une fois par semaine",
        "CSAPA Charonne",
        "Prendre rendez-vous au CSAPA",
        "Atelier CV",
        "Présent",
        "Régie de quartier",
        "Contrat 4 mois",
        "Dossier consulté",
    ):
        assert value in text, value
    for heading in ("Rendez-vous (2)", "Freins (1)", "Historique des freins (2)", "Plan d'action (1)"):
        assert heading in text
    assert "Actions collectives (1)" in text and "Résultats (1)" in text and "Journal des accès (1)" in text


def test_pdf_embeds_dejavu_only(pdf):
    reader, _text = pdf
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "DejaVu" in str(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_pdf_of_an_almost_empty_file_and_an_arabic_name():
    p = make_participant(id=2, first_name="يوسف", notes="")
    reader = pypdf.PdfReader(io.BytesIO(render_access_copy(AccessCopy(p, TODAY))))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Rendez-vous (0)" in text and "Aucun." in text
    assert "Aucun accès enregistré" in text


def test_workbook_has_one_sheet_per_kind_with_french_headers():
    book = openpyxl.load_workbook(io.BytesIO(render_access_copy_workbook(_copy())))
    assert book.sheetnames == [
        "Présentation",
        "Dossier",
        "Rendez-vous",
        "Freins",
        "Historique des freins",
        "Plan d'action",
        "Actions collectives",
        "Résultats",
        "Journal des accès",
    ]
    intro = [c.value for c in book["Présentation"]["A"] if c.value]
    assert intro[0] == "Copie des données de Zéphyrin MARQUEUR au 27/11/2026"
    assert any("droit d'accès" in line for line in intro)
    assert "Rendez-vous\u00a0: 2 lignes" in intro
    dossier = [[c.value for c in row] for row in book["Dossier"].iter_rows()]
    assert dossier[0] == ["Rubrique", "Champ", "Valeur"]
    assert [row[1] for row in dossier[1:]] == list(FIELD_LABELS.values())
    notes = next(row for row in dossier if row[1] == "Notes")
    assert notes[2] == "=SOMME(A1:A3) <b>gras</b> & co\nligne deux"
    cell = next(c for c in book["Dossier"]["C"] if c.value == notes[2])
    assert cell.data_type == "s"  # text, not a formula
    appointments = [[c.value for c in row] for row in book["Rendez-vous"].iter_rows()]
    assert appointments[0] == ["Date et heure", "Durée", "Type", "Lieu", "Statut", "Compte rendu", "Suite prévue"]
    assert appointments[1][0] == "08/10/2026 14:30" and appointments[1][5] == "Entretien de diagnostic"
    assert appointments[2][5] == LONG_REPORT
    assert book["Rendez-vous"].freeze_panes == "A2"
    events = [[c.value for c in row] for row in book["Journal des accès"].iter_rows()]
    assert events[1] == ["27/11/2026 09:15", "Ariane Morel", "Dossier consulté", "—"]


def test_pdf_with_texts_longer_than_a_page_goes_on_over_the_pages():
    notes = "\n".join(f"Note numéro {i} : une ligne de notes prise en entretien." for i in range(120))
    copy = _copy(participant=make_participant(id=1, notes=notes, skills=LONG_REPORT))
    reader = pypdf.PdfReader(io.BytesIO(render_access_copy(copy)))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Note numéro 119" in text and "phrase249 du compte rendu" in text
    assert len(reader.pages) >= 4
