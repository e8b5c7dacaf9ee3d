"""Nothing under the data directory contains a participant's name in the clear, at any time."""

from __future__ import annotations

from pathlib import Path

from ilot_desktop.cli import main
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

MARKERS = ("Zorglubinette", "Quetzalcoatlia", "Marqueurissime", "ZQX-SECRET-NOTE")


def _scan(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in MARKERS:
                for encoding in ("utf-8", "utf-16-le"):
                    if marker.encode(encoding) in data:
                        found.append(f"{path.name}: {marker}")
    return found


def test_markers_never_reach_the_disk_in_clear(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "init"]) == 0
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    saved = session.participants.save(
        make_participant(last_name=MARKERS[0], first_name=MARKERS[1], notes=MARKERS[3], cpip_name=MARKERS[2])
    )
    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.barriers import Barrier
    from ilot_desktop.domain.vocabulary import BarrierCategory

    barrier = session.barriers.save(
        Barrier(saved.id, BarrierCategory.ADDICTIONS, MARKERS[0], comment=MARKERS[3], partner=MARKERS[2])
    )
    session.plan.save(Task(saved.id, f"Appeler {MARKERS[1]}", barrier_id=barrier.id))
    assert _scan(folder) == []  # while the vault is open
    session.participants.save(make_participant(id=saved.id, last_name=MARKERS[0], notes=MARKERS[3] + " modifié"))
    session.participants.delete(saved.id)
    session.close()
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert main(["--data-dir", str(folder), "--verbose", "check"]) == 0
    capsys.readouterr()
    assert _scan(folder) == []
    assert (folder / "journaux" / "ilot-desktop.log").exists()


def _rejected_workbook(path: Path) -> None:
    """A team workbook whose only row is wrong: its values must reach neither the log nor a report."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(["N° dossier", "Nom", "Prénom", "Sexe", "Date de naissance", "Orienteur"])
    sheet.append(["DE-2026-099", MARKERS[0], MARKERS[1], MARKERS[2], MARKERS[3], MARKERS[0]])
    book.save(path)


def test_logs_and_crash_reports_hold_no_personal_data_after_every_service(tmp_path, monkeypatch, capsys):
    """Every service run with marker strings (names, notes, file names): the log and the reports name nobody."""
    from datetime import date, datetime

    import pytest

    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.actions import CollectiveAction
    from ilot_desktop.domain.barriers import Barrier
    from ilot_desktop.domain.followup import Appointment
    from ilot_desktop.domain.outcomes import Outcome
    from ilot_desktop.domain.vocabulary import (
        ActionType,
        AppointmentStatus,
        Attendance,
        BarrierCategory,
        BarrierStatus,
        EndReason,
        OutcomeType,
    )
    from ilot_desktop.errors import ImportRejected, ValidationError
    from ilot_desktop.logs import write_crash_report
    from ilot_desktop.paths import app_paths

    folder = tmp_path / "donnees"
    out = tmp_path / f"sorties-{MARKERS[0]}"
    out.mkdir()
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "--verbose", "init"]) == 0  # logs at DEBUG from here on
    paths = app_paths(folder)
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        texts = dict(last_name=MARKERS[0], first_name=MARKERS[1], cpip_name=MARKERS[2], notes=MARKERS[3])
        person = session.participants.save(make_participant(**texts))
        old = session.participants.save(
            make_participant(file_number="DE-2023-001", entry_date=date(2023, 3, 1), **texts)
        )
        for pid in (person.id, old.id):
            session.followup.save(
                Appointment(pid, datetime(2026, 10, 5, 10), place=MARKERS[2], status=AppointmentStatus.DONE)
                if pid == person.id
                else Appointment(pid, datetime(2023, 3, 8, 10), report=MARKERS[3], status=AppointmentStatus.DONE)
            )
            barrier = session.barriers.save(
                Barrier(pid, BarrierCategory.ADDICTIONS, MARKERS[0], comment=MARKERS[3], identified_on=date(2023, 3, 8))
            )
            session.barriers.set_status(barrier.id, BarrierStatus.ORIENTED, partner=MARKERS[2])
            session.plan.save(Task(pid, f"Appeler {MARKERS[1]}", barrier_id=barrier.id))
            day = date(2026, 11, 2) if pid == person.id else date(2023, 9, 1)
            session.outcomes.save(Outcome(pid, day, OutcomeType.CDI, employer=MARKERS[2], comment=MARKERS[3]))
        action = session.actions.save(
            CollectiveAction("AC-2026-001", ActionType.TRE_WORKSHOP, "Atelier CV", datetime(2026, 10, 6, 14))
        )
        session.actions.register(action.id, person.id)
        session.actions.set_attendance(action.id, person.id, Attendance.PRESENT)
        session.outcomes.end_accompaniment(old.id, date(2023, 9, 29), EndReason.POSITIVE)
        session.audit.record("participant_viewed", person.id)
        with pytest.raises(ValidationError):
            session.participants.save(make_participant(file_number="DE-2026-002", email=f"{MARKERS[0]}@", **texts))

        session.exchange.export_all(out / f"{MARKERS[0]}.xlsx")
        session.exchange.apply(out / f"{MARKERS[0]}.xlsx")
        _rejected_workbook(out / f"{MARKERS[1]}.xlsx")
        with pytest.raises(ImportRejected):
            session.exchange.apply(out / f"{MARKERS[1]}.xlsx")
        session.exchange.preview(out / f"{MARKERS[1]}.xlsx")
        (out / f"{MARKERS[2]}.xlsx").write_bytes(f"PK{MARKERS[2]} pas un classeur".encode())
        session.exchange.preview(out / f"{MARKERS[2]}.xlsx")
        session.funder.write(2026, None, out / f"{MARKERS[0]}-bilan.xlsx", out / f"{MARKERS[0]}.pdf", True)
        session.privacy.access_copy(person.id, out / f"copie-{MARKERS[0]}.pdf", "pdf")
        session.privacy.access_copy(person.id, out / f"copie-{MARKERS[0]}.xlsx", "xlsx")
        session.backups.write()
        session.backups.write(out)
        assert [c.participant_id for c in session.privacy.due_for_anonymisation()] == [old.id]
        assert session.privacy.anonymise([old.id]) == 1
        session.privacy.erase(person.id)
    finally:
        session.close()
    assert main(["--data-dir", str(folder), "--verbose", "check"]) == 0
    assert main(["--data-dir", str(folder), "export", str(out / f"{MARKERS[3]}.xlsx")]) == 0
    assert main(["--data-dir", str(folder), "import", str(out / f"{MARKERS[1]}.xlsx")]) != 0
    assert main(["--data-dir", str(folder), "funder-report", "--year", "2023", "--out", str(out / "b.xlsx")]) == 0
    try:
        raise ValueError(f"valeur saisie : {MARKERS[0]} {out}")
    except ValueError as exc:
        assert write_crash_report(paths.crash_dir, exc) is not None
    capsys.readouterr()

    logs = [p for p in paths.log_dir.rglob("*") if p.is_file()]
    log_text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "participant 1 erased" in log_text and "1 files anonymised" in log_text  # the log was written
    assert "access copy written" in log_text and "backup written" in log_text
    assert [m for m in MARKERS if m in log_text] == []
    assert _scan(folder) == []  # nor the vault, its backups, settings or anything else under the data folder
