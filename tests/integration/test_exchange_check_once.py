"""The import reads the workbook once: ``check`` keeps what it read, ``apply`` writes it (checked again against
the vault inside the writing transaction); the reading reports its progress and stops when told to."""

from __future__ import annotations

from datetime import date

import pytest

from ilot_desktop.errors import ImportRejected
from ilot_desktop.services.exchange import PROGRESS_EVERY
from tests.exchange_workbooks import full_book, participant, write_book
from tests.factories import make_participant


class Stop(BaseException):
    """What the window's « Annuler » raises from the progress callback (ui.workers.WorkCancelled)."""


def people(count: int) -> list[dict]:
    return [participant(**{"N° dossier": f"DE-2026-{n:04d}", "Nom": f"Nom{n}"}) for n in range(1, count + 1)]


def test_apply_imports_what_check_read_without_reading_the_file_again(session, tmp_path):
    path = write_book(tmp_path / "equipe.xlsx", full_book())
    checked = session.exchange.check(path)
    assert checked.ok and checked.path == path
    path.unlink()  # gone since the check: what was checked is what is imported
    result = session.exchange.apply(checked)
    assert result.counts == checked.preview.counts
    assert [s.file_number for s in session.participants.summaries()] == ["DE-2026-001"]
    assert session.exchange.apply(checked).created == 0  # natural keys: a second import changes nothing


def test_apply_checks_the_kept_rows_against_the_vault_as_it_is_when_writing(session, tmp_path):
    checked = session.exchange.check(write_book(tmp_path / "equipe.xlsx", full_book()))
    assert checked.ok
    # meanwhile the number went to somebody else (another name, another birth date)
    session.participants.save(make_participant(last_name="Autre", first_name="Personne", birth_date=date(1970, 1, 1)))
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(checked)
    assert rejected.value.problems
    summaries = session.participants.summaries()
    assert len(summaries) == 1 and session.participants.get(summaries[0].id).first_name == "Personne"
    assert session.followup.timeline(summaries[0].id) == []  # nothing of the workbook was written


def test_the_reading_reports_rows_read_against_the_rows_declared(session, tmp_path):
    path = write_book(tmp_path / "equipe.xlsx", {"Participants": people(450)})
    calls: list[tuple[int, int]] = []
    checked = session.exchange.check(path, lambda done, total: calls.append((done, total)))
    assert checked.preview.counts["Participants"] == (450, 0)
    assert calls[0] == (0, 451)  # header and rows, as the sheet declares them, before reading
    assert [done for done, _total in calls[1:-1]] == [PROGRESS_EVERY * n for n in range(1, 5)]
    assert calls[-1] == (451, 451)


def test_a_progress_callback_that_raises_stops_the_reading_and_nothing_is_written(session, tmp_path):
    path = write_book(tmp_path / "equipe.xlsx", {"Participants": people(450)})
    calls: list[int] = []

    def stop_after_two(done: int, total: int) -> None:
        calls.append(done)
        if done >= 2 * PROGRESS_EVERY:
            raise Stop

    with pytest.raises(Stop):
        session.exchange.check(path, stop_after_two)
    assert calls[-1] == 2 * PROGRESS_EVERY  # no row read after it
    assert session.participants.summaries() == []
    assert session.exchange.check(path).ok  # the file was closed and reads again
