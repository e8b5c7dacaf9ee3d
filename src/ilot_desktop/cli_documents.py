"""The commands that write a document from the vault: a participant's action plan (PDF), the funder file.

Split from ``cli.py`` (which dispatches to them); the password is read there, as for every command.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ilot_desktop.errors import EXIT_OK, IlotError, StorageEnvironmentError, os_error_text
from ilot_desktop.paths import AppPaths


def _password() -> str:
    from ilot_desktop.cli import read_password

    return read_password(confirm=False)


def cmd_action_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    """The printed plan of one participant, found by file number, written as a PDF."""
    from ilot_desktop.errors import NotFoundError
    from ilot_desktop.services import vault

    out = Path(args.out)
    if not out.parent.is_dir():
        raise IlotError(f"Le dossier du fichier à écrire n'existe pas : {out.parent}")
    session = vault.unlock(paths.data_dir, _password())
    try:
        participant = session.participants.by_file_number(args.file_number)
        if participant is None or participant.id is None:  # a file read from the vault always has its id
            raise NotFoundError(f"Aucun dossier {args.file_number.strip()}.")
        try:
            document = session.plan.write_document(out, participant.id, detail="PDF")  # and the access log
        except OSError as exc:
            raise StorageEnvironmentError(
                f"Le plan d'action n'a pas pu être écrit\u00a0: {os_error_text(exc)}."
            ) from exc
    finally:
        session.close()
    print(f"Plan d'action écrit : {out}")
    from ilot_desktop.domain.action_plan import sensitive_warning, sensitive_words

    warning = sensitive_warning(sensitive_words(document))
    if warning:  # the person carries the sheet: as the preview does, say what it should perhaps not show
        print(warning, file=sys.stderr)
    return EXIT_OK


# The figures repeated on the terminal after writing the funder file.
SHOWN_FIGURES = (
    "Date d'arrêté",
    "File active",
    "Accès à l'emploi ou à la formation",
    "Taux d'accès à l'emploi ou à la formation",
    "Abandons",
    "Taux d'engagement",
)


def _parse_year(text: str) -> int:
    from ilot_desktop.errors import ValidationError

    cleaned = text.strip()
    if not (cleaned.isdigit() and len(cleaned) == 4):
        message = f"Année non reconnue : « {cleaned} ». Écrivez-la sur quatre chiffres."
        raise ValidationError({"year": message})
    return int(cleaned)


def _parse_day(text: str) -> date:
    """``2025-11-30`` or ``30/11/2025``, as a French message when neither."""
    from ilot_desktop.domain.dates import DateError, parse_date
    from ilot_desktop.errors import ValidationError

    cleaned = text.strip()
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    try:
        day = parse_date(cleaned)
    except DateError as error:
        raise ValidationError({"as_of": f"Date d'arrêté « {cleaned} » : {error}"}) from None
    if day is None:
        raise ValidationError({"as_of": "La date d'arrêté est vide."})
    return day


def cmd_funder_report(args: argparse.Namespace, paths: AppPaths) -> int:
    """The yearly funder file (aggregates, no names) and optionally its PDF summary."""
    from ilot_desktop.domain.indicators import format_value, validate_period
    from ilot_desktop.errors import ValidationError
    from ilot_desktop.services import vault

    year = _parse_year(args.year)
    as_of = _parse_day(args.as_of) if args.as_of else None
    errors = validate_period(year, as_of, date.today())
    if errors:
        raise ValidationError(errors)
    out = Path(args.out)
    pdf = Path(args.pdf) if args.pdf else None
    for target in (out, pdf):
        if target is not None and not target.parent.is_dir():
            raise IlotError(f"Le dossier du fichier à écrire n'existe pas : {target.parent}")
    session = vault.unlock(paths.data_dir, _password())
    try:
        figures = session.funder.write(year, as_of, out, pdf, pseudonymised=args.pseudonymise)
    finally:
        session.close()
    print(f"Bilan {year} écrit : {out}")
    if pdf is not None:
        print(f"Synthèse PDF écrite : {pdf}")
    if args.pseudonymise:
        print("Le classeur contient les lignes pseudonymisées (codes aléatoires, ni nom ni date).")
    for label, value in figures.summary_rows():
        if label in SHOWN_FIGURES:
            print(f"  {label} : {format_value(value)}")
    return EXIT_OK
