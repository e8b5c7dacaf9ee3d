"""Issue 15, identity: identifiers are lower-case UUIDs, new for every record, and read back from a cell
whatever its case; a number names another person only when more than a spelling or a date differs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier, BarrierEvent
from ilot_desktop.domain.exchange_keys import another_person
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.identity import new_uid, normalised_uid
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import BarrierStatus
from tests.factories import make_participant


def test_every_record_is_born_with_its_own_lower_case_uuid():
    made = [
        Participant(),
        Appointment(),
        Barrier(),
        BarrierEvent(1, date(2026, 1, 1), BarrierStatus.IDENTIFIED),
        Task(),
        CollectiveAction(),
        Outcome(),
    ]
    uids = [record.uid for record in made] + [new_uid() for _ in range(100)]
    assert len(set(uids)) == len(uids)
    assert all(len(uid) == 36 and uid == uid.lower() and normalised_uid(uid) == uid for uid in uids)


def test_a_copy_keeps_the_identity_and_equality_is_about_content():
    person = Participant(last_name="Benali")
    same = replace(person, notes="vu")
    assert same.uid == person.uid
    assert Participant(last_name="Benali") == Participant(last_name="Benali")  # equal content, two records


def test_a_cell_is_read_as_an_identifier_whatever_its_case_and_spaces():
    uid = new_uid()
    assert normalised_uid(f"  {uid.upper()} ") == uid
    for text in ("", "DE-2025-001", uid[:-1], uid + "0", uid.replace("-", "")):
        assert normalised_uid(text) is None


def test_another_person_is_more_than_a_corrected_spelling_or_date():
    karim = make_participant(last_name="Benali", first_name="Karim", birth_date=date(1990, 3, 4))
    assert another_person(karim, replace(karim, last_name="Autrepersonne", first_name="Zoé"))  # same birth date
    assert another_person(karim, replace(karim, last_name="Autre", birth_date=date(1991, 1, 1)))
    assert not another_person(karim, replace(karim, last_name="Benalli"))  # a spelling fixed
    assert not another_person(karim, replace(karim, birth_date=date(1990, 4, 3)))  # a date fixed
    assert not another_person(karim, replace(karim, last_name="BENALI", first_name="karim"))
