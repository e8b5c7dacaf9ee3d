"""The participant file's field registry (domain/fields.py) and what derives from it."""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields
from pathlib import Path

import pytest

from ilot_desktop.domain import access_copy, fields
from ilot_desktop.domain.exchange import PARTICIPANTS, Kind
from ilot_desktop.domain.exchange_export import participant_row
from ilot_desktop.domain.fields import FIELDS, FieldKind, domain_value, stored_value
from ilot_desktop.domain.participant import Participant
from ilot_desktop.storage.tables import ParticipantRow
from tests.factories import make_participant

SRC = Path(__file__).resolve().parents[2] / "src" / "ilot_desktop"


def test_the_registry_names_every_attribute_of_the_file_and_every_column_of_the_table():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    assert set(names) == {f.name for f in dataclass_fields(Participant)} - {"id", "uid"}
    assert set(names) == {c.name for c in ParticipantRow.__table__.columns} - {"id", "uid", "created_at", "updated_at"}


def test_every_entry_is_complete_for_its_kind():
    for f in FIELDS:
        if f.kind in (FieldKind.CHOICE, FieldKind.CHOICES, FieldKind.STATUSES):
            assert f.choices is not None, f.name
        assert (f.keys is not None) == (f.kind is FieldKind.STATUSES), f.name
        if f.too_long:
            assert f.max_length is not None, f.name
        if f.exchange is not None:
            assert f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.DATE, FieldKind.CHOICE), f.name
    orders = sorted(f.exchange.order for f in FIELDS if f.exchange is not None)
    assert orders == list(range(1, len(orders) + 1))


def test_the_participants_sheet_is_the_registry_in_column_order():
    # the registry's columns in order, then « Identifiant » (the record's uid, not a field of the file)
    assert PARTICIPANTS.headers == [*(f.exchange.header for f in fields.exchange_fields()), "Identifiant"]
    for column in PARTICIPANTS.columns[:-1]:
        f = fields.BY_NAME[column.key]
        assert column.required == bool(f.required)
        assert column.choices is f.choices
        assert (column.kind is Kind.CHOICE) == (f.kind is FieldKind.CHOICE)
    person = make_participant(phone="", facility="")
    row = participant_row(person)
    assert row[PARTICIPANTS.headers.index("Sexe")] == "Homme"
    assert row[PARTICIPANTS.headers.index("Téléphone")] is None  # an empty optional text is a blank cell


def test_the_access_copy_shows_every_field_in_the_forms_sections_and_words():
    assert list(access_copy.FIELD_LABELS) == [f.name for f in FIELDS]
    assert [title for title, _items in access_copy.SECTIONS] == [title for title, _items in fields.sections()]
    assert access_copy.FIELD_LABELS["rights"] == "Droits"


def test_the_fiche_shows_every_field_but_the_end_reason_and_the_anonymisation_date():
    shown = [f.name for _title, items in fields.sections(in_form=True) for f in items]
    assert set(shown) == {f.name for f in FIELDS} - {"end_reason", "anonymised_on", "former_numbers"}


def test_stored_values_are_codes_and_come_back_whole():
    person = make_participant()
    for f in FIELDS:
        value = getattr(person, f.name)
        stored = stored_value(f, value)
        assert domain_value(f, stored) == value, f.name
    assert stored_value(fields.BY_NAME["sex"], person.sex) == "male"
    assert stored_value(fields.BY_NAME["resources"], person.resources) == ["none", "rsa"]
    assert stored_value(fields.BY_NAME["rights"], person.rights) == {"caf": "ok", "identity": "missing"}


@pytest.mark.parametrize("name", ["cpip_name", "skills", "consent_date", "justice_measure"])
def test_a_field_lives_in_three_places(name):
    """The registry, the dataclass and the table; nothing else in the application names it (the demo data
    generator and the migrations aside)."""
    word = re.compile(rf"\b{name}\b")
    places = sorted(
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and "demo" not in path.parts and word.search(path.read_text("utf-8"))
    )
    assert places == ["domain/fields.py", "domain/participant.py", "storage/tables.py"]
