"""The Résultats tab for one participant: jobs and trainings reached, drop-out, end of accompaniment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import DateError, format_date
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import Cadence, DropoutReason, LabelledEnum, OutcomeType, WorkingTime
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.accompaniment_end import AccompanimentEndBox
from ilot_desktop.ui.widgets import ChoiceCombo, DateEdit, ErrorLabel, add_form_row, read_only_item, wrapping_label

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

IdRole = Qt.ItemDataRole.UserRole + 70
_HEADERS = ("Date", "Résultat", "Catégorie", "Employeur ou organisme", "Secteur", "Temps de travail")


def _item(text: str, data: object = None) -> QTableWidgetItem:
    return read_only_item(text, data, IdRole)


class OutcomesPage(QWidget):
    changed = Signal()
    participant_changed = Signal(object)  # the participant file was changed here (end, cadence)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.participant: Participant | None = None
        self.outcome: Outcome | None = None
        self._dirty = False
        self._loading = False

        self.heading = wrapping_label(QLabel(self))  # a long name wraps: it never widens the window
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.milestones = QLabel(self)
        self.milestones.setWordWrap(True)
        self.milestones.setAccessibleName("Durée de l'accompagnement")
        self.milestones.setStyleSheet("background: #eef4fb; border: 1px solid #c9dcf0; padding: 6px;")

        self.table = QTableWidget(0, len(_HEADERS), self)
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.setAccessibleName("Résultats de la personne")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        # the outcome form
        self.outcome_type = ChoiceCombo(OutcomeType, "Résultat obtenu", parent=self)
        self.outcome_type.currentIndexChanged.connect(self._type_changed)
        self.on = DateEdit("Date de début ou de l'abandon", self)
        self.dropout_reason = ChoiceCombo(DropoutReason, "Motif de l'abandon", parent=self)
        self.employer = QLineEdit(self)
        self.employer.setAccessibleName("Employeur ou organisme de formation")
        self.employer.setMaxLength(200)
        self.sector = QLineEdit(self)
        self.sector.setAccessibleName("Secteur d'activité")
        self.sector.setMaxLength(100)
        self.working_time = ChoiceCombo(WorkingTime, "Temps de travail", placeholder="Non précisé", parent=self)
        self.comment = QPlainTextEdit(self)
        self.comment.setAccessibleName("Commentaire sur le résultat")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(54)
        self.errors = {n: ErrorLabel(self) for n in ("outcome_type", "on", "dropout_reason", "employer", "sector")}
        self.state = QLabel(self)
        self.new_button = QPushButton("Nouveau résultat", self)
        self.new_button.clicked.connect(self.new_outcome)
        self.delete_button = QPushButton("Supprimer", self)
        self.delete_button.clicked.connect(self.delete_outcome)
        self.save_button = QPushButton("Enregistrer le résultat", self)
        self.save_button.clicked.connect(self.save_outcome)
        form = QFormLayout()
        self._row(form, "Résultat *", self.outcome_type, "outcome_type")
        self._row(form, "Date *", self.on, "on", buddy=self.on.edit)
        self._row(form, "Motif d'abandon", self.dropout_reason, "dropout_reason")
        self._row(form, "Employeur ou organisme", self.employer, "employer")
        self._row(form, "Secteur", self.sector, "sector")
        self._row(form, "Temps de travail", self.working_time)
        self._row(form, "Commentaire", self.comment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        outcome_box = QGroupBox("Emploi, formation ou abandon", self)
        outcome_layout = QVBoxLayout(outcome_box)
        outcome_layout.addWidget(self.table, 1)
        outcome_layout.addLayout(form)
        outcome_layout.addLayout(buttons)

        # the end of the accompaniment; its fields keep their names on the page (drafts, tests)
        self.end_box = AccompanimentEndBox(self)
        self.end_box.ended.connect(self._ended)
        self.end_date, self.end_reason = self.end_box.end_date, self.end_box.end_reason
        self.end_error, self.end_note = self.end_box.end_error, self.end_box.end_note
        self.close_button, self.reopen_button = self.end_box.close_button, self.end_box.reopen_button

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.milestones)
        layout.addWidget(outcome_box, 1)
        layout.addWidget(self.end_box)
        for signal in (
            self.outcome_type.activated,
            self.on.changed,
            self.dropout_reason.activated,
            self.employer.textEdited,
            self.sector.textEdited,
            self.working_time.activated,
            self.comment.textChanged,
        ):
            signal.connect(self._mark_dirty)
        self._enable(False)

    def _mark_dirty(self, *args: object) -> None:
        if not self._loading and self.participant is not None:
            self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def confirm_leave(self) -> bool:
        """An outcome being typed is asked about before another person or the lock."""
        if not self._dirty:
            return True
        answer = dialogs.ask_unsaved(self, "Le résultat en cours de saisie")
        if answer is dialogs.Answer.SAVE:
            return self.save_outcome()
        if answer is dialogs.Answer.DISCARD:
            self._dirty = False
            return True
        return False

    def _row(
        self, form: QFormLayout, text: str, widget: QWidget, error: str | None = None, buddy: QWidget | None = None
    ) -> None:
        add_form_row(form, self, text, widget, self.errors[error] if error else None, buddy)

    def _enable(self, enabled: bool) -> None:
        for widget in (
            self.table,
            self.outcome_type,
            self.on,
            self.dropout_reason,
            self.employer,
            self.sector,
            self.working_time,
            self.comment,
            self.new_button,
            self.delete_button,
            self.save_button,
            self.end_date,
            self.end_reason,
            self.close_button,
            self.reopen_button,
        ):
            widget.setEnabled(enabled)

    # --- loading ------------------------------------------------------------------------------------

    def bind_events(self, events: SessionEvents) -> None:
        """Says its writes on the hub (a result; the file itself when it ends or changes its rhythm); shows the
        person the window shows, again after the file is saved elsewhere."""
        self.changed.connect(lambda: events.outcomes_changed.emit(self))
        self.participant_changed.connect(lambda participant: events.participant_saved.emit(participant, self))
        events.participant_shown.connect(self.show_participant)
        events.participant_saved.connect(self._participant_saved)

    def _participant_saved(self, participant: Participant, source: object) -> None:
        if source is not self:
            self.show_participant(participant)

    def discard_edits(self) -> None:
        """Forget the result being typed (kept as a draft at lock): nothing more is asked."""
        self._dirty = False

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            self.show_participant(None)

    def show_participant(self, participant: Participant | None) -> None:
        self.participant = participant if participant is not None and participant.id is not None else None
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        session, shown = self.session, self.participant
        if session is None or shown is None or shown.id is None:
            self.heading.setText("Choisissez un dossier enregistré pour noter ses résultats.")
            self.milestones.clear()
            self.milestones.hide()
            self._show_outcome(None)
            self.end_box.show_participant(self.session, None)
            self._enable(False)
            return
        self._enable(True)
        try:
            p = self.participant = session.participants.get(shown.id)
        except IlotError:  # erased or deleted meanwhile
            self.participant = None
            self.refresh()
            return
        self.heading.setText(f"Résultats de {p.display_name}")
        stones = session.outcomes.milestones(shown.id)
        self.milestones.setText(stones.describe(self._today(), p.end_date) if stones else "")
        self.milestones.setVisible(stones is not None)
        for outcome in session.outcomes.for_participant(shown.id):
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(_cells(outcome)):
                self.table.setItem(row, column, _item(text, outcome.id))
        self.end_box.show_participant(session, p)
        self._show_outcome(None)

    def _selection_changed(self) -> None:
        items = self.table.selectedItems()
        if not items or not self.confirm_leave():
            return
        if self.session is None:
            return
        try:
            self._show_outcome(self.session.outcomes.get(items[0].data(IdRole)))
        except IlotError as error:
            dialogs.show_error(self, error)
            self.refresh()

    def _show_outcome(self, outcome: Outcome | None) -> None:
        self._loading = True
        try:
            self._fill_outcome(outcome)
        finally:
            self._loading = False
        self._dirty = False

    def _fill_outcome(self, outcome: Outcome | None) -> None:
        self.outcome = outcome
        for label in self.errors.values():
            label.show_message(None)
        self.state.clear()
        shown = outcome or Outcome()
        self.outcome_type.set_value(shown.outcome_type)
        self.on.set_value(shown.on)
        self.dropout_reason.set_value(shown.dropout_reason)
        self.employer.setText(shown.employer)
        self.sector.setText(shown.sector)
        self.working_time.set_value(shown.working_time)
        self.comment.setPlainText(shown.comment)
        self.delete_button.setEnabled(outcome is not None and self.participant is not None)
        self._type_changed()

    def _type_changed(self, *args: object) -> None:
        dropout = self.outcome_type.value() is OutcomeType.DROPOUT
        self.dropout_reason.setEnabled(dropout and self.participant is not None)
        if not dropout:
            self.dropout_reason.set_value(None)
        for widget in (self.employer, self.sector, self.working_time):
            widget.setEnabled(not dropout and self.participant is not None)

    # --- drafts (lock) -------------------------------------------------------------------------------

    def unsaved_draft(self) -> dict[str, Any] | None:
        """What is typed (a result, an end of accompaniment not applied yet), for the lock to keep encrypted;
        None when nothing is unsaved."""
        p = self.participant
        if p is None:
            return None
        end_typed = self.end_box.typed()
        end_changed = self.end_box.typed_differs()
        if not self._dirty and not end_changed:
            return None
        what = []
        if self._dirty:
            what.append("Résultat en cours de saisie" if self.outcome is not None else "Nouveau résultat")
        if end_changed:
            what.append("fin d'accompagnement pas encore appliquée")
        label = " et ".join(what)
        draft: dict[str, Any] = {
            "kind": "outcome",
            "label": f"{label[0].upper()}{label[1:]} pour {p.file_number}",
            "participant_id": p.id,
            "end": list(end_typed) if end_changed else None,
            "outcome": None,
        }
        if self._dirty:
            draft["outcome"] = {
                "id": self.outcome.id if self.outcome is not None else None,
                "outcome_type": self.outcome_type.code(),
                "on": self.on.text(),
                "dropout_reason": self.dropout_reason.code(),
                "employer": self.employer.text(),
                "sector": self.sector.text(),
                "working_time": self.working_time.code(),
                "comment": self.comment.toPlainText(),
            }
        return draft

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Put a kept draft back (the participant shown first), marked as not saved."""
        if draft.get("end"):
            self.end_box.restore_typed(*draft["end"])
        typed = draft.get("outcome")
        if not typed or self.session is None:
            return
        self._show_outcome(self.session.outcomes.get(typed["id"]) if typed.get("id") is not None else None)
        self._loading = True
        try:
            self.outcome_type.set_value(OutcomeType(typed["outcome_type"]) if typed.get("outcome_type") else None)
            self.working_time.set_value(WorkingTime(typed["working_time"]) if typed.get("working_time") else None)
            self._type_changed()
            if typed.get("dropout_reason"):
                self.dropout_reason.set_value(DropoutReason(typed["dropout_reason"]))
            self.on.edit.setText(typed.get("on") or "")
            self.employer.setText(typed.get("employer") or "")
            self.sector.setText(typed.get("sector") or "")
            self.comment.setPlainText(typed.get("comment") or "")
        finally:
            self._loading = False
        self._dirty = True
        self.state.setText("Brouillon retrouvé après le verrouillage\u00a0: pas encore enregistré.")
        self.state.setStyleSheet("color: #8a5a00; font-weight: 600;")

    # --- writing ------------------------------------------------------------------------------------

    def new_outcome(self) -> None:
        if not self.confirm_leave():
            return
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self._show_outcome(None)
        self.on.set_value(self._today())
        self.outcome_type.setFocus()

    def save_outcome(self) -> bool:
        if self.session is None or self.participant is None:
            return False
        try:
            on = self.on.value()
        except DateError as error:
            self.errors["on"].show_message(str(error))
            return False
        outcome = replace(
            self.outcome or Outcome(participant_id=self.participant.id),
            outcome_type=self.outcome_type.value(),
            on=on,
            dropout_reason=self.dropout_reason.value(),
            employer=self.employer.text(),
            sector=self.sector.text(),
            working_time=self.working_time.value(),
            comment=self.comment.toPlainText(),
        )
        try:
            saved = self.session.outcomes.save(outcome)
        except ValidationError as error:
            for name, label in self.errors.items():
                label.show_message(error.errors.get(name))
            self.state.setText("Résultat non enregistré : voir les champs en rouge.")
            self.state.setStyleSheet("color: #b00020;")
            return False
        except IlotError as error:
            dialogs.show_error(self, error)
            return False
        self._offer_employment_follow_up(saved)
        self.refresh()
        self.state.setText(f"✓ Enregistré : {_label(saved.outcome_type)} le {format_date(saved.on)}")
        self.state.setStyleSheet("color: #1b6e20; font-weight: 600;")
        self.changed.emit()
        return True

    def _offer_employment_follow_up(self, saved: Outcome) -> None:
        p, session = self.participant, self.session
        if p is None or p.id is None or session is None:
            return
        if not saved.is_positive or p.cadence is Cadence.EMPLOYMENT or p.end_date is not None:
            return
        if dialogs.confirm(
            self,
            "Suivi dans l'emploi",
            f"Passer {p.first_name} en « suivi dans l'emploi » ?",
            "Le rythme des contacts devient plus léger (tous les 60 jours) ; l'accompagnement peut se "
            "poursuivre jusqu'à 24 mois après l'entrée.",
            "Passer en suivi dans l'emploi",
        ):
            try:
                session.outcomes.switch_to_employment_follow_up(p.id)
                self.participant_changed.emit(session.participants.get(p.id))
            except IlotError as error:
                dialogs.show_error(self, error)

    def delete_outcome(self) -> None:
        if self.outcome is None or self.outcome.id is None or self.session is None:
            return
        if not dialogs.confirm(
            self,
            "Supprimer le résultat",
            f"Supprimer « {_label(self.outcome.outcome_type)} » du {format_date(self.outcome.on)} ?",
            "Les chiffres du bilan seront recalculés sans lui.",
            "Supprimer",
        ):
            return
        try:
            self.session.outcomes.delete(self.outcome.id)
        except IlotError as error:
            dialogs.show_error(self, error)
        self.refresh()
        self.changed.emit()

    def _ended(self, participant: Participant) -> None:
        """The end was applied or the accompaniment reopened: the file changed, so did the results' context."""
        self.refresh()
        self.participant_changed.emit(participant)
        self.changed.emit()


def _label(choice: LabelledEnum | None) -> str:
    return choice.label if choice is not None else ""


def _cells(outcome: Outcome) -> tuple[str, ...]:
    """A result's row in the table."""
    reason = f" ({outcome.dropout_reason.label.lower()})" if outcome.dropout_reason else ""
    return (
        format_date(outcome.on),
        _label(outcome.outcome_type) + reason,
        _label(outcome.category),
        outcome.employer,
        outcome.sector,
        _label(outcome.working_time),
    )
