"""Team work at a programme's size: 1,000 files and 10,000 appointments refresh in about a second when nothing
changed, and a small delta after a full exchange stays small and quick (slow: make test-slow)."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from ilot_desktop.services.team_sync import Engine
from ilot_desktop.storage.statements import table_of
from ilot_desktop.storage.tables import AppointmentRow, ParticipantRow
from tests.integration.test_team_service import PHRASE, laptop

pytestmark = pytest.mark.slow
NOW = datetime(2026, 1, 5, 9, 0)


def fill(session, people: int = 1000, appointments: int = 10000) -> None:
    with session._database.unit_of_work() as uow:
        uow.session.execute(
            insert(table_of(ParticipantRow)),
            [
                dict(
                    uid=str(uuid.uuid4()),
                    file_number=f"DE-2026-AB-{i:04d}",
                    last_name=f"Nom{i}",
                    first_name="Prénom",
                    sex="male",
                    birth_date=date(1980, 1, 1),
                    referrer="spip",
                    justice_situation="detention",
                    housing_at_entry="detention",
                    entry_date=date(2026, 1, 2),
                    resources=[],
                    rights={},
                    work_constraints=[],
                    notes="Des notes d'entretien " * 20,
                    created_at=NOW,
                    updated_at=NOW,
                )
                for i in range(people)
            ],
        )
        uow.session.execute(
            insert(table_of(AppointmentRow)),
            [
                dict(
                    uid=str(uuid.uuid4()),
                    participant_id=1 + i % people,
                    start=NOW + timedelta(hours=i),
                    duration_min=60,
                    kind="individual",
                    place="Parloir",
                    status="done",
                    report="Compte rendu " * 15,
                    created_at=NOW,
                    updated_at=NOW,
                )
                for i in range(appointments)
            ],
        )
        uow.commit()


def refresh_seconds(session) -> tuple[int, float]:
    started = time.perf_counter()
    with session._database.unit_of_work() as uow:
        engine = Engine(uow, NOW)
        changes = engine.refresh()
        engine.flush()
        uow.commit()
    return changes, time.perf_counter() - started


def test_a_programme_sized_file_refreshes_in_about_a_second(tmp_path):
    a, b = laptop(tmp_path, "AB"), laptop(tmp_path, "CD")
    try:
        fill(a)
        assert refresh_seconds(a)[0] == 11000  # the first refresh: every record is new
        changes, seconds = refresh_seconds(a)
        print(f"\nrefresh with nothing changed: {seconds:.2f} s")
        assert changes == 0 and seconds < 3.0  # ~0.8 s measured; bound for a loaded 2-core machine
        full = tmp_path / "tout.ilotpkg"
        a.team.export_package(full, everything=True, passphrase=PHRASE)
        assert b.team.import_package(full, passphrase=PHRASE).new == 11000
        forward = b.team.export_package(tmp_path / "relais.ilotpkg")  # what came in is forwarded (ring of three)
        assert forward.records == 11000 and a.team.import_package(forward.path).unchanged == 11000
        person = b.participants.get(b.participants.summaries()[0].id)
        b.participants.save(replace(person, notes="Changé sur CD"))
        delta = tmp_path / "delta.ilotpkg"
        started = time.perf_counter()
        sent = b.team.export_package(delta)
        result = a.team.import_package(delta)
        seconds = time.perf_counter() - started
        print(f"one change out and in: {seconds:.2f} s, {delta.stat().st_size} bytes")
        assert sent.records == 1 and result.updated == 1 and delta.stat().st_size < 5000
        assert seconds < 8.0
    finally:
        a.close()
        b.close()
