"""Small exchange workbooks for tests: valid rows per sheet, written with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from ilot_desktop.domain.exchange import (
    ACTIONS,
    APPOINTMENTS,
    BARRIERS,
    OUTCOMES,
    PARTICIPANTS,
    PARTICIPATIONS,
)

HEADERS = {
    layout.name: layout.headers for layout in (PARTICIPANTS, APPOINTMENTS, BARRIERS, ACTIONS, PARTICIPATIONS, OUTCOMES)
}


def participant(**overrides) -> dict[str, object]:
    values = {
        "N° dossier": "DE-2026-001",
        "Nom": "Marqueur",
        "Prénom": "Zéphyrin",
        "Sexe": "Homme",
        "Date de naissance": date(1985, 4, 12),
        "Téléphone": "06 00 00 00 42",
        "Orienteur": "SPIP de Paris",
        "Situation judiciaire à l'entrée": "Détention",
        "Établissement": "Centre pénitentiaire de Paris-La Santé",
        "Date de libération prévue": date(2026, 12, 15),
        "Hébergement à l'entrée": "Détention",
        "Date d'entrée": date(2026, 10, 1),
        "Date de fin d'accompagnement": None,
    }
    values.update(overrides)
    return values


def appointment(**overrides) -> dict[str, object]:
    values = {
        "N° dossier": "DE-2026-001",
        "Date": date(2026, 11, 3),
        "Heure": "10:30",
        "Durée (min)": 45,
        "Type": "Entretien en détention",
        "Statut": "Réalisé",
        "Compte rendu": "Premier entretien au parloir.",
    }
    values.update(overrides)
    return values


def barrier(**overrides) -> dict[str, object]:
    values = {
        "N° dossier": "DE-2026-001",
        "Catégorie": "Hébergement",
        "Statut": "Levé",
        "Date d'identification": date(2026, 10, 1),
        "Date de levée": date(2026, 11, 20),
        "Partenaire": "SIAO",
        "Commentaire": "Place en CHRS obtenue\nà confirmer",
    }
    values.update(overrides)
    return values


def action(**overrides) -> dict[str, object]:
    values = {
        "Réf. action": "AC-2026-001",
        "Date": date(2026, 11, 10),
        "Type": "Atelier TRE",
        "Intitulé": "Atelier CV",
        "Partenaire": "France Travail",
    }
    values.update(overrides)
    return values


def participation(**overrides) -> dict[str, object]:
    values = {"Réf. action": "AC-2026-001", "N° dossier": "DE-2026-001", "Présence": "Présent"}
    values.update(overrides)
    return values


def outcome(**overrides) -> dict[str, object]:
    values = {
        "N° dossier": "DE-2026-001",
        "Date": date(2026, 11, 16),
        "Type": "CDD de 6 mois ou plus",
        "Motif d'abandon": None,
        "Employeur ou organisme": "Espaces verts de l'Est",
        "Commentaire": "Temps plein",
    }
    values.update(overrides)
    return values


def full_book() -> dict[str, list[dict[str, object]]]:
    """One of everything, all valid on 27/11/2026."""
    return {
        "Participants": [participant()],
        "Entretiens": [appointment()],
        "Freins": [barrier()],
        "Actions collectives": [action()],
        "Participations": [participation()],
        "Résultats": [outcome()],
    }


def sheet_rows(name: str, records: list[dict[str, object]], headers: list[str] | None = None) -> list[list]:
    """Header row then one row per record, in ``headers`` order (the layout's by default)."""
    headers = headers or HEADERS[name]
    return [list(headers), *[[record.get(h) for h in headers] for record in records]]


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Sheet title -> rows of cell values (row 1 the headers)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def write_book(path: Path, book: dict[str, list[dict[str, object]]]) -> Path:
    return write_xlsx(path, {name: sheet_rows(name, records) for name, records in book.items()})
