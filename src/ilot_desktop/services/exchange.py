"""The exchange workbook: check and import a team's spreadsheet, export everything, write the blank template.

``check`` reads the file once (streaming its rows, reporting how far it got) and checks it against the vault,
never writing; the ``CheckedWorkbook`` it returns keeps what was read. ``apply`` imports from it without reading
the file again: inside the transaction that writes, the kept rows are checked again against the vault as it is at
that moment, so what is written is what was checked; the slightest problem and nothing is written
(``ImportRejected``). Natural keys and update rules: ``domain/exchange_plan.py``.

The long steps take an optional ``progress(done, total)`` callback, called from the thread doing the work every
``PROGRESS_EVERY`` rows (``total``: the rows the sheets declare, 0 when unknown; a file may declare too few). It
may raise to stop the reading (the window's « Annuler »): nothing is written before ``apply``, and the workbook
is closed on the way out.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ilot_desktop.domain.audit import AuditAction as actions
from ilot_desktop.domain.demonstration import DEMO_IMPORT_WARNING, DEMO_SHEET
from ilot_desktop.domain.exchange import (
    BARRIERS,
    SHEET_NAMES,
    ImportPreview,
    ImportProblem,
    ProblemList,
)
from ilot_desktop.domain.exchange_export import export_rows
from ilot_desktop.domain.exchange_parse import (
    MAX_ROWS,
    ParsedWorkbook,
    RawSheet,
    layout_of,
    parse_workbook,
    useful_width,
)
from ilot_desktop.domain.exchange_plan import BARRIER_COLUMNS, ImportPlan, plan_import
from ilot_desktop.errors import ImportRejected, ValidationError, os_error_text
from ilot_desktop.services.audit import record_after, record_in
from ilot_desktop.services.clock import SessionClock, Today, as_clock
from ilot_desktop.services.demo_marker import marked
from ilot_desktop.storage.database import Database, UnitOfWork

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "CheckedWorkbook",
    "ExchangeService",
    "ImportPreview",
    "ImportProblem",
    "Progress",
    "parse_file",
    "read_workbook",
]

log = logging.getLogger(__name__)

# How far a long step got: (done, total), total 0 when unknown. Called from the thread doing the work; may raise
# to stop it.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 100  # rows read between two calls: cheap next to reading them, often enough for « Annuler »
Row = tuple[object, ...]

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


def _no_progress(done: int, total: int) -> None:
    """Nobody is watching (the command line, the tests)."""


@dataclass(frozen=True)
class CheckedWorkbook:
    """A workbook read once and checked against the vault: ``apply`` imports from it, never reading the file
    again (it may have changed or gone since; what is imported is what the person saw checked)."""

    path: Path
    parsed: ParsedWorkbook
    preview: ImportPreview

    @property
    def ok(self) -> bool:
        return self.preview.ok


@contextlib.contextmanager
def _quiet_openpyxl() -> Iterator[None]:
    """openpyxl's warnings about what it drops from a foreign file (« Data Validation extension is not
    supported... ») say nothing to a caseworker and must not reach the terminal: silenced while reading."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _load(path: Path) -> tuple[Workbook | None, list[ImportProblem]]:
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


def _sheet_rows(sheet: Any, failures: list[ImportProblem]) -> Iterator[Row]:
    """Row 1 (headers) then every row the sheet holds, whatever size it declares, cut to the columns the
    import reads (``useful_width``); empty rows as ``()``. A sheet that cannot be read adds a problem to
    ``failures`` and ends there."""
    title = str(sheet.title)
    try:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # the declared <dimension> is often wrong: read what is there
        first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if first is None:
            return
        header = tuple(first)
        width = useful_width(title, header)
        yield header  # whole: its unknown columns are named in a warning
        if width == 0:
            return
        for cells in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
            yield cells if any(v is not None and v != "" for v in cells) else ()
    except Exception:
        log.info("a worksheet could not be read")
        failures.append(_unreadable_sheet(title))


def _declared_rows(sheet: Any) -> int:
    """The rows an import sheet says it holds (its ``<dimension>``, read before ``reset_dimensions``), 0 for
    another sheet or one that says nothing. Only an estimate for progress: a file may declare too few."""
    if layout_of(str(sheet.title)) is None:
        return 0
    try:
        return max(0, int(getattr(sheet, "max_row", 0) or 0))
    except (TypeError, ValueError):
        return 0


class _RowCounter:
    """Counts the rows read, all sheets together, and tells ``progress`` every ``PROGRESS_EVERY`` rows."""

    def __init__(self, progress: Progress, total: int):
        self.progress = progress
        self.total = total
        self.done = 0

    def count(self, rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                self.progress(self.done, self.total)
            yield row


@contextlib.contextmanager
def _opened(path: Path, progress: Progress = _no_progress) -> Iterator[tuple[list[RawSheet], list[ImportProblem]]]:
    """The sheets as (title, rows read lazily) and the problems met so far (growing as rows are read):
    rows stream from the file, nothing is held twice. openpyxl stays quiet meanwhile. ``progress`` hears of
    the rows as they are read (it may raise: the workbook is closed all the same)."""
    with _quiet_openpyxl():
        book, problems = _load(path)
        if book is None:
            yield [], problems
            return
        try:
            sheets = list(book.worksheets)
            counter = _RowCounter(progress, sum(_declared_rows(sheet) for sheet in sheets))
            progress(0, counter.total)
            yield [(str(sheet.title), counter.count(_sheet_rows(sheet, problems))) for sheet in sheets], problems
            progress(counter.done, max(counter.total, counter.done))
        finally:
            try:
                book.close()
            except Exception as exc:  # closing a half-read archive must not hide the answer
                log.debug("workbook close failed (%s)", type(exc).__name__)  # its message may quote a cell


def parse_file(path: Path, progress: Progress = _no_progress) -> ParsedWorkbook:
    """The workbook's known sheets read into values, streaming its rows; whatever the file holds, the
    answer is French problems, never an exception (except what ``progress`` raises to stop the reading).
    A file or sheet that cannot be read is the only answer. The « Démonstration » sheet of a demonstration's
    export is not read: it gives the warning that the people are fictional (dropped in a demonstration vault).
    """
    with _opened(path, progress) as (sheets, failures):
        if failures:
            return ParsedWorkbook(problems=ProblemList(failures))
        known = [sheet for sheet in sheets if sheet[0] != DEMO_SHEET]
        parsed = parse_workbook(known)
        if len(known) < len(sheets):
            parsed.warnings.insert(0, DEMO_IMPORT_WARNING)
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
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    # --- import -----------------------------------------------------------------------------------

    def check(self, path: Path, progress: Progress = _no_progress) -> CheckedWorkbook:
        """Read ``path`` once and check it against the vault: what importing it would create and update, and
        every problem (the first ``MAX_PROBLEMS`` kept, all counted). Never writes. ``progress`` hears of the
        rows read and may raise to stop."""
        parsed = parse_file(path, progress)
        with self._db.unit_of_work() as uow:
            preview = self._plan(parsed, uow).preview
        return CheckedWorkbook(Path(path), parsed, preview)

    def preview(self, path: Path) -> ImportPreview:
        """``check(path).preview``: what the command line prints."""
        return self.check(path).preview

    def apply(self, workbook: Path | CheckedWorkbook) -> ImportPreview:
        """Import whole, in one transaction, or raise ``ImportRejected`` and change nothing.

        A ``CheckedWorkbook`` is imported from what was read when it was checked (the file is not read again);
        a path is read now. Either way the rows are checked against the vault inside the writing transaction."""
        parsed = workbook.parsed if isinstance(workbook, CheckedWorkbook) else parse_file(workbook)
        with self._db.unit_of_work() as uow:
            plan = self._plan(parsed, uow)
            if plan.problems:
                raise ImportRejected(plan.problems)
            people = _write(uow, plan, self._clock)
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
        snapshot = uow.exchange.snapshot()
        plan = plan_import(parsed, snapshot, self._clock(), self._clock.now())
        if marked(uow) and DEMO_IMPORT_WARNING in plan.preview.warnings:  # fictional people into the demonstration
            plan.preview.warnings.remove(DEMO_IMPORT_WARNING)
        return plan

    # --- export -----------------------------------------------------------------------------------

    def export_all(self, out: Path) -> dict[str, int]:
        """Everything, names included, in the exchange workbook; rows written per sheet. From the
        demonstration, a first sheet « Démonstration » says the people are fictional."""
        from ilot_desktop.reports.workbook import write_exchange_workbook

        with self._db.unit_of_work() as uow:
            snapshot = uow.exchange.snapshot()
            demonstration = marked(uow)
        rows = export_rows(snapshot)
        write_exchange_workbook(Path(out), rows, demonstration)
        detail = f"{len(snapshot.participants)} dossiers, {sum(len(r) for r in rows.values())} lignes"
        record_after(self._db, self._clock, actions.EXPORT_FULL, None, detail)
        log.info("full export written (%d rows)", sum(len(r) for r in rows.values()))
        return {name: len(rows[name]) for name in SHEET_NAMES}

    def write_template(self, out: Path) -> None:
        from ilot_desktop.reports.workbook import write_template

        write_template(Path(out))


def _write(uow: UnitOfWork, plan: ImportPlan, clock: SessionClock) -> dict[str, int]:
    """Apply a checked plan inside the caller's unit of work (the caller commits); file number -> id."""
    now = clock.now_to_the_second()
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
        actions[action.reference] = _stored_id(action.id)

    uow.appointments.add_many([replace(a, participant_id=people[number]) for number, a in plan.new_appointments], now)
    for appointment in plan.updated_appointments:
        uow.appointments.update(appointment, now)

    _write_barriers(uow, plan, people, now, clock.today())

    registrations = []
    for reference, number, attendance, uid in plan.new_registrations:
        action_id = actions[reference]
        registrations.append((action_id, people[number], attendance, uid))
    uow.actions.add_registrations(registrations)
    for action_id, participant_id, attendance in plan.updated_registrations:
        uow.actions.set_attendance(action_id, participant_id, attendance)

    for number, outcome in plan.new_outcomes:
        uow.outcomes.add(replace(outcome, participant_id=people[number]), now)
    for outcome in plan.updated_outcomes:
        uow.outcomes.update(outcome, now)
    return people


def _write_barriers(uow: UnitOfWork, plan: ImportPlan, people: dict[str, int], now: datetime, today: date) -> None:
    """New barriers with their histories; changed ones with the step their change makes, checked against the
    stored steps (``ImportRejected`` when out of order: the caller's unit of work rolls everything back)."""
    from ilot_desktop.services.barriers import BarrierService

    barriers = [replace(b, participant_id=people[number]) for number, b, _steps in plan.new_barriers]
    ids = uow.barriers.add_many(barriers, now)
    uow.barriers.add_histories(
        [(barrier_id, steps) for barrier_id, (_n, _b, steps) in zip(ids, plan.new_barriers, strict=True)],
        [plan.step_uids.get(b.uid, []) for _n, b, _steps in plan.new_barriers],
    )
    for row, before, after, added in plan.updated_barriers:
        uow.barriers.update(after, now)
        if added is not None:  # the sheet gives the stored path, perhaps with steps after it
            if added:
                uow.barriers.add_histories([(_stored_id(after.id), added)])
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


def _stored_id(record_id: int | None) -> int:
    """The id of a record the plan matched in the vault (an update): it has one."""
    if record_id is None:
        raise ValueError("an update without a stored id")
    return record_id
