"""Every document written from the vault goes through a service that also writes the access-log line."""

from __future__ import annotations

from datetime import date, datetime

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.services import vault
from ilot_desktop.services.clock import SessionClock
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _actions(session) -> list[tuple[str, int | None, str]]:
    return [(e.action, e.participant_id, e.detail) for e in reversed(session.audit.events())]


def test_the_written_plan_is_logged_with_its_file(session, tmp_path):
    p = session.participants.save(make_participant())
    session.plan.save(Task(p.id, "Préparer un CV"))
    out = tmp_path / "plan.pdf"
    document = session.plan.write_document(out, p.id)
    assert out.read_bytes().startswith(b"%PDF") and document.person_first_name == p.first_name
    assert _actions(session)[-1] == (AuditAction.ACTION_PLAN_PRINTED, p.id, "")
    session.plan.write_document(tmp_path / "plan-2.pdf", p.id, document, detail="PDF")
    assert _actions(session)[-1] == (AuditAction.ACTION_PLAN_PRINTED, p.id, "PDF")


def test_the_printed_plan_is_logged_and_rendering_alone_is_not(session):
    p = session.participants.save(make_participant())
    before = len(session.audit.events())
    data = session.plan.render_document(session.plan.document(p.id))
    assert data.startswith(b"%PDF") and len(session.audit.events()) == before  # the preview: nothing kept
    session.plan.record_printed(p.id)
    assert _actions(session)[-1] == (AuditAction.ACTION_PLAN_PRINTED, p.id, "")


def test_the_recovery_sheet_is_logged(tmp_path):
    session, code = vault.create(tmp_path / "coffre", PASSWORD, clock=lambda: TODAY)
    try:
        out = tmp_path / "cle" / "feuille.pdf"
        out.parent.mkdir()
        session.write_recovery_sheet(out, code)
        assert out.read_bytes().startswith(b"%PDF")
        assert _actions(session)[-1] == (AuditAction.RECOVERY_SHEET_SAVED, None, "")
        assert session.audit.events()[0].label == "Feuille de secours enregistrée (PDF)"
    finally:
        session.close()


def test_the_week_sheet_is_logged(session, tmp_path):
    session.followup.write_week_sheet(tmp_path / "semaine.pdf", date(2026, 11, 23))
    assert _actions(session)[-1] == (AuditAction.WEEK_PRINTED, None, "semaine du 23/11/2026")


def test_a_fixed_clock_stamps_rows_and_the_access_log(tmp_path):
    """The services read one injected clock: today and now are those of the test, never the wall clock's."""
    moment = datetime(2031, 3, 4, 10, 30, 15, 123456)
    clock = SessionClock(lambda: moment.date(), lambda: moment)
    session, _code = vault.create(tmp_path / "coffre", PASSWORD, clock=clock)
    try:
        assert session.clock() == moment.date() and session.clock.now() == moment
        draft = session.participants.new_draft()
        assert draft.entry_date == date(2031, 3, 4) and draft.file_number.endswith("2031-001")
        p = session.participants.save(
            make_participant(entry_date=date(2031, 3, 1), consent_date=date(2031, 3, 1), planned_release_date=None)
        )
        task = session.plan.save(Task(p.id, "Préparer un CV"))
        assert task.created_on == date(2031, 3, 4)
        assert {e.at for e in session.audit.events()} == {moment.replace(microsecond=0)}
        from sqlalchemy import select

        from ilot_desktop.storage.tables import ParticipantRow, TaskRow

        with session._database.unit_of_work() as uow:
            stamps = set(uow.session.execute(select(ParticipantRow.created_at, ParticipantRow.updated_at)).one())
            stamps |= set(uow.session.execute(select(TaskRow.created_at)).scalars())
        assert {s.replace(microsecond=0) for s in stamps} == {moment.replace(microsecond=0)}
        folder = session.backups.write()
        assert folder.name.startswith("2031-03-04")
    finally:
        session.close()
