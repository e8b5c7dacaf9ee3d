"""The laptop code in a real encrypted file: stored inside it, carried by new numbers, never renumbering."""

from __future__ import annotations

import io
import sys
from dataclasses import replace

import pytest

from ilot_desktop.cli import main
from ilot_desktop.errors import ValidationError
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _new_person(session, last_name: str):
    draft = session.participants.new_draft()
    person = make_participant(file_number=draft.file_number, last_name=last_name, entry_date=TODAY)
    return session.participants.save(replace(person, consent_date=TODAY))


def test_a_vault_with_code_ab_numbers_de_2026_ab_001_then_002(vault_dir):
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        assert session.participants.set_laptop_code(" ab ") == "AB"
        assert _new_person(session, "Premier").file_number == "DE-2026-AB-001"
        assert _new_person(session, "Second").file_number == "DE-2026-AB-002"
    finally:
        session.close()
    session = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)  # kept inside the encrypted file
    try:
        assert session.participants.laptop_code() == "AB"
        assert session.participants.new_draft().file_number == "DE-2026-AB-003"
    finally:
        session.close()
    assert b"laptop_code" not in (vault_dir / "ilot.db").read_bytes()  # encrypted, not in clear


def test_a_vault_without_code_keeps_the_old_numbers_until_one_is_chosen(session):
    assert session.participants.laptop_code() == ""
    assert _new_person(session, "Ancien").file_number == "DE-2026-001"
    assert _new_person(session, "Ancienne").file_number == "DE-2026-002"
    session.participants.set_laptop_code("CD")
    assert _new_person(session, "Nouveau").file_number == "DE-2026-CD-001"
    numbers = sorted(s.file_number for s in session.participants.summaries())
    assert numbers == ["DE-2026-001", "DE-2026-002", "DE-2026-CD-001"]  # nothing renumbered


def test_changing_the_code_never_renumbers(session):
    session.participants.set_laptop_code("AB")
    first = _new_person(session, "Premier")
    session.participants.set_laptop_code("XYZ")
    assert session.participants.get(first.id).file_number == "DE-2026-AB-001"
    assert session.participants.new_draft().file_number == "DE-2026-XYZ-001"
    session.participants.set_laptop_code("AB")  # back: its own sequence goes on
    assert session.participants.new_draft().file_number == "DE-2026-AB-002"
    session.participants.set_laptop_code("")  # removed: the old style again
    assert session.participants.laptop_code() == ""
    assert session.participants.new_draft().file_number == "DE-2026-001"


def test_a_wrong_code_is_refused_in_french_and_nothing_changes(session):
    session.participants.set_laptop_code("AB")
    for wrong in ("A", "ABCDE", "É1", "A-B"):
        with pytest.raises(ValidationError) as refused:
            session.participants.set_laptop_code(wrong)
        assert "2 à 4 lettres majuscules, sans accent, par exemple vos initiales" in refused.value.errors["laptop_code"]
    assert session.participants.laptop_code() == "AB"


def test_coded_numbers_go_through_the_exchange_workbook(session, tmp_path):
    session.participants.set_laptop_code("AB")
    _new_person(session, "Premier")
    _new_person(session, "Second")
    out = tmp_path / "echange.xlsx"
    session.exchange.export_all(out)
    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        assert other.exchange.apply(out).counts["Participants"] == (2, 0)
        assert sorted(s.file_number for s in other.participants.summaries()) == ["DE-2026-AB-001", "DE-2026-AB-002"]
        again = other.exchange.apply(out)  # the coded numbers are the keys: nothing duplicated
        assert again.counts["Participants"] == (0, 0)
        assert other.participants.by_file_number(" de-2026-ab-002 ").last_name == "Second"
    finally:
        other.close()


def _run(argv, monkeypatch):
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return main(argv)


def test_cli_init_with_a_laptop_code(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert _run(["--data-dir", str(data), "init", "--laptop-code", "ab"], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Code de cet ordinateur\u00a0: AB (premier numéro de dossier\u00a0: DE-" in out
    assert "-AB-001)" in out
    session = vault.unlock(data, PASSWORD)
    try:
        assert session.participants.laptop_code() == "AB"
        assert "-AB-001" in session.participants.new_draft().file_number
    finally:
        session.close()


def test_cli_init_without_code_says_how_numbers_go_and_a_wrong_code_creates_nothing(tmp_path, monkeypatch, capsys):
    wrong = tmp_path / "refuse"
    assert _run(["--data-dir", str(wrong), "init", "--laptop-code", "A1"], monkeypatch) == 5
    err = capsys.readouterr().err
    assert "2 à 4 lettres majuscules, sans accent, par exemple vos initiales" in err
    assert "Rien n'a été créé" in err
    assert not (wrong / "ilot.db").exists()
    data = tmp_path / "donnees"
    assert _run(["--data-dir", str(data), "init"], monkeypatch) == 0
    assert "Sans code d'ordinateur" in capsys.readouterr().out
    session = vault.unlock(data, PASSWORD)
    try:
        assert session.participants.laptop_code() == ""
    finally:
        session.close()


def test_cli_action_plan_takes_a_coded_number(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert _run(["--data-dir", str(data), "init", "--laptop-code", "AB"], monkeypatch) == 0
    session = vault.unlock(data, PASSWORD)
    try:
        number = session.participants.save(
            make_participant(file_number=session.participants.new_draft().file_number, planned_release_date=None)
        ).file_number
    finally:
        session.close()
    capsys.readouterr()
    out = tmp_path / "plan.pdf"
    assert _run(["--data-dir", str(data), "action-plan", f" {number.lower()} ", "--out", str(out)], monkeypatch) == 0
    assert out.read_bytes().startswith(b"%PDF")
