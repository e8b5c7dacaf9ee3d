from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ilot_desktop.domain.vocabulary import Cadence
from ilot_desktop.errors import NotFoundError, ValidationError
from tests.factories import make_participant


def test_save_and_read_back_every_field(session):
    original = make_participant()
    saved = session.participants.save(original)
    assert saved.id is not None
    assert session.participants.get(saved.id) == replace(original, id=saved.id)


def test_update_keeps_one_row(session):
    saved = session.participants.save(make_participant())
    session.participants.save(replace(saved, notes="Nouvelle note", end_date=date(2026, 11, 20)))
    assert len(session.participants.summaries()) == 1
    assert session.participants.get(saved.id).notes == "Nouvelle note"
    assert session.participants.summaries()[0].end_date == date(2026, 11, 20)


def test_cadence_is_kept_and_can_be_cleared(session):
    saved = session.participants.save(make_participant(cadence=Cadence.MONTHLY))
    assert session.participants.get(saved.id).cadence is Cadence.MONTHLY
    session.participants.save(replace(saved, cadence=None))
    assert session.participants.get(saved.id).cadence is None


def test_text_is_trimmed_and_file_number_upper_case(session):
    saved = session.participants.save(make_participant(last_name="  Dupont ", file_number=" de-2026-009 "))
    assert saved.last_name == "Dupont"
    assert saved.file_number == "DE-2026-009"


def test_invalid_file_is_refused_with_field_messages(session):
    with pytest.raises(ValidationError) as caught:
        session.participants.save(make_participant(last_name="", birth_date=date(1900, 1, 1)))
    assert set(caught.value.errors) == {"last_name", "birth_date"}
    assert session.participants.summaries() == []


def test_file_number_is_unique(session):
    session.participants.save(make_participant())
    with pytest.raises(ValidationError) as caught:
        session.participants.save(make_participant(last_name="Autre", birth_date=date(1990, 1, 1)))
    assert "déjà utilisé" in caught.value.errors["file_number"]


def test_new_draft_proposes_next_number_and_caseworker(session, today):
    draft = session.participants.new_draft()
    assert draft.file_number == "DE-2026-001" and draft.entry_date == today and draft.caseworker == ""
    session.participants.save(make_participant(file_number="DE-2026-004", caseworker="Camille Vasseur"))
    draft = session.participants.new_draft()
    assert draft.file_number == "DE-2026-005"
    assert draft.caseworker == "Camille Vasseur"


def test_same_person_is_found_whatever_the_case_and_accents(session):
    saved = session.participants.save(make_participant(last_name="Lefèvre", first_name="Éric"))
    twin = make_participant(file_number="DE-2026-002", last_name="LEFEVRE", first_name="eric")
    assert session.participants.same_person(twin) == [saved.id]
    assert session.participants.same_person(saved) == []
    assert session.participants.same_person(replace(twin, birth_date=date(1990, 1, 1))) == []


def test_delete_and_missing(session):
    saved = session.participants.save(make_participant())
    session.participants.delete(saved.id)
    with pytest.raises(NotFoundError):
        session.participants.get(saved.id)
    with pytest.raises(NotFoundError):
        session.participants.delete(saved.id)


def test_demo_fills_a_living_year(session):
    from ilot_desktop.services.demo import fill_with_demo_data

    count = fill_with_demo_data(session)
    summaries = session.participants.summaries()
    assert count == len(summaries) >= 45
    assert len({s.file_number for s in summaries}) == count


def test_the_demonstration_is_rebuilt_on_another_day(tmp_path):
    from datetime import date

    from ilot_desktop.services.demo import BUILT_ON, open_or_create_demo

    folder = tmp_path / "demonstration"
    first = open_or_create_demo(folder, clock=lambda: date(2026, 11, 27))
    first.close()
    assert (folder / BUILT_ON).read_text(encoding="utf-8") == "2026-11-27"
    same_day = open_or_create_demo(folder, clock=lambda: date(2026, 11, 27))
    same_day.close()
    later = open_or_create_demo(folder, clock=lambda: date(2027, 1, 11))
    try:
        assert (folder / BUILT_ON).read_text(encoding="utf-8") == "2027-01-11"
        assert later.followup.overview().today or later.followup.overview().week  # a living week again
    finally:
        later.close()
