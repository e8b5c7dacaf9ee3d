"""No byte of a document outside the folder the person chose (issue 12, finding 2), and long texts whole
in every document (finding 5, writer side).

Every document is written from a real vault while an audit hook records every file opened for writing,
created, renamed or made by ``tempfile``, and while the system temp folder points at an empty watched
folder: all of it must stay in the destination folder or the data folder (the journal of unfinished
writes, the settings). openpyxl's writer used to spill each sheet into the system temp folder.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pypdf
import pytest

from ilot_desktop import safe_files
from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import AppointmentStatus, BarrierCategory
from ilot_desktop.reports.action_plan import write_action_plan
from ilot_desktop.reports.recovery_sheet import write_recovery_sheet
from ilot_desktop.reports.week_sheet import write_week_sheet
from ilot_desktop.reports.xlsx import MAX_CELL_TEXT
from ilot_desktop.settings import WINDOW_GEOMETRY, LocalSettings
from tests.conftest import TODAY
from tests.factories import make_participant

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_recorded: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _recorded is None:
        return
    path = None
    if event == "open":
        name, mode, flags = args
        writing = (isinstance(flags, int) and flags & _WRITE_FLAGS) or (
            isinstance(mode, str) and any(c in mode for c in "wax+")
        )
        if writing and isinstance(name, str | bytes | os.PathLike):
            path = name
    elif event in ("os.rename", "os.mkdir", "tempfile.mkstemp", "tempfile.mkdtemp", "shutil.copyfile"):
        path = args[1] if event in ("os.rename", "shutil.copyfile") else args[0]
    if path is not None:
        _recorded.append(os.path.abspath(os.fsdecode(path)))


sys.addaudithook(_audit)  # hooks cannot be removed: it records only while ``_recorded`` is a list

MONDAY = date(2023, 3, 13)
LONG_REPORT = "".join(f"phrase{i} du compte rendu. " for i in range(4000)) + "FIN-DU-COMPTE-RENDU"  # ~100,000


def _fill(session) -> int:
    person = session.participants.save(
        make_participant(file_number="DE-2023-001", last_name="Marqueurnom", entry_date=date(2023, 3, 1))
    )
    session.followup.save(
        Appointment(person.id, datetime(2023, 3, 14, 10), status=AppointmentStatus.DONE, report=LONG_REPORT)
    )
    session.followup.save(Appointment(person.id, datetime(2026, 12, 3, 10)))
    barrier = session.barriers.save(Barrier(person.id, BarrierCategory.HOUSING, "Squat", identified_on=MONDAY))
    session.plan.save(Task(person.id, "Tâche-marqueur", barrier_id=barrier.id, created_on=MONDAY))
    return person.id


def _documents(session, pid: int, dest: Path, data: Path) -> dict:
    return {
        "export.xlsx": lambda: session.exchange.export_all(dest / "export.xlsx"),
        "modele.xlsx": lambda: session.exchange.write_template(dest / "modele.xlsx"),
        "bilan.xlsx+pdf": lambda: session.funder.write(
            2023, None, dest / "bilan.xlsx", dest / "bilan.pdf", pseudonymised=True
        ),
        "copie.pdf": lambda: session.privacy.access_copy(pid, dest / "copie.pdf", "pdf"),
        "copie.xlsx": lambda: session.privacy.access_copy(pid, dest / "copie.xlsx", "xlsx"),
        "plan.pdf": lambda: write_action_plan(dest / "plan.pdf", session.plan.document(pid)),
        "feuille.pdf": lambda: write_recovery_sheet(dest / "feuille.pdf", "ABCD-" * 13 + "ABCD", TODAY, "dossier"),
        "semaine.pdf": lambda: write_week_sheet(dest / "semaine.pdf", MONDAY, *session.followup.week(MONDAY), TODAY),
        "reglages.ini": lambda: _settings(data),
    }


def _settings(data: Path) -> None:
    settings = LocalSettings(data / "reglages" / "ilot-desktop.ini")
    settings.set(WINDOW_GEOMETRY, "abc")
    assert settings.save()


def test_every_document_is_written_only_into_its_destination(session, vault_dir, tmp_path, monkeypatch):
    global _recorded
    pid = _fill(session)
    watched_temp = tmp_path / "temp-systeme"
    watched_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(watched_temp))
    monkeypatch.setenv("TMPDIR", str(watched_temp))
    safe_files.configure(vault_dir)
    try:
        warm = tmp_path / "echauffement"
        warm.mkdir()
        for write in _documents(session, pid, warm, vault_dir).values():
            write()  # every library imported (and its bytecode cached) before recording starts
        for name, write in _documents(session, pid, tmp_path / "choisi", vault_dir).items():
            dest = tmp_path / "choisi"
            dest.mkdir(exist_ok=True)
            _recorded = []
            try:
                write()
            finally:
                paths, _recorded = _recorded, None
            outside = [p for p in paths if not (p.startswith(str(dest) + os.sep) or p.startswith(str(vault_dir)))]
            assert outside == [], f"{name}: written outside the destination: {outside}"
            assert list(watched_temp.iterdir()) == [], f"{name}: the system temp folder was used"
            expected = vault_dir / "reglages" if name == "reglages.ini" else dest
            assert any(p.startswith(str(expected)) for p in paths), f"{name}: nothing recorded (hook broken?)"
    finally:
        _recorded = None
        safe_files.configure(None)
    assert sorted(p.name for p in (tmp_path / "choisi").iterdir()) == [
        "bilan.pdf", "bilan.xlsx", "copie.pdf", "copie.xlsx", "export.xlsx", "feuille.pdf", "modele.xlsx",
        "plan.pdf", "semaine.pdf",
    ]  # fmt: skip
    assert list((vault_dir / safe_files.JOURNAL_DIR_NAME).iterdir()) == []  # every write finished


# --- long texts, whole -------------------------------------------------------------------------------------


def _joined(sheet, header: str, row: int) -> str:
    """A text and its continuation columns, joined by the header convention the import reads."""
    headers = [c.value for c in sheet[1]]
    start = headers.index(header)
    pieces = [sheet.cell(row=row, column=start + 1).value or ""]
    for n in range(1, len(headers)):
        name = f"{header} (suite {n})"
        if name not in headers:
            break
        assert headers.index(name) == start + n, "a continuation column follows its column"
        pieces.append(sheet.cell(row=row, column=start + n + 1).value or "")
    return "".join(pieces)


def test_a_long_report_is_whole_in_the_export(session, tmp_path):
    _fill(session)
    out = tmp_path / "export.xlsx"
    session.exchange.export_all(out)
    book = openpyxl.load_workbook(out)
    sheet = book["Entretiens"]
    headers = [c.value for c in sheet[1]]
    assert "Compte rendu (suite 3)" in headers and "Compte rendu (suite 4)" not in headers
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == datetime(2023, 3, 14))
    assert _joined(sheet, "Compte rendu", row) == LONG_REPORT
    assert all(len(c.value) <= MAX_CELL_TEXT for c in sheet[row] if isinstance(c.value, str))
    assert [c.value for c in book["Participants"][1]][-1] != "Notes (suite 1)"  # only where needed


def test_a_long_report_is_whole_in_both_access_copies(session, tmp_path):
    pid = _fill(session)
    session.privacy.access_copy(pid, tmp_path / "copie.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "copie.xlsx")["Rendez-vous"]
    row = next(
        r for r in range(2, sheet.max_row + 1) if (sheet.cell(row=r, column=6).value or "").startswith("phrase0")
    )
    assert _joined(sheet, "Compte rendu", row) == LONG_REPORT
    session.privacy.access_copy(pid, tmp_path / "copie.pdf", "pdf")
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "copie.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "phrase3999 du compte rendu. FIN-DU-COMPTE-RENDU" in text
    assert len(reader.pages) >= 20  # the text flows over the pages, nothing cut at the bottom of one
    for i in (0, 1234, 2500, 3998):
        assert f"phrase{i} du compte rendu." in text


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_no_temporary_name_left_beside_a_copy(session, tmp_path, kind):
    pid = _fill(session)
    session.privacy.access_copy(pid, tmp_path / f"copie.{kind}", kind)
    assert [p.name for p in tmp_path.iterdir() if p.name != "coffre"] == [f"copie.{kind}"]
