"""What the window used to write in the access log itself is now written by the service doing the work."""

from __future__ import annotations

import pytest

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _actions(session) -> list[tuple[str, int | None, str]]:
    return [(e.action, e.participant_id, e.detail) for e in reversed(session.audit.events())]


def test_opening_a_file_for_viewing_reads_it_and_logs_the_view(session):
    p = session.participants.save(make_participant())
    assert session.participants.open_for_viewing(p.id) == session.participants.get(p.id)
    assert _actions(session)[-1] == (AuditAction.PARTICIPANT_VIEWED, p.id, "")
    assert _actions(session)[-1][0] == "participant_viewed"  # the code stored, as the window wrote it


def test_a_file_gone_is_refused_and_nothing_logged(session):
    before = _actions(session)
    with pytest.raises(NotFoundError):
        session.participants.open_for_viewing(999)
    assert _actions(session) == before


def test_a_renewed_recovery_code_reopens_the_vault_and_logs_the_sheet(vault_dir):
    vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)[0].close()
    session, code = vault.renew_recovery_code(vault_dir, PASSWORD, lambda: TODAY)
    try:
        assert session.is_open and len(code.split("-")) == 14
        assert _actions(session)[-2:] == [
            (AuditAction.VAULT_OPENED, None, ""),
            (AuditAction.RECOVERY_SHEET, None, "nouveau code de secours"),
        ]
    finally:
        session.close()
    vault.unlock_with_recovery_code(vault_dir, code).close()


def test_the_sheet_is_refused_in_the_data_folder_and_nothing_logged(session, vault_dir):
    before = _actions(session)
    for out in (vault_dir / "feuille.pdf", vault_dir / "sauvegardes" / "feuille.pdf"):
        with pytest.raises(ValidationError) as refused:
            session.write_recovery_sheet(out, "ABCD-" * 13 + "ABCD")
        assert str(refused.value) == vault.SHEET_IN_DATA_FOLDER
        assert not out.exists()
    assert _actions(session) == before
    vault.require_sheet_outside(vault_dir.parent / "coffre-cle-usb" / "feuille.pdf", vault_dir)  # beside: fine
