"""One editor per field of the participant file, made from its entry in ``domain/fields.py``.

A field's kind decides its widget (a line, a text box, a date, a choice list, a check list, a status per
right) and how its value is read, shown, cleared, kept in a draft and put back. The Fiche holds no list of
fields of its own: a field added to the registry appears here with its label and accessible name.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ilot_desktop.domain.fields import Field, FieldKind
from ilot_desktop.domain.vocabulary import LabelledEnum
from ilot_desktop.ui.widgets import CheckList, ChoiceCombo, DateEdit

NOT_CHOSEN = "— Choisir —"
TEXT_HEIGHT = 64  # pixels of a several-line text; ``tall`` ones get TALL_TEXT_HEIGHT
TALL_TEXT_HEIGHT = 120


def make_editor(f: Field, parent: QWidget) -> QWidget:
    """The widget that edits ``f`` (not for the rights: see ``make_status_combos``)."""
    editor: QWidget
    if f.kind is FieldKind.LONG_TEXT:
        text = QPlainTextEdit(parent)
        text.setTabChangesFocus(True)
        text.setFixedHeight(TALL_TEXT_HEIGHT if f.tall else TEXT_HEIGHT)
        editor = text
    elif f.kind is FieldKind.TEXT:
        editor = QLineEdit(parent)
    elif f.kind is FieldKind.DATE:
        return DateEdit(f.label, parent)
    elif f.kind is FieldKind.CHOICE:
        assert f.choices is not None
        placeholder = f.placeholder or NOT_CHOSEN
        return ChoiceCombo(f.choices, f.label, placeholder=placeholder, parent=parent, default=f.default_choice)
    elif f.kind is FieldKind.CHOICES:
        assert f.choices is not None
        return CheckList(list(f.choices), f.label, columns=f.check_columns, parent=parent)
    else:
        raise KeyError(f.name)
    editor.setAccessibleName(f.label)
    return editor


def make_status_combos(f: Field, parent: QWidget) -> dict[LabelledEnum, ChoiceCombo]:
    """A status list per key (« Droits : CAF »); the placeholder's member is "not said", never offered."""
    assert f.keys is not None and f.choices is not None
    unknown = [m for m in f.choices if m.label == f.placeholder]
    return {
        key: ChoiceCombo(
            f.choices, f"{f.label}\u00a0: {key.label}", placeholder=f.placeholder, exclude=unknown, parent=parent
        )
        for key in f.keys
    }


def read_value(editor: QWidget) -> object:
    """The value an editor holds (a ``DateError`` from a date that cannot be read)."""
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    if isinstance(editor, DateEdit | ChoiceCombo | CheckList):
        return editor.value()
    raise TypeError(type(editor).__name__)


def show_value(editor: QWidget, value: object) -> None:
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(str(value or ""))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value or ""))
        editor.setCursorPosition(0)  # show the start of a long text, not its end
    elif isinstance(editor, DateEdit):
        editor.set_value(value if isinstance(value, date) else None)
    elif isinstance(editor, ChoiceCombo):
        editor.set_value(value if isinstance(value, LabelledEnum) else None)
    elif isinstance(editor, CheckList):
        editor.set_value(value if isinstance(value, set) else set())


def clear_value(editor: QWidget) -> None:
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText("")
    elif isinstance(editor, QLineEdit):
        editor.setText("")
    elif isinstance(editor, CheckList):
        editor.set_value(set())
    elif isinstance(editor, DateEdit | ChoiceCombo):
        editor.set_value(None)


def draft_value(editor: QWidget) -> object:
    """What is typed, as JSON: texts as typed (a date too, even unreadable), choices by their codes."""
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit | DateEdit):
        return editor.text()
    if isinstance(editor, CheckList):
        return sorted(member.value for member in editor.value())
    if isinstance(editor, ChoiceCombo):
        member = editor.value()
        return member.value if member is not None else None
    raise TypeError(type(editor).__name__)


def restore_value(editor: QWidget, value: object) -> None:
    """Put back what ``draft_value`` kept."""
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(str(value or ""))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value or ""))
    elif isinstance(editor, DateEdit):
        editor.edit.setText(str(value or ""))
    elif isinstance(editor, CheckList):
        codes = value if isinstance(value, list) else []
        editor.set_value({m for m in editor.boxes if m.value in codes})
    elif isinstance(editor, ChoiceCombo):
        editor.set_value(editor.enum(str(value)) if value else None)
