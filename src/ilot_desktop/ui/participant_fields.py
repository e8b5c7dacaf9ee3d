"""The Fiche's fields: its sections of labelled editors, in one or two columns, and their values.

Everything comes from ``domain/fields.py`` (sections, labels, kinds, required fields); the editors are made
by ``participant_editors.py``. ``FicheFields`` says when something is typed (``edited``), when a field
with a message is changed (``corrected``) and when a date is changed or left (``date_changed``,
``date_left``); the form decides what follows.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ilot_desktop.domain.dates import DateError
from ilot_desktop.domain.fields import REQUIRED_FIELDS, Field, FieldKind, sections
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import LabelledEnum
from ilot_desktop.ui import participant_editors as editors_of
from ilot_desktop.ui.widgets import CheckList, ChoiceCombo, DateEdit, ErrorLabel

LEFT_SECTIONS = 3  # sections in the left column when there are two
TWO_COLUMNS_MIN_WIDTH = 950  # pixels: below this, one column even if two would just fit
AGE_FIELD = "birth_date"  # the age shows under it


def form_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """« Nom * : » with a non-breaking space before the colon, naming ``buddy`` (Alt+letter, screen readers)."""
    label = QLabel(text.replace(" :", "\u00a0:"), parent)
    label.setBuddy(buddy)
    return label


class FicheFields(QWidget):
    """Every field of the Fiche, by section; ``editors``, ``errors`` and ``field_labels`` by field name."""

    edited = Signal()
    corrected = Signal(str)
    date_changed = Signal(str)
    date_left = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.field_labels: dict[str, str] = {}
        self.status_field: Field | None = None
        self.right_combos: dict[LabelledEnum, ChoiceCombo] = {}
        self.age_label: QLabel | None = None  # under the birth date
        self.sections = [self._section(title, items) for title, items in sections(in_form=True)]
        self.columns = (QVBoxLayout(), QVBoxLayout())
        grid = self.grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        grid.addLayout(self.columns[0], 0, 0)
        grid.addLayout(self.columns[1], 0, 1)
        legend = QLabel("* champ obligatoire", self)
        legend.setStyleSheet("color: #555;")
        grid.addWidget(legend, 1, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._two_columns: bool | None = None
        self.arrange(two_columns=True)

    # --- building ---------------------------------------------------------------------------------

    def two_columns_width(self) -> int:
        """The width two columns of sections need: the widest section of each column side by side."""
        left = max(box.minimumSizeHint().width() for box in self.sections[:LEFT_SECTIONS])
        right = max((box.minimumSizeHint().width() for box in self.sections[LEFT_SECTIONS:]), default=0)
        margins = self.grid.contentsMargins()
        return max(TWO_COLUMNS_MIN_WIDTH, left + right + 14 + margins.left() + margins.right())

    def fit_to(self, width: int) -> None:
        """Two columns when ``width`` (the page's, in pixels) holds them, one otherwise; and back again when the
        window is made wider or narrower. The choice follows the width given, never the other way round."""
        self.arrange(two_columns=width >= self.two_columns_width())

    def arrange(self, two_columns: bool) -> None:
        """Two columns of sections when there is room (``fit_to``), one below (a small laptop)."""
        if two_columns == self._two_columns:
            return
        self._two_columns = two_columns
        for column in self.columns:
            while column.count():
                column.takeAt(0)
        for index, box in enumerate(self.sections):
            self.columns[1 if two_columns and index >= LEFT_SECTIONS else 0].addWidget(box)
        for column in self.columns:
            column.addStretch(1)
        self.grid.setColumnStretch(1, 1 if two_columns else 0)
        self.grid.setHorizontalSpacing(14 if two_columns else 0)

    def _section(self, title: str, items: tuple[Field, ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for f in items:
            if f.kind is FieldKind.STATUSES:
                self._statuses(f, box, form)
            else:
                self._field(f, box, form)
        return box

    def _statuses(self, f: Field, box: QGroupBox, form: QFormLayout) -> None:
        self.status_field = f
        for key, combo in editors_of.make_status_combos(f, box).items():
            combo.currentIndexChanged.connect(self.edited)
            self.right_combos[key] = combo
            form.addRow(form_label(f"{key.label} :", combo, box), combo)

    def _field(self, f: Field, box: QGroupBox, form: QFormLayout) -> None:
        name, label = f.name, f.label
        editor = editors_of.make_editor(f, box)
        self._connect(name, editor)
        self.editors[name] = editor
        self.field_labels[name] = label
        error = ErrorLabel(box)
        self.errors[name] = error
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, n=name: self.corrected.emit(n))
        elif isinstance(editor, ChoiceCombo):
            editor.activated.connect(lambda _index, n=name: self.corrected.emit(n))
        holder = QWidget(box)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(error)
        if name == AGE_FIELD:
            self.age_label = QLabel(holder)
            self.age_label.setStyleSheet("color: #555;")
            column.addWidget(self.age_label)
        required = name in REQUIRED_FIELDS
        if required:
            editor.setAccessibleName(f"{label} (obligatoire)")
        form.addRow(form_label(f"{label} * :" if required else f"{label} :", editor, box), holder)

    def _connect(self, name: str, editor: QWidget) -> None:
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self.edited)
        elif isinstance(editor, DateEdit):
            editor.changed.connect(self.edited)
            editor.changed.connect(lambda n=name: self.date_changed.emit(n))
            editor.edit.editingFinished.connect(lambda n=name: self.date_left.emit(n))
        elif isinstance(editor, ChoiceCombo):
            editor.currentIndexChanged.connect(self.edited)
        elif isinstance(editor, CheckList):
            editor.changed.connect(self.edited)
        else:  # several lines
            editor.textChanged.connect(self.edited)  # type: ignore[attr-defined]

    # --- values -----------------------------------------------------------------------------------

    def fill(self, participant: Participant) -> None:
        for name, editor in self.editors.items():
            editors_of.show_value(editor, getattr(participant, name))
        for right, combo in self.right_combos.items():
            combo.set_value(participant.rights.get(right))  # type: ignore[call-overload]

    def clear(self) -> None:
        for editor in self.editors.values():
            editors_of.clear_value(editor)
        for combo in self.right_combos.values():
            combo.set_value(None)

    def read(self, base: Participant) -> tuple[Participant, dict[str, str]]:
        """``base`` with what the fields hold, and the dates that could not be read."""
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for name, editor in self.editors.items():
            try:
                values[name] = editors_of.read_value(editor)
            except DateError as error:
                problems[name] = str(error)
                values[name] = None
        if self.status_field is not None:
            values[self.status_field.name] = {
                r: c.value() for r, c in self.right_combos.items() if c.value() is not None
            }
        return replace(base, **values), problems  # type: ignore[arg-type]

    def draft(self) -> tuple[dict[str, object], dict[str, str]]:
        """Everything typed (values by field, statuses by key code), as plain JSON values."""
        values = {name: editors_of.draft_value(editor) for name, editor in self.editors.items()}
        statuses = {key.value: status.value for key, combo in self.right_combos.items() if (status := combo.value())}
        return values, statuses

    def restore(self, values: dict[str, object], statuses: dict[str, str]) -> None:
        for name, value in values.items():
            editor = self.editors.get(name)
            if editor is not None:
                editors_of.restore_value(editor, value)
        for key, combo in self.right_combos.items():
            code = statuses.get(key.value)
            combo.set_value(combo.enum(code) if code else None)
