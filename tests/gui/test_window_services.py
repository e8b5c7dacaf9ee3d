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
