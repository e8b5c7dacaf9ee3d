"""The exchange workbook: check and import a team's spreadsheet, export everything, write the blank template.

``preview`` never writes. ``apply`` reads and checks the file again inside the transaction that writes,
so what is written is what was checked against the vault as it is at that moment; the slightest problem
and nothing is written (``ImportRejected``). Natural keys and update rules: ``domain/exchange_plan.py``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from ilot_desktop.domain import audit as actions
from ilot_desktop.domain.exchange import (
    BARRIERS,
    SHEET_NAMES,
    ImportPreview,
    ImportProblem,
    ProblemList,
)
from ilot_desktop.domain.exchange_export import export_rows
from ilot_desktop.domain.exchange_parse import MAX_ROWS, ParsedWorkbook, RawSheet, parse_workbook, useful_width
from ilot_desktop.domain.exchange_plan import BARRIER_COLUMNS, ImportPlan, plan_import
from ilot_desktop.errors import ImportRejected, ValidationError, os_error_text
from ilot_desktop.services.audit import record_after, record_in
from ilot_desktop.storage.database import Database, UnitOfWork
from ilot_desktop.storage.exchange_repo import ExchangeRepository

__all__ = ["ExchangeService", "ImportPreview", "ImportProblem", "parse_file", "read_workbook"]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_A_WORKBOOK = (
    "Ce fichier n'est pas un classeur Excel (.xlsx) lisible : il est peut-être endommagé, ou d'un autre "
    "format (CSV, texte...) simplement renommé. Ouvrez-le dans votre tableur et enregistrez-le au format "
    "« Classeur Excel (.xlsx) »."
)


def _file_problem(message: str) -> list[ImportProblem]:
    return [ImportProblem("", None, None, message)]


def _unreadable_sheet(title: str) -> ImportProblem:
    return ImportProblem(
        title,
        None,
        None,
        "La feuille n'a pas pu être lue (contenu endommagé ou valeur impossible, par exemple une date hors limites).",
    )


@contextlib.contextmanager
def _quiet_openpyxl() -> Iterator[None]:
    """openpyxl's warnings about what it drops from a foreign file (« Data Validation extension is not
    supported... ») say nothing to a caseworker and must not reach the terminal: silenced while reading."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _load(path: Path):
    """The workbook opened read-only, or (None, a French problem): never an exception."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, _file_problem(
                f"Le fichier dépasse {MAX_FILE_BYTES // (1024 * 1024)} Mo : ce n'est pas un classeur d'équipe."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return None, _file_problem(f"Le fichier « {path.name} » est introuvable.")
    except IsADirectoryError:
        return None, _file_problem(f"« {path.name} » est un dossier, pas un classeur.")
    except OSError as exc:
        if path.is_dir():  # Windows refuses to read a folder with "permission denied", not IsADirectoryError
            return None, _file_problem(f"« {path.name} » est un dossier, pas un classeur.")
        return None, _file_problem(f"Le fichier « {path.name} » n'a pas pu être lu ({os_error_text(exc)}).")
    if not data:
        return None, _file_problem("Le fichier est vide (0 octet) : ce n'est pas un classeur Excel.")
    if data.startswith(_OLE2):
        return None, _file_problem(
            "Ce fichier est au format Excel 97-2003 (.xls) ou protégé par un mot de passe : ouvrez-le dans "
            "votre tableur et enregistrez-le, sans mot de passe, au format « Classeur Excel (.xlsx) »."
        )
    if not data.startswith(b"PK"):
        return None, _file_problem(_NOT_A_WORKBOOK)
    if b"application/vnd.oasis.opendocument" in data[:200]:
        return None, _file_problem(
            "Ce fichier est au format OpenDocument (.ods) : enregistrez-le au format « Classeur Excel (.xlsx) »."
        )
    try:
        from openpyxl import load_workbook

        return load_workbook(io.BytesIO(data), read_only=True, data_only=True), []
    except Exception:  # any parser failure on foreign bytes is the file's fault, said in words
        log.info("workbook refused: not a readable xlsx")
        return None, _file_problem(_NOT_A_WORKBOOK)


def _sheet_rows(sheet, failures: list[ImportProblem]) -> Iterator[tuple[object, ...]]:
    """Row 1 (headers) then every row the sheet holds, whatever size it declares, cut to the columns the
    import reads (``useful_width``); empty rows as ``()``. A sheet that cannot be read adds a problem to
    ``failures`` and ends there."""
    title = str(sheet.title)
    try:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # the declared <dimension> is often wrong: read what is there
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if header is None:
            return
        header = tuple(header)
        width = useful_width(title, header)
        yield header  # whole: its unknown columns are named in a warning
        if width == 0:
            return
        for cells in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
            yield cells if any(v is not None and v != "" for v in cells) else ()
    except Exception:
        log.info("a worksheet could not be read")
        failures.append(_unreadable_sheet(title))


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[tuple[list[RawSheet], list[ImportProblem]]]:
    """The sheets as (title, rows read lazily) and the problems met so far (growing as rows are read):
    rows stream from the file, nothing is held twice. openpyxl stays quiet meanwhile."""
    with _quiet_openpyxl():
        book, problems = _load(path)
        if book is None:
            yield [], problems
            return
        try:
            yield [(str(sheet.title), _sheet_rows(sheet, problems)) for sheet in book.worksheets], problems
        finally:
            try:
                book.close()
            except Exception as exc:  # closing a half-read archive must not hide the answer
                log.debug("workbook close failed (%s)", type(exc).__name__)  # its message may quote a cell


def parse_file(path: Path) -> ParsedWorkbook:
    """The workbook's known sheets read into values, streaming its rows; whatever the file holds, the
    answer is French problems, never an exception. A file or sheet that cannot be read is the only answer."""
    with _opened(path) as (sheets, failures):
        if failures:
            return ParsedWorkbook(problems=ProblemList(failures))
        parsed = parse_workbook(sheets)
    if failures:
        return ParsedWorkbook(problems=ProblemList(failures))
    return parsed


def read_workbook(path: Path) -> tuple[list[RawSheet], list[ImportProblem]]:
    """The sheets of an ``.xlsx`` as (title, rows of cell values, cut to the columns the import reads);
    problems instead when it cannot be read. For tests and tools: the import itself streams (``parse_file``).
    """
    with _opened(path) as (lazy, problems):
        sheets: list[RawSheet] = []
        filled = 0
        for title, rows in lazy:
            held = []
            for row in rows:
                held.append(row)
                filled += bool(row)
                if filled > MAX_ROWS:
                    return [], _file_problem(
                        f"Le classeur compte plus de {MAX_ROWS} lignes remplies : découpez-le en plusieurs fichiers."
                    )
            sheets.append((title, held))
        return sheets, list(problems)


class ExchangeService:
    def __init__(self, database: Database, clock: Callable[[], date]):
        self._db = database
        self._clock = clock

    # --- import -----------------------------------------------------------------------------------

    def preview(self, path: Path) -> ImportPreview:
        """What importing ``path`` would create and update, and every problem (the first ``MAX_PROBLEMS``
        kept, all counted). Never writes."""
        parsed = parse_file(path)
        with self._db.unit_of_work() as uow:
            return self._plan(parsed, uow).preview

    def apply(self, path: Path) -> ImportPreview:
        """Import ``path`` whole, in one transaction, or raise ``ImportRejected`` and change nothing."""
        parsed = parse_file(path)
        with self._db.unit_of_work() as uow:
            plan = self._plan(parsed, uow)
            if plan.problems:
                raise ImportRejected(plan.problems)
            people = _write(uow, plan, self._clock())
            preview = plan.preview
            record_in(uow, self._clock, actions.IMPORT, None, f"{preview.created} créés, {preview.updated} mis à jour")
            for participant in plan.new_participants:
                record_in(uow, self._clock, actions.PARTICIPANT_CREATED, people[participant.file_number], "import")
            for participant in plan.updated_participants:
                record_in(uow, self._clock, actions.PARTICIPANT_UPDATED, participant.id, "import")
            uow.commit()
        log.info("workbook imported: %d created, %d updated", plan.preview.created, plan.preview.updated)
        return plan.preview

    def _plan(self, parsed: ParsedWorkbook, uow: UnitOfWork) -> ImportPlan:
        snapshot = ExchangeRepository(uow.session).snapshot()
        return plan_import(parsed, snapshot, self._clock())

    # --- export -----------------------------------------------------------------------------------

    def export_all(self, out: Path) -> dict[str, int]:
        """Everything, names included, in the exchange workbook; rows written per sheet."""
        from ilot_desktop.reports.workbook import write_exchange_workbook

        with self._db.unit_of_work() as uow:
            snapshot = ExchangeRepository(uow.session).snapshot()
        rows = export_rows(snapshot)
        write_exchange_workbook(Path(out), rows)
        detail = f"{len(snapshot.participants)} dossiers, {sum(len(r) for r in rows.values())} lignes"
        record_after(self._db, self._clock, actions.EXPORT_FULL, None, detail)
        log.info("full export written (%d rows)", sum(len(r) for r in rows.values()))
        return {name: len(rows[name]) for name in SHEET_NAMES}

    def write_template(self, out: Path) -> None:
        from ilot_desktop.reports.workbook import write_template

        write_template(Path(out))


def _write(uow: UnitOfWork, plan: ImportPlan, today: date) -> dict[str, int]:
    """Apply a checked plan inside the caller's unit of work (the caller commits); file number -> id."""
    from ilot_desktop.services.barriers import BarrierService

    now = datetime.now().replace(microsecond=0)
    people = dict(plan.known_people)
    for participant in plan.new_participants:
        people[participant.file_number] = uow.participants.add(participant, now)
    for participant in plan.updated_participants:
        uow.participants.update(participant, now)

    actions: dict[str, int] = dict(plan.known_actions)
    for action in plan.new_actions:
        actions[action.reference] = uow.actions.add(action, now)
    for action in plan.updated_actions:
        uow.actions.update(action, now)
        actions[action.reference] = action.id

    uow.appointments.add_many([replace(a, participant_id=people[number]) for number, a in plan.new_appointments], now)
    for appointment in plan.updated_appointments:
        uow.appointments.update(appointment, now)

    barriers = [replace(b, participant_id=people[number]) for number, b, _steps in plan.new_barriers]
    ids = uow.barriers.add_many(barriers, now)
    uow.barriers.add_histories(
        [(barrier_id, steps) for barrier_id, (_n, _b, steps) in zip(ids, plan.new_barriers, strict=True)]
    )
    for row, before, after, added in plan.updated_barriers:
        uow.barriers.update(after, now)
        if added is not None:  # the sheet gives the stored path, perhaps with steps after it
            if added:
                uow.barriers.add_histories([(after.id, added)])
            continue
        try:  # the history's own rules (steps in date order) are checked against the stored steps
            BarrierService._record_change(uow, before, after, today)
        except ValidationError as error:  # the caller's unit of work rolls everything back
            raise ImportRejected(
                [
                    ImportProblem(BARRIERS.name, row, BARRIER_COLUMNS.get(name), message)
                    for name, message in error.errors.items()
                ]
            ) from None

    registrations = []
    for reference, number, attendance in plan.new_registrations:
        action_id = actions[reference]
        registrations.append((action_id, people[number], attendance))
    uow.actions.add_registrations(registrations)
    for action_id, participant_id, attendance in plan.updated_registrations:
        uow.actions.set_attendance(action_id, participant_id, attendance)

    for number, outcome in plan.new_outcomes:
        uow.outcomes.add(replace(outcome, participant_id=people[number]), now)
    for outcome in plan.updated_outcomes:
        uow.outcomes.update(outcome, now)
    return people
