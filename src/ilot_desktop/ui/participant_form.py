"""The "Dossier" tab: the participant's complete file, validated in French beside each field."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import DateError, age_on
from ilot_desktop.domain.participant import Participant, phase_text, validate
from ilot_desktop.domain.vocabulary import Phase
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.services.participants import ParticipantService
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.participant_editors import read_value
from ilot_desktop.ui.participant_fields import FicheFields
from ilot_desktop.ui.widgets import ErrorLabel, wrapping_label

log = logging.getLogger(__name__)
CONFLICT_WAITS = "Un conflit attend pour ce dossier\u00a0: Fichier → Conflits à régler…"


class ParticipantForm(QWidget):
    """Shows one participant; ``saved(Participant)`` after each successful save."""

    saved = Signal(object)
    dirty_changed = Signal(bool)
    open_existing_requested = Signal(int)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._service: ParticipantService | None = None
        self._team: Any = None  # services.team.TeamService: the hand-overs of the file shown
        self._current: Participant | None = None
        self._loading = False
        self._dirty = False

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
        self.title = wrapping_label(QLabel(page))  # a long name wraps: it never widens the window
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.title.setAccessibleName("Participant affiché")
        self.phase_label = QLabel(page)
        self.phase_label.setAccessibleName("Phase Dedans ou Dehors")
        self.team_label = wrapping_label(QLabel(page))  # « Ancien numéro : … », « Transmis à X le 02/12/2026 »
        self.team_label.setStyleSheet("color: #555;")
        self.team_label.setAccessibleName("Numéro et transmissions en équipe")
        self.team_label.hide()
        self.conflict_label = wrapping_label(QLabel(CONFLICT_WAITS, page))  # a conflict waits for this person
        self.conflict_label.setStyleSheet("color: #8a5a00;")
        self.conflict_label.setAccessibleName("Conflit d'équipe en attente pour ce dossier")
        self.conflict_button = QPushButton("Voir les &conflits…", page)
        self.conflict_button.setAccessibleName("Ouvrir la page des conflits à régler")
        self.conflict_button.clicked.connect(self._open_conflicts)
        self.conflict_label.hide()
        self.conflict_button.hide()
        self.state_label = wrapping_label(QLabel(page))
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        header.addWidget(self.team_label, 2, 0, 1, 2)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.conflict_label, 1)
        conflict_row.addWidget(self.conflict_button)
        header.addLayout(conflict_row, 3, 0, 1, 2)
        header.addWidget(self.state_label, 0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        header.addLayout(buttons, 1, 1, Qt.AlignmentFlag.AlignRight)
        header.setColumnStretch(0, 1)

        body = self.fields = FicheFields()
        self.editors = body.editors
        self.errors = body.errors
        self.right_combos = body.right_combos
        self.field_labels = body.field_labels
        self.age_label = body.age_label
        body.edited.connect(self._mark_dirty)
        body.corrected.connect(self._field_corrected)
        body.date_changed.connect(lambda name: self._check_date(name, only_clear=True))
        body.date_left.connect(self._check_date)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.installEventFilter(self)  # its width decides one or two columns
        self.scroll_area = scroll

        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addWidget(self.error_summary)
        layout.addWidget(scroll, 1)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area and event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            # The width the page has, whether or not its scroll bar shows now: the choice does not flip with it.
            self.fields.fit_to(event.size().width() - self.scroll_area.verticalScrollBar().sizeHint().width())
        return super().eventFilter(watched, event)

    # --- state ------------------------------------------------------------------------------------

    def set_service(self, service: ParticipantService | None) -> None:
        self._service = service

    def set_team(self, team: Any) -> None:
        self._team = team

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
            self.fields.fill(participant)
        finally:
            self._loading = False
        self.stack.setCurrentIndex(1)
        self._set_dirty(False)  # a blank new file is not an edit: leaving it asks nothing
        self._refresh_header()
        self._show_team_notes(participant)
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
        self.fields.clear()
        self._loading = False
        for label in (self.title, self.phase_label, self.age_label, self.state_label, self.team_label):
            if label is not None:
                label.clear()
        self._set_dirty(False)

    def read(self) -> tuple[Participant, dict[str, str]]:
        """What the form holds, and the dates that could not be read."""
        return self.fields.read(self._current or Participant())

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
        values, rights = self.fields.draft()
        participant_id = self._current.id if self._current is not None else None
        return json.dumps({"id": participant_id, "values": values, "rights": rights}, ensure_ascii=False)

    def restore(self, snapshot: str) -> None:
        """Put a kept draft back in the form (the participant shown first); marked as unsaved."""
        data = json.loads(snapshot)
        self._loading = True
        try:
            self.fields.restore(data.get("values", {}), data.get("rights", {}))
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
        number = self.editors["file_number"]
        if isinstance(number, QLineEdit):
            number.setText(saved.file_number)
        self._loading = False
        self._set_dirty(False)
        self._refresh_header()
        self._show_team_notes(saved)
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

    def _show_team_notes(self, participant: Participant) -> None:
        """Team work's marks on the file: its former numbers (renumbered when another person held its number) and
        to whom it was handed over, and when."""
        lines = []
        former = [n.strip() for n in participant.former_numbers.split(",") if n.strip()]
        if former:
            label = "Ancien numéro" if len(former) == 1 else "Anciens numéros"
            lines.append(f"{label}\u00a0: {', '.join(former)}")
        if self._team is not None and participant.id is not None:
            try:
                handovers = self._team.handovers(participant.id)
            except IlotError:
                handovers = []
            for to, at in handovers:
                lines.append(f"Transmis à {to} le {at:%d/%m/%Y}")
        self.team_label.setText("  ·  ".join(lines))
        self.team_label.setVisible(bool(lines))
        self._show_conflict_sign(participant)

    def _show_conflict_sign(self, participant: Participant) -> None:
        """« Un conflit attend pour ce dossier… » (one cheap query), with a button when the window offers the page."""
        waits = False
        if self._team is not None and participant.id is not None and hasattr(self._team, "conflict_waits"):
            try:
                waits = bool(self._team.conflict_waits(participant.id))
            except IlotError:
                waits = False
        self.conflict_label.setVisible(waits)
        self.conflict_button.setVisible(waits and hasattr(self.window(), "conflicts_dialog"))

    def _open_conflicts(self) -> None:
        from ilot_desktop.ui import team_actions

        team_actions.open_conflicts(self.window())  # type: ignore[arg-type]

    def _mark_dirty(self) -> None:
        if self._loading or self._current is None:
            return
        self._set_dirty(True)
        self.state_label.setText("Modifications non enregistrées")
        self.state_label.setStyleSheet("color: #8a5a00;")
        self._refresh_header()

    def discard_edits(self) -> None:
        """Forget unsaved typing (kept as a draft at lock, or left by the person): nothing more is asked."""
        self._set_dirty(False)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self.revert_button.setEnabled(dirty)

    def _check_date(self, name: str, only_clear: bool = False) -> None:
        """Say at once when a typed date cannot be read; clear the message as soon as it can."""
        try:
            read_value(self.editors[name])
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
        if self.age_label is not None:
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
            self.scroll_area.ensureWidgetVisible(self.editors[shown[0]], 50, 80)  # its message shows under it

    def _field_corrected(self, name: str) -> None:
        """The field's message goes as soon as it is changed (saving checks it again)."""
        if not self.errors[name].isHidden():
            self._set_error(name, None)

    def _clear_errors(self) -> None:
        for name in self.errors:
            self._set_error(name, None)
        self.error_summary.show_message(None)
