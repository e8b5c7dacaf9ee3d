"""Add a fictional field to the participant file the way docs/architecture.md says, then check every place.

Run in a fresh interpreter (``python -m tests.added_field <folder>``) by ``test_add_a_field.py``: the three
places of "How to add a field" are done here before anything else is imported, as an edit of the sources
would do them: the registry entry (``domain/fields.py``), the ``Participant`` attribute and the table
column (``storage/tables.py``; its migration is the test-built schema, ``create_all``). Nothing else is
touched: the Fiche, the exchange workbook (export, reading, import plan), the access copy (PDF and workbook)
and storage must all carry the new field. Prints ``ok`` when every check passes.
"""

from __future__ import annotations

import dataclasses
import io
import sys
from datetime import date, datetime
from pathlib import Path

# --- the places of "How to add a field" -----------------------------------------------------------------
from ilot_desktop.domain import fields
from ilot_desktop.domain.vocabulary import LabelledEnum

NAME, LABEL, HEADER = "mutual_insurer", "Mutuelle", "Mutuelle (organisme)"
VALUE = "Mutuelle des Îles — contrat n° 42"
NEW = fields.Field(
    NAME, LABEL, fields.FieldKind.TEXT, fields.RIGHTS, max_length=100, exchange=fields.ExchangeColumn(HEADER, 14, 24)
)


class Transport(LabelledEnum):  # a new list of choices: its labels, as vocabulary.py holds them
    CAR = ("car", "Voiture")
    TRANSIT = ("transit", "Transports en commun")


CHOICE, CHOICE_LABEL, CHOICE_HEADER = "transport", "Moyen de transport", "Moyen de transport"
NEW_CHOICE = fields.Field(
    CHOICE,
    CHOICE_LABEL,
    fields.FieldKind.CHOICE,
    fields.PROJECT,
    Transport,
    exchange=fields.ExchangeColumn(CHOICE_HEADER, 15),
)
# 1. the registry entries (a text after the rights, in "Accès aux droits"; a choice closing "Projet professionnel")
at = next(i for i, f in enumerate(fields.FIELDS) if f.name == "rights") + 1
fields.FIELDS = (*fields.FIELDS[:at], NEW, *fields.FIELDS[at:])
at = next(i for i, f in enumerate(fields.FIELDS) if f.name == "skills") + 1
fields.FIELDS = (*fields.FIELDS[:at], NEW_CHOICE, *fields.FIELDS[at:])
fields.BY_NAME.update({NAME: NEW, CHOICE: NEW_CHOICE})

# 2. the attribute of Participant
from ilot_desktop.domain import participant as participant_module  # noqa: E402


@dataclasses.dataclass
class Participant(participant_module.Participant):
    mutual_insurer: str = ""
    transport: Transport | None = None


participant_module.Participant = Participant  # type: ignore[misc]

# 3. the table column (and its migration: the schema below is built from the tables)
from sqlalchemy import String, create_engine, text  # noqa: E402
from sqlalchemy.orm import Session, mapped_column  # noqa: E402

from ilot_desktop.storage import tables  # noqa: E402

tables.ParticipantRow.mutual_insurer = mapped_column(String(100), default="")  # type: ignore[attr-defined]
tables.ParticipantRow.transport = mapped_column(String(40), nullable=True)  # type: ignore[attr-defined]

# --- nothing else is changed: every place below must now carry the field -----------------------------------
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QLineEdit, QWidget  # noqa: E402

from ilot_desktop.domain.access_copy import AccessCopy, participant_fields  # noqa: E402
from ilot_desktop.domain.exchange import PARTICIPANTS  # noqa: E402
from ilot_desktop.domain.exchange_export import VaultSnapshot, export_rows  # noqa: E402
from ilot_desktop.domain.exchange_plan import plan_import  # noqa: E402
from ilot_desktop.reports.access_copy import render_access_copy  # noqa: E402
from ilot_desktop.reports.access_copy_workbook import render_access_copy_workbook  # noqa: E402
from ilot_desktop.reports.workbook import render_exchange_workbook  # noqa: E402
from ilot_desktop.services.exchange import parse_file  # noqa: E402
from ilot_desktop.storage.repositories import ParticipantRepository  # noqa: E402
from ilot_desktop.ui.widgets import ChoiceCombo  # noqa: E402
from tests.factories import make_participant  # noqa: E402

TODAY = date(2026, 11, 27)


def labelled(form: QWidget, editor: QWidget, label: str, section: str) -> None:
    """``editor`` is named ``label`` for screen readers, has its « label : » beside it, in ``section``."""
    assert editor.accessibleName() == label, editor.accessibleName()
    labels = [w.text() for w in form.findChildren(QLabel) if w.buddy() is editor]
    assert labels == [f"{label}\u00a0:"], labels
    box = next(b for b in form.findChildren(QGroupBox) if b.isAncestorOf(editor))
    assert box.title() == section, box.title()


def check_form() -> None:
    from ilot_desktop.ui.participant_form import ParticipantForm

    form = ParticipantForm(lambda: TODAY)
    editor, combo = form.editors[NAME], form.editors[CHOICE]
    assert isinstance(editor, QLineEdit) and isinstance(combo, ChoiceCombo), (type(editor), type(combo))
    labelled(form, editor, LABEL, fields.RIGHTS)
    labelled(form, combo, CHOICE_LABEL, fields.PROJECT)
    assert [combo.itemText(i) for i in range(combo.count())] == ["— Choisir —", "Voiture", "Transports en commun"]
    form.show_participant(make_participant(id=3, mutual_insurer=VALUE, transport=Transport.CAR))
    assert editor.text() == VALUE and combo.value() is Transport.CAR
    editor.setText("Autre mutuelle")
    combo.set_value(Transport.TRANSIT)
    read, problems = form.read()
    assert not problems and (read.mutual_insurer, read.transport) == ("Autre mutuelle", Transport.TRANSIT), read
    draft = form.snapshot()
    form.show_participant(make_participant(id=3))
    assert editor.text() == "" and combo.value() is None
    form.restore(draft)
    assert editor.text() == "Autre mutuelle" and combo.value() is Transport.TRANSIT


def check_exchange(folder: Path) -> None:
    assert PARTICIPANTS.headers[-3:] == [HEADER, CHOICE_HEADER, "Identifiant"], PARTICIPANTS.headers  # uid last
    person = make_participant(mutual_insurer=VALUE, transport=Transport.TRANSIT)
    rows = export_rows(VaultSnapshot(participants=[person]))
    assert rows[PARTICIPANTS.name][0][-3:-1] == (VALUE, "Transports en commun")
    out = folder / "echange.xlsx"
    out.write_bytes(render_exchange_workbook(rows))
    parsed = parse_file(out)
    assert not parsed.problems, parsed.problems
    plan = plan_import(parsed, VaultSnapshot(), TODAY)
    assert [(p.mutual_insurer, p.transport) for p in plan.new_participants] == [(VALUE, Transport.TRANSIT)]
    wrong = {**dict(zip(PARTICIPANTS.headers, rows[PARTICIPANTS.name][0], strict=True)), HEADER: "x" * 101}
    wrong[CHOICE_HEADER] = "Vélo"
    out.write_bytes(render_exchange_workbook({PARTICIPANTS.name: [tuple(wrong.values())]}))
    problems = [str(p) for p in parse_file(out).problems]
    place = "Participants, ligne 2, colonne «\u00a0{}\u00a0»\u00a0: "
    assert problems == [
        place.format(HEADER) + "Le texte ne doit pas dépasser 100 caractères.",
        place.format(CHOICE_HEADER)
        + "«\u00a0Vélo\u00a0» n'est pas une valeur autorisée (Voiture, Transports en commun).",
    ], problems


def check_access_copy() -> None:
    copy = AccessCopy(make_participant(mutual_insurer=VALUE, transport=Transport.CAR), TODAY)
    assert (fields.RIGHTS, LABEL, VALUE) in participant_fields(copy.participant)
    assert (fields.PROJECT, CHOICE_LABEL, "Voiture") in participant_fields(copy.participant)
    import openpyxl
    import pypdf

    book = openpyxl.load_workbook(io.BytesIO(render_access_copy_workbook(copy)))
    assert [fields.RIGHTS, LABEL, VALUE] in [list(r) for r in book["Dossier"].iter_rows(values_only=True)]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render_access_copy(copy))).pages)
    assert LABEL in text and "contrat n° 42" in text and CHOICE_LABEL in text and "Voiture" in text, text[:400]


def check_storage() -> None:
    engine = create_engine("sqlite://")
    tables.Base.metadata.create_all(engine)
    with Session(engine) as session:
        repo = ParticipantRepository(session)
        new_id = repo.add(make_participant(mutual_insurer=VALUE, transport=Transport.CAR), datetime(2026, 11, 27, 9))
        session.commit()
        codes = session.execute(text("SELECT mutual_insurer, transport FROM participants")).one()
        assert tuple(codes) == (VALUE, "car"), codes  # a choice is stored by its code
    with Session(engine) as session:
        stored = ParticipantRepository(session).get(new_id)
        assert stored is not None and (stored.mutual_insurer, stored.transport) == (VALUE, Transport.CAR), stored
        assert stored.transport is Transport.CAR


def main() -> None:
    app = QApplication.instance() or QApplication(["added-field"])
    folder = Path(sys.argv[1])
    check_form()
    check_exchange(folder)
    check_access_copy()
    check_storage()
    del app
    print("ok")


if __name__ == "__main__":
    main()
