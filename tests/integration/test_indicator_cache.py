"""A year's facts are kept until the next write: a repeat read queries nothing, a write makes the figures fresh."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import OutcomeType
from ilot_desktop.services import indicators
from ilot_desktop.services.vault import VaultSession
from tests.conftest import TODAY
from tests.factories import make_participant


@contextmanager
def statements(session: VaultSession) -> Iterator[list[str]]:
    """The SQL statements run on the vault's engine inside the block."""
    engine = session._database.engine
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_a_repeat_read_does_not_query_again(session) -> None:
    session.participants.save(make_participant(file_number="DE-2026-001", entry_date=date(2026, 1, 5)))
    first = session.indicators.compute(2026, TODAY)
    with statements(session) as seen:
        again = session.indicators.compute(2026, TODAY)
        session.indicators.explain(2026, TODAY, "file_active")
        session.funder._indicators.facts(2026, TODAY)  # the funder file shares what the Bilan read
    assert seen == []
    assert again is first and again.file_active == 1  # computed once


def test_any_write_makes_the_next_figures_fresh(session) -> None:
    p1 = session.participants.save(make_participant(file_number="DE-2026-001", entry_date=date(2026, 1, 5)))
    assert session.indicators.compute(2026, TODAY).file_active == 1
    session.participants.save(make_participant(file_number="DE-2026-002", entry_date=date(2026, 3, 2)))
    figures = session.indicators.compute(2026, TODAY)
    assert figures.file_active == 2 and figures.access == 0
    session.outcomes.save(Outcome(p1.id, date(2026, 6, 1), OutcomeType.CDI))
    figures = session.indicators.compute(2026, TODAY)
    assert figures.access == 1
    assert session.indicators.explain(2026, TODAY, "access") == ["DE-2026-001 · CDI le 01/06/2026"]
    with statements(session) as seen:
        session.indicators.compute(2026, TODAY)
    assert seen == []  # kept again until the next write


def test_a_commit_moves_the_write_count_and_a_read_does_not(session) -> None:
    database = session._database
    before = database.writes
    session.indicators.compute(2026, TODAY)
    session.participants.summaries()
    assert database.writes == before
    session.participants.save(make_participant(file_number="DE-2026-001"))
    assert database.writes > before


def test_a_few_years_are_kept_and_forgotten_at_lock(session) -> None:
    session.participants.save(make_participant(file_number="DE-2020-001", entry_date=date(2020, 1, 6)))
    years = list(range(2020, 2021 + indicators.KEPT_YEARS))
    for year in years:
        session.indicators.compute(year)
    with statements(session) as seen:
        for year in years[-indicators.KEPT_YEARS :]:
            session.indicators.compute(year)
    assert seen == []
    with statements(session) as seen:
        session.indicators.compute(years[0])  # the oldest asked for was let go
    assert seen
    store = indicators._store_of(session._database)
    assert store._kept
    session.close()
    assert not store._kept


def test_viewing_a_file_or_writing_a_document_keeps_the_figures(session) -> None:
    """Only the access log is written when a file is viewed (each switch) or a document written: the kept year
    stays, so the Bilan after a few switches computes nothing (it did, each time, when every commit counted)."""
    from ilot_desktop.domain.audit import AuditAction

    person = session.participants.save(make_participant(file_number="DE-2026-001", entry_date=date(2026, 1, 5)))
    first = session.indicators.compute(2026, TODAY)
    writes = session._database.writes
    session.participants.open_for_viewing(person.id)
    session.audit.record(AuditAction.EXPORT_FULL, detail="1 dossier")
    assert session._database.writes == writes
    with statements(session) as seen:
        assert session.indicators.compute(2026, TODAY) is first
    assert seen == []
    assert [e.action for e in session.audit.events()][:2] == ["export_full", "participant_viewed"]
