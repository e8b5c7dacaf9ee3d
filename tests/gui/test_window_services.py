"""The window asks the services and its pages: the access log written by the services, every page asked before
the window closes."""

from __future__ import annotations

import pytest

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def window(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant())
    session.close()
    w = make_window(folder)
    w.unlock(PASSWORD)
    w.person_id = person.id
    return w


def _codes(window) -> list[tuple[str, int | None, str]]:
    """The access log, oldest first (the window's session: tests may read it, the window never writes it)."""
    return [(e.action, e.participant_id, e.detail) for e in reversed(window.session.audit.events())]


def test_opening_a_file_logs_that_it_was_viewed(window):
    window.open_participant(window.person_id)
    assert window.ws.form.current.id == window.person_id
    assert _codes(window)[-1] == ("participant_viewed", window.person_id, "")
    window.open_participant(window.person_id)  # every time it is shown, as before
    viewed = [c for c in _codes(window) if c[0] == "participant_viewed"]
    assert viewed == [("participant_viewed", window.person_id, "")] * 2


def test_a_file_deleted_meanwhile_is_told_and_not_logged(window, answers):
    window.session.participants.delete(window.person_id)
    window.open_participant(window.person_id)
    assert answers.calls[-1][0] == "show_error"
    assert all(c[0] != "participant_viewed" for c in _codes(window))


def test_a_new_recovery_code_is_logged_after_the_reopening(window, answers):
    assert window.make_new_recovery_code(PASSWORD)
    assert _codes(window)[-2:] == [("vault_opened", None, ""), ("recovery_sheet", None, "nouveau code de secours")]


@pytest.mark.parametrize("page_name", ["week", "home", "timeline", "barriers", "bilan"])
def test_any_page_that_refuses_leaving_keeps_the_window_open(window, monkeypatch, page_name):
    """Not only the collective actions: every page of the workspace may say its typing is not settled."""
    page = getattr(window.ws, page_name)
    monkeypatch.setattr(page, "confirm_leave", lambda: False, raising=False)
    assert not window.close()
    assert window.session is not None and window.session.is_open
    monkeypatch.setattr(page, "confirm_leave", lambda: True, raising=False)
    assert window.close()


def test_the_window_and_the_console_refuse_the_data_folder_with_one_message(
    make_window, answers, tmp_path, monkeypatch, capsys
):
    """One rule (``vault.require_sheet_outside``) and one message for the recovery sheet's place."""
    from ilot_desktop.cli import main

    window = make_window()
    window.create_vault(PASSWORD)
    answers.queue(window.paths.data_dir / "sauvegardes" / ".." / "feuille.pdf")
    window.save_recovery_sheet()
    name, (error,) = answers.calls[-1]
    assert name == "show_error" and str(error) == vault.SHEET_IN_DATA_FOLDER
    assert not (window.paths.data_dir / "feuille.pdf").exists()
    assert "Feuille enregistrée" not in window.code_page.saved_label.text()

    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    other = tmp_path / "autres-donnees"
    other.mkdir()
    assert main(["--data-dir", str(other), "init", "--recovery-sheet", str(other / "feuille.pdf")]) == 5
    err = capsys.readouterr().err
    assert vault.SHEET_IN_DATA_FOLDER in err and "Rien n'a été créé." in err
    assert not (other / "ilot.db").exists() and not (other / "feuille.pdf").exists()


def test_a_disk_error_on_the_sheet_is_told_in_the_safe_writer_words(make_window, answers, tmp_path, monkeypatch):
    import ilot_desktop.reports.recovery_sheet as sheet_module

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sheet_module, "write_recovery_sheet", full)
    window = make_window()
    window.create_vault(PASSWORD)
    answers.queue(tmp_path / "feuille.pdf")
    window.save_recovery_sheet()
    name, (error,) = answers.calls[-1]
    assert name == "show_error" and str(error).startswith("Le disque est plein")


def test_locking_with_the_import_wizard_open_logs_no_view_and_keeps_no_rows(window):
    """The lock closes the wizard without its "after import" work: no file shown again (and logged « Dossier
    consulté ») at lock time; a wizard closed without importing keeps nothing it read."""
    window.open_participant(window.person_id)
    viewed = len([c for c in _codes(window) if c[0] == "participant_viewed"])
    window.open_import_wizard()
    wizard = window.import_wizard
    wizard.checked = object()  # stands for rows read and checked, not imported
    wizard.done(0)  # closed by the person, nothing imported
    assert wizard.checked is None
    assert len([c for c in _codes(window) if c[0] == "participant_viewed"]) == viewed  # nothing redrawn
    window.open_import_wizard()
    session = window.session
    window.lock()
    assert window.session is None
    from ilot_desktop.services import vault as vault_service

    reopened = vault_service.unlock(session._database.paths.folder, PASSWORD, clock=lambda: TODAY, audit=False)
    try:
        codes = [e.action for e in reopened.audit.events()]
    finally:
        reopened.close()
    assert codes.count("participant_viewed") == viewed
