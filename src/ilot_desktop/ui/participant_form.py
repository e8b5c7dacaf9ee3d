"""The "Dossier" tab: the participant's complete file, validated in French beside each field."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import DateError, age_on
from ilot_desktop.domain.participant import REQUIRED_FIELDS, Participant, phase_text, validate
from ilot_desktop.domain.vocabulary import (
    Cadence,
    EducationLevel,
    Housing,
    JusticeMeasure,
    JusticeSituation,
    Phase,
    Referrer,
    Resource,
    Right,
    RightStatus,
    Sex,
    WorkConstraint,
)
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import CheckList, ChoiceCombo, DateEdit, ErrorLabel

log = logging.getLogger(__name__)

_TEXT_FIELDS = {
    # name: (label, multi-line)
    "file_number": ("N° de dossier", False),
    "last_name": ("Nom", False),
    "first_name": ("Prénom", False),
    "phone": ("Téléphone", False),
    "email": ("E-mail", False),
    "address": ("Adresse ou hébergement", True),
    "facility": ("Établissement", False),
    "cpip_name": ("CPIP (SPIP)", False),
    "cpip_contact": ("Contact CPIP", False),
    "justice_constraints": ("Obligations", True),
    "caseworker": ("Chargée de mission", False),
    "professional_project": ("Métiers visés", True),
    "skills": ("Compétences", True),
    "work_constraints_notes": ("Précisions", True),
    "notes": ("Notes", True),
}
_DATE_FIELDS = {
    "birth_date": "Date de naissance",
    "planned_release_date": "Libération prévue",
    "entry_date": "Date d'entrée",
    "end_date": "Fin d'accompagnement",
    "consent_date": "Consentement (date)",
}
_CHOICE_FIELDS = {
    "sex": (Sex, "Sexe"),
    "referrer": (Referrer, "Orienteur"),
    "justice_situation": (JusticeSituation, "Situation à l'entrée"),
    "housing_at_entry": (Housing, "Hébergement à l'entrée"),
    "justice_measure": (JusticeMeasure, "Mesure"),
    "education_level": (EducationLevel, "Niveau"),
    "cadence": (Cadence, "Rythme de suivi"),
}
_PLACEHOLDERS = {"cadence": "Hebdomadaire (par défaut)"}
REQUIRED = set(REQUIRED_FIELDS)
SECTIONS = (
    (
        "Identité",
        ("file_number", "last_name", "first_name", "sex", "birth_date", "phone", "email", "address"),
    ),
    ("Accompagnement", ("entry_date", "end_date", "referrer", "caseworker", "cadence", "consent_date")),
    (
        "Situation judiciaire",
        (
            "justice_situation",
            "facility",
            "planned_release_date",
            "justice_measure",
            "justice_constraints",
            "cpip_name",
            "cpip_contact",
        ),
    ),
    ("Hébergement et ressources", ("housing_at_entry", "resources")),
    ("Accès aux droits", ("rights",)),
    ("Projet professionnel", ("education_level", "professional_project", "skills")),
    ("Contraintes pour l'orientation", ("work_constraints", "work_constraints_notes")),
    ("Notes", ("notes",)),
)
LEFT_SECTIONS = 3
TWO_COLUMNS_MIN_WIDTH = 950


class ParticipantForm(QWidget):
    """Shows one participant; ``saved(Participant)`` after each successful save."""

    saved = Signal(object)
    dirty_changed = Signal(bool)
    open_existing_requested = Signal(int)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._service = None
        self._current: Participant | None = None
        self._loading = False
        self._dirty = False
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.right_combos: dict[Right, ChoiceCombo] = {}
        self.field_labels: dict[str, str] = {}

        self.stack = QStackedWidget(self)
        self.empty = QLabel("Choisissez un dossier dans la liste,\nou créez-en un nouveau (Ctrl+N).", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 15px;")
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_form())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- building ---------------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        self.title = QLabel(page)
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.title.setAccessibleName("Participant affiché")
        self.phase_label = QLabel(page)
        self.phase_label.setAccessibleName("Phase Dedans ou Dehors")
        self.state_label = QLabel(page)
        self.state_label.setAccessibleName("État de l'enregistrement")
        self.save_button = QPushButton("Enregistrer", page)
        self.save_button.setToolTip("Enregistrer le dossier (Ctrl+S)")
        self.save_button.setAccessibleName("Enregistrer le dossier")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Annuler les modifications", page)
        self.revert_button.setAccessibleName("Annuler les modifications")
        self.revert_button.clicked.connect(self.revert)
        self.error_summary = ErrorLabel(page)
        self.error_summary.setAccessibleName("Erreurs de saisie")

        header = QGridLayout()
        header.addWidget(self.title, 0, 0)
        phase_row = QHBoxLayout()
        phase_row.addWidget(self.phase_label)
        phase_row.addStretch(1)
        header.addLayout(phase_row, 1, 0)
        header.addWidget(self.state_label, 0, 1, Qt.AlignmentFlag.AlignRight)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        header.addLayout(buttons, 1, 1, Qt.AlignmentFlag.AlignRight)
        header.setColumnStretch(0, 1)

        body = QWidget()
        self.sections = [self._section(title, names, body) for title, names in SECTIONS]
        self.columns = (QVBoxLayout(), QVBoxLayout())
        grid = self.grid = QGridLayout(body)
        grid.setHorizontalSpacing(14)
        grid.addLayout(self.columns[0], 0, 0)
        grid.addLayout(self.columns[1], 0, 1)
        legend = QLabel("* champ obligatoire", body)
        legend.setStyleSheet("color: #555;")
        grid.addWidget(legend, 1, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._two_columns: bool | None = None
        self._arrange(two_columns=True)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().installEventFilter(self)
        self.scroll = scroll

        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addWidget(self.error_summary)
        layout.addWidget(scroll, 1)
        return page

    def _arrange(self, two_columns: bool) -> None:
        """Two columns of sections when there is room, one below ~950 px (a small laptop)."""
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

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._arrange(two_columns=event.size().width() >= TWO_COLUMNS_MIN_WIDTH)
        return super().eventFilter(watched, event)

    def _section(self, title: str, names: tuple[str, ...], parent: QWidget) -> QGroupBox:
        box = QGroupBox(title, parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in names:
            if name == "rights":
                for right in Right:
                    combo = ChoiceCombo(
                        RightStatus,
                        f"Droits : {right.label}",
                        placeholder=RightStatus.UNKNOWN.label,
                        exclude=[RightStatus.UNKNOWN],
                        parent=box,
                    )
                    combo.currentIndexChanged.connect(self._mark_dirty)
                    self.right_combos[right] = combo
                    form.addRow(self._label(f"{right.label} :", combo, box), combo)
                continue
            editor, label = self._editor(name, box)
            self.editors[name] = editor
            self.field_labels[name] = label
            error = ErrorLabel(box)
            self.errors[name] = error
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(lambda _text, n=name: self._field_corrected(n))
            elif isinstance(editor, ChoiceCombo):
                editor.activated.connect(lambda _index, n=name: self._field_corrected(n))
            holder = QWidget(box)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            if name == "birth_date":
                self.age_label = QLabel(holder)
                self.age_label.setStyleSheet("color: #555;")
                column.addWidget(self.age_label)
            if name in REQUIRED:
                editor.setAccessibleName(f"{label} (obligatoire)")
            text = f"{label} * :" if name in REQUIRED else f"{label} :"
            form.addRow(self._label(text, editor, box), holder)
        return box

    @staticmethod
    def _label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text.replace(" :", "\u00a0:"), parent)
        label.setBuddy(buddy)
        return label

    def _editor(self, name: str, parent: QWidget) -> tuple[QWidget, str]:
        if name in _TEXT_FIELDS:
            label, multiline = _TEXT_FIELDS[name]
            if multiline:
                editor = QPlainTextEdit(parent)
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(64 if name != "notes" else 120)
                editor.textChanged.connect(self._mark_dirty)
            else:
                editor = QLineEdit(parent)
                editor.textEdited.connect(self._mark_dirty)
            editor.setAccessibleName(label)
            return editor, label
        if name in _DATE_FIELDS:
            label = _DATE_FIELDS[name]
            editor = DateEdit(label, parent)
            editor.changed.connect(self._mark_dirty)
            editor.changed.connect(lambda n=name: self._check_date(n, only_clear=True))
            editor.edit.editingFinished.connect(lambda n=name: self._check_date(n))
            return editor, label
        if name in _CHOICE_FIELDS:
            enum, label = _CHOICE_FIELDS[name]
            editor = ChoiceCombo(enum, label, placeholder=_PLACEHOLDERS.get(name, "— Choisir —"), parent=parent)
            editor.currentIndexChanged.connect(self._mark_dirty)
            return editor, label
        if name == "resources":
            editor = CheckList(list(Resource), "Ressources", parent=parent)
            editor.changed.connect(self._mark_dirty)
            return editor, "Ressources"
        if name == "work_constraints":
            editor = CheckList(list(WorkConstraint), "Contraintes", columns=1, parent=parent)
            editor.changed.connect(self._mark_dirty)
            return editor, "Contraintes"
        raise KeyError(name)

    # --- state ------------------------------------------------------------------------------------

    def set_service(self, service) -> None:
        self._service = service

    @property
    def current(self) -> Participant | None:
        return self._current

    def is_dirty(self) -> bool:
        return self._dirty

    def who(self) -> str:
        """How the unsaved-edits question names this file."""
        if self._current is None or self._current.id is None:
            return "Le nouveau dossier"
        return f"Le dossier « {self._current.display_name} »"

    def show_participant(self, participant: Participant | None) -> None:
        """Load a file into the form (None shows the empty state). Discards unsaved edits."""
        self._current = participant
        self._clear_errors()
        if participant is None:
            self.stack.setCurrentIndex(0)
            self._set_dirty(False)
            return
        self._loading = True
        try:
            for name, editor in self.editors.items():
                value = getattr(participant, name)
                if isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(value)
                elif isinstance(editor, QLineEdit):
                    editor.setText(value)
                    editor.setCursorPosition(0)  # show the start of a long text, not its end
                else:
                    editor.set_value(value)
            for right, combo in self.right_combos.items():
                combo.set_value(participant.rights.get(right))
        finally:
            self._loading = False
        self.stack.setCurrentIndex(1)
        self._set_dirty(False)  # a blank new file is not an edit: leaving it asks nothing
        self._refresh_header()
        if participant.id is None:
            self.state_label.setText("Nouveau dossier : pas encore enregistré")
            self.state_label.setStyleSheet("color: #8a5a00;")
            self.editors["last_name"].setFocus()
        else:
            self.state_label.setText("")

    def clear(self) -> None:
        """Drop everything shown (used by locking)."""
        self.show_participant(None)
        self._loading = True
        for editor in self.editors.values():
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText("")
            elif isinstance(editor, QLineEdit):
                editor.setText("")
            else:
                editor.set_value(set() if isinstance(editor, CheckList) else None)
        for combo in self.right_combos.values():
            combo.set_value(None)
        self._loading = False
        for label in (self.title, self.phase_label, self.age_label, self.state_label):
            label.clear()
        self._set_dirty(False)

    def read(self) -> tuple[Participant, dict[str, str]]:
        """What the form holds, and the dates that could not be read."""
        values: dict = {}
        problems: dict[str, str] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                values[name] = editor.toPlainText()
            elif isinstance(editor, QLineEdit):
                values[name] = editor.text()
            elif isinstance(editor, DateEdit):
                try:
                    values[name] = editor.value()
                except DateError as error:
                    problems[name] = str(error)
                    values[name] = None
            else:
                values[name] = editor.value()
        values["rights"] = {r: c.value() for r, c in self.right_combos.items() if c.value() is not None}
        base = self._current or Participant()
        return replace(base, **values), problems

    # --- drafts (lock) -----------------------------------------------------------------------------

    def unsaved_draft(self) -> dict | None:
        """What is typed, for the lock to keep encrypted; None when nothing is unsaved."""
        if not self._dirty or self._current is None:
            return None
        if self._current.id is None:
            label = "Nouveau dossier (pas encore enregistré)"
        else:
            label = f"Fiche du dossier {self._current.file_number}"
        return {"kind": "participant", "label": label, "snapshot": self.snapshot()}

    def snapshot(self) -> str:
        """Everything typed, as JSON (kept encrypted in the vault when the laptop locks itself)."""
        values: dict = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                values[name] = editor.toPlainText()
            elif isinstance(editor, QLineEdit | DateEdit):
                values[name] = editor.text()
            elif isinstance(editor, CheckList):
                values[name] = sorted(member.value for member in editor.value())
            else:
                member = editor.value()
                values[name] = member.value if member is not None else None
        rights = {right.value: combo.value().value for right, combo in self.right_combos.items() if combo.value()}
        participant_id = self._current.id if self._current is not None else None
        return json.dumps({"id": participant_id, "values": values, "rights": rights}, ensure_ascii=False)

    def restore(self, snapshot: str) -> None:
        """Put a kept draft back in the form (the participant shown first); marked as unsaved."""
        data = json.loads(snapshot)
        self._loading = True
        try:
            for name, value in data.get("values", {}).items():
                editor = self.editors.get(name)
                if editor is None:
                    continue
                if isinstance(editor, QPlainTextEdit):
                    editor.setPlainText(value or "")
                elif isinstance(editor, QLineEdit):
                    editor.setText(value or "")
                elif isinstance(editor, DateEdit):
                    editor.edit.setText(value or "")
                elif isinstance(editor, CheckList):
                    editor.set_value({m for m in editor.boxes if m.value in (value or [])})
                else:
                    editor.set_value(editor.enum(value) if value else None)
            for right, combo in self.right_combos.items():
                code = data.get("rights", {}).get(right.value)
                combo.set_value(RightStatus(code) if code else None)
        finally:
            self._loading = False
        self._set_dirty(True)
        self._refresh_header()
        self.state_label.setText(
            "Brouillon retrouvé après le verrouillage\u00a0: pas encore enregistré, vérifiez puis enregistrez."
        )
        self.state_label.setStyleSheet("color: #8a5a00; font-weight: 600;")

    # --- actions ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate and save. True when saved; errors are shown beside the fields otherwise."""
        if self._current is None or self._service is None:
            return False
        participant, problems = self.read()
        if problems:
            # Unreadable dates first, then everything else the rules find: all at once, not one by one.
            self._show_errors({**validate(participant, self._today()), **problems})
            return False
        if participant.id is None:
            duplicates = self._service.same_person(participant)
            if duplicates:
                answer = dialogs.ask_duplicate(self, participant.display_name)
                if answer is dialogs.Answer.OPEN_EXISTING:
                    self._set_dirty(False)
                    self.open_existing_requested.emit(duplicates[0])
                    return False
                if answer is dialogs.Answer.CANCEL:
                    return False
        try:
            saved = self._service.save(participant)
        except ValidationError as error:
            self._show_errors(error.errors)
            return False
        except IlotError as error:
            dialogs.show_error(self, error)
            return False
        self._clear_errors()
        self._current = saved
        self._loading = True
        self.editors["file_number"].setText(saved.file_number)
        self._loading = False
        self._set_dirty(False)
        self._refresh_header()
        self.state_label.setText(f"✓ Enregistré à {datetime.now():%H:%M}")
        self.state_label.setStyleSheet("color: #1b6e20; font-weight: 600;")
        log.info("participant form saved")
        self.saved.emit(saved)
        return True

    def revert(self) -> None:
        if self._current is None:
            return
        if self._current.id is None:
            self.show_participant(replace(self._current))
        else:
            self.show_participant(self._service.get(self._current.id) if self._service else self._current)

    # --- helpers ----------------------------------------------------------------------------------

    def _mark_dirty(self, *args) -> None:
        if self._loading or self._current is None:
            return
        self._set_dirty(True)
        self.state_label.setText("Modifications non enregistrées")
        self.state_label.setStyleSheet("color: #8a5a00;")
        self._refresh_header()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self.revert_button.setEnabled(dirty)

    def _check_date(self, name: str, only_clear: bool = False) -> None:
        """Say at once when a typed date cannot be read; clear the message as soon as it can."""
        try:
            self.editors[name].value()
        except DateError as error:
            if not only_clear:
                self._set_error(name, str(error))
        else:
            self._set_error(name, None)
        self._refresh_header()

    def _refresh_header(self) -> None:
        participant, _problems = self.read()
        name = participant.display_name or "Nouveau dossier"
        # U+200E keeps the line left-to-right even when the name starts in Arabic script.
        self.title.setText("\u200e" + f"{name}  ·  {participant.file_number}".strip(" ·"))
        today = self._today()
        text = phase_text(participant.justice_situation, participant.planned_release_date, today)
        inside = participant.phase(today) is Phase.INSIDE
        colour = "#7a3e00; background: #fdebd0" if inside else "#0b4f6c; background: #d6eaf8"
        self.phase_label.setText(text)
        self.phase_label.setVisible(participant.justice_situation is not None)
        self.phase_label.setStyleSheet(f"color: {colour}; padding: 2px 8px; border-radius: 8px;")
        age = f"{age_on(participant.birth_date, today)} ans" if participant.birth_date else ""
        self.age_label.setText(age)
        self.age_label.setVisible(bool(age))

    def _set_error(self, name: str, message: str | None) -> None:
        self.errors[name].show_message(message)
        self.editors[name].setAccessibleDescription(message or "")
        if message is None and all(error.isHidden() for error in self.errors.values()):
            self.error_summary.show_message(None)  # the last message gone: the summary goes too

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._clear_errors()
        for name, message in errors.items():
            if name in self.errors:
                self._set_error(name, message)
        count = len(errors)
        shown = [name for name in self.editors if name in errors]  # in the form's order
        which = f" ({', '.join(self.field_labels[name] for name in shown)})" if shown else ""
        self.error_summary.show_message(
            "Le dossier n'est pas enregistré : "
            + ("1 champ à corriger" if count == 1 else f"{count} champs à corriger")
            + f"{which}. Rien de ce qui a été saisi n'est perdu."
        )
        if shown:
            self.editors[shown[0]].setFocus()
            self.scroll.ensureWidgetVisible(self.editors[shown[0]], 50, 80)  # its message shows under it

    def _field_corrected(self, name: str) -> None:
        """The field's message goes as soon as it is changed (saving checks it again)."""
        if not self.errors[name].isHidden():
            self._set_error(name, None)

    def _clear_errors(self) -> None:
        for name in self.errors:
            self._set_error(name, None)
        self.error_summary.show_message(None)
