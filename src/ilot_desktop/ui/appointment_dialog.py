"""Create or edit one appointment: who, when, how long, where, status, report and next steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.appointment_series import Scope, touches_series
from ilot_desktop.domain.dates import DateError, format_date, format_long_date
from ilot_desktop.domain.followup import COMMON_PLACES, MAX_DURATION, MIN_DURATION, Appointment
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, CaseStatus
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.appointment_repeat import RepeatPanel, ask_scope, series_note
from ilot_desktop.ui.locking import DRAFT_NOTE, DRAFT_STYLE
from ilot_desktop.ui.widgets import ChoiceCombo, DateEdit, ErrorLabel, add_form_row, fit_to_screen, moment_of

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session


class AppointmentDialog(QDialog):
    """Opened with ``open()`` (not blocking); emits ``saved`` or ``deleted`` before closing."""

    saved = Signal(object)
    deleted = Signal(int)

    def __init__(self, session: Session, appointment: Appointment, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.appointment = appointment
        self._dirty = False
        self._proposing = False  # the dialog itself is setting the proposed type and place
        self._kind_by_hand = False
        creating = appointment.id is None
        self.setWindowTitle("Nouveau rendez-vous" if creating else "Rendez-vous")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # names and the report go with it
        self.resize(560, 600)

        self.person = QComboBox(self)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setAccessibleName("Personne")
        typed = self.person.lineEdit()  # an editable combo always has its line
        if typed is not None:
            typed.setPlaceholderText("Tapez un nom ou un n° de dossier")
        self._people: list[int] = []
        self._numbers: list[str] = []  # the file numbers, to name a kept draft without a name
        for summary in session.participants.summaries():
            if summary.status(session.clock()) is CaseStatus.ONGOING or summary.id == appointment.participant_id:
                self.person.addItem(f"{summary.last_name.upper()} {summary.first_name} · {summary.file_number}")
                self._people.append(summary.id)
                self._numbers.append(summary.file_number)
        completer = QCompleter([self.person.itemText(i) for i in range(self.person.count())], self)
        completer.setFilterMode(completer.filterMode().MatchContains)
        completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
        self.person.setCompleter(completer)
        self.date = DateEdit("Date du rendez-vous", self)
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Heure de début")
        self.duration = QSpinBox(self)
        self.duration.setRange(MIN_DURATION, MAX_DURATION)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Durée en minutes")
        self.kind = ChoiceCombo(AppointmentKind, "Type d'entretien", parent=self)
        self.place = QLineEdit(self)
        self.place.setAccessibleName("Lieu")
        self.place.setMaxLength(200)
        self.place.setCompleter(QCompleter(list(COMMON_PLACES), self))
        self.status = ChoiceCombo(AppointmentStatus, "Statut", parent=self)
        self.report = QPlainTextEdit(self)
        self.report.setAccessibleName("Compte rendu")
        self.report.setTabChangesFocus(True)
        self.next_steps = QPlainTextEdit(self)
        self.next_steps.setAccessibleName("Suites à donner")
        self.next_steps.setTabChangesFocus(True)
        self.next_steps.setFixedHeight(70)
        self.errors = {
            name: ErrorLabel(self) for name in ("participant", "start", "duration_min", "status", "kind", "place")
        }
        self.summary = ErrorLabel(self)
        self.draft_note = QLabel(self)  # shown when a draft kept at lock is put back
        self.draft_note.setWordWrap(True)
        self.draft_note.setStyleSheet(DRAFT_STYLE)
        self.draft_note.hide()

        form = self._form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._row(form, "Personne *", self.person, "participant")
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(QLabel("à", self))
        when.addWidget(self.time)
        when.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(when)
        self._row(form, "Date et heure *", holder, "start", buddy=self.date.edit)
        self._row(form, "Durée", self.duration, "duration_min")
        self._row(form, "Type *", self.kind, "kind")
        self._row(form, "Lieu", self.place, "place")
        self._row(form, "Statut", self.status, "status")
        self._row(form, "Compte rendu", self.report)
        self._row(form, "Suites à donner", self.next_steps)

        self.delete_button = QPushButton("Supprimer", self)
        self.delete_button.setVisible(not creating)
        self.delete_button.clicked.connect(self._delete)
        self.cancel_button = QPushButton("Annuler", self)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Enregistrer", self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_note)
        layout.addLayout(form)
        self.repeat = RepeatPanel(session, self._typed_model, self)
        self.repeat.setVisible(creating)  # « Répéter » creates a series; an occurrence is edited on its own
        self.repeat.toggled.connect(self._repeat_toggled)
        layout.addWidget(self.repeat)
        for before, after in (
            (self.next_steps, self.repeat.enabled),  # « Répéter » after the form, before the buttons
            (self.repeat.dates, self.delete_button),
            (self.delete_button, self.cancel_button),
            (self.cancel_button, self.save_button),
        ):
            QWidget.setTabOrder(before, after)
        self.series_note = series_note(self, appointment)
        layout.addWidget(self.series_note)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

        self._load(appointment)
        self._proposed_place = appointment.place
        for signal in (
            self.date.changed,
            self.time.timeChanged,
            self.duration.valueChanged,
            self.kind.currentIndexChanged,
            self.place.textEdited,
            self.status.currentIndexChanged,
            self.report.textChanged,
            self.next_steps.textChanged,
        ):
            signal.connect(self._mark_dirty)
        for signal in (
            self.date.changed,
            self.time.timeChanged,
            self.duration.valueChanged,
            self.place.textEdited,
        ):
            signal.connect(self._typed_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.person.currentIndexChanged.connect(self._person_changed)
        (self.person if creating and appointment.participant_id is None else self.report).setFocus()

    def _row(
        self, form: QFormLayout, text: str, widget: QWidget, error: str | None = None, buddy: QWidget | None = None
    ) -> None:
        add_form_row(form, self, text, widget, self.errors[error] if error else None, buddy)

    def _load(self, a: Appointment) -> None:
        index = self._people.index(a.participant_id) if a.participant_id in self._people else -1
        self.person.setCurrentIndex(index)
        if index < 0:
            self.person.setEditText("")
        self.date.set_value(a.start.date() if a.start else None)
        if a.start:
            self.time.setTime(QTime(a.start.hour, a.start.minute))
        self.duration.setValue(a.duration_min)
        self.kind.set_value(a.kind)
        self.place.setText(a.place)
        self.status.set_value(a.status)
        self.report.setPlainText(a.report)
        self.next_steps.setPlainText(a.next_steps)
        self._dirty = False

    def _mark_dirty(self, *args: object) -> None:
        self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def discard_edits(self) -> None:
        """Forget unsaved typing (kept as a draft at lock, or left by the person): closing asks nothing."""
        self._dirty = False

    def _person_changed(self, index: int) -> None:
        """A new appointment follows the person (in detention: at the facility) unless the place was typed."""
        self._mark_dirty()
        if self.appointment.id is None and 0 <= index < len(self._people):
            self._propose_setting()
            self.repeat.propose()
        self.repeat.refresh()

    def _place_typed(self) -> bool:
        return bool(self.place.text().strip()) and self.place.text() != self._proposed_place

    def _propose_setting(self) -> None:
        """The type and place the person and the day propose (the prison while in detention, L'Îlot's office
        after the planned release), unless the caseworker chose the type or typed the place herself."""
        person = self.participant_id()
        if person is None or self._kind_by_hand or self._place_typed():
            return
        start = self._typed_start() or self.appointment.start
        try:
            draft = self.session.followup.new_draft(person, start)
        except IlotError:
            return
        self._proposing = True
        try:
            self.kind.set_value(draft.kind)
            self.place.setText(draft.place)
        finally:
            self._proposing = False
        self._proposed_place = draft.place

    def _kind_changed(self, _index: int) -> None:
        """A type chosen by hand proposes its place (the prison, the office, the phone) unless one was typed."""
        if self._proposing:
            return
        self._kind_by_hand = True
        kind = self.kind.value()
        if kind is not None and not self._place_typed():
            try:
                place = self.session.followup.place_for(self.participant_id(), kind)
            except IlotError:
                return
            self.place.setText(place)
            self._proposed_place = place
        self.repeat.refresh()

    def _typed_changed(self, *args: object) -> None:
        """A new appointment's day decides its setting (before or after the release); the series follows."""
        if self.appointment.id is None and self.sender() in (self.date, self.time):
            self._propose_setting()
            self.repeat.propose()
        self.repeat.refresh()

    def _typed_start(self) -> datetime | None:
        try:
            return moment_of(self.date, self.time)
        except DateError:
            return None

    def _typed_model(self) -> Appointment | None:
        """The appointment as typed now, for the series' dates (None while it has no person or date)."""
        appointment, problems = self.read()
        return None if problems else appointment

    def _repeat_toggled(self, on: bool) -> None:
        """A series is planned: no status, report or next steps to type for dates still to come."""
        status_row = self.status.parentWidget()  # the status and its error message (add_form_row)
        for widget in (status_row, self.report, self.next_steps):
            if widget is not None:
                self._form.setRowVisible(widget, not on)
        self.errors["status"].show_message(None)
        hint = self.sizeHint()
        fit_to_screen(self, max(self.width(), hint.width()), max(self.height(), hint.height()))
        self._mark_dirty()

    def participant_id(self) -> int | None:
        index = self.person.currentIndex()
        if 0 <= index < len(self._people) and self.person.currentText() == self.person.itemText(index):
            return self._people[index]
        return None

    def read(self) -> tuple[Appointment, dict[str, str]]:
        problems: dict[str, str] = {}
        start = None
        try:
            start = moment_of(self.date, self.time)
        except DateError as error:
            problems["start"] = str(error)
        if start is None and "start" not in problems:
            problems["start"] = "Indiquez la date du rendez-vous."
        appointment = replace(
            self.appointment,
            participant_id=self.participant_id(),
            start=start,
            duration_min=self.duration.value(),
            kind=self.kind.value() or AppointmentKind.INDIVIDUAL,
            place=self.place.text(),
            status=self.status.value() or AppointmentStatus.PLANNED,
            report=self.report.toPlainText(),
            next_steps=self.next_steps.toPlainText(),
        )
        if appointment.participant_id is None:
            problems["participant"] = "Choisissez la personne dans la liste."
        return appointment, problems

    def save(self) -> bool:
        appointment, problems = self.read()
        if self.repeat.is_on():
            return self._save_series(appointment, problems)
        scope = Scope.ONE
        if not problems and self._shared_with_series(appointment):
            action = "annuler" if appointment.status is not self.appointment.status else "modifier"
            chosen = ask_scope(self, action, self.session.followup.upcoming_in_series(appointment))
            if chosen is None:
                return False
            scope = chosen
        if not problems:
            attempt = self._attempt(lambda: self.session.followup.save(appointment, scope))
            if attempt is None:
                return False
            saved, problems = attempt
        if problems:
            self._show(problems)
            return False
        self._dirty = False
        self.saved.emit(saved)
        self.accept()
        return True

    def _attempt(self, save: Callable[[], Any]) -> tuple[Any, dict[str, str]] | None:
        """``save()``'s result and no problem, or the fields' problems; None when an error was shown instead."""
        try:
            return save(), {}
        except ValidationError as error:
            return None, error.errors
        except IlotError as error:
            dialogs.show_error(self, error)
            return None

    def _shared_with_series(self, appointment: Appointment) -> bool:
        """An occurrence of a series changed in a way the rest of the series could share, with some to come."""
        return (
            appointment.id is not None
            and appointment.series_id is not None
            and touches_series(self.appointment, appointment)
            and self.session.followup.upcoming_in_series(appointment) > 0
        )

    def _save_series(self, appointment: Appointment, problems: dict[str, str]) -> bool:
        """« Répéter »: the ticked dates created together, in one go."""
        problems.pop("status", None)
        starts = self.repeat.chosen_starts()
        if not problems:
            attempt = self._attempt(lambda: self.session.followup.save_series(appointment, starts))
            if attempt is None:
                return False
            saved, problems = attempt
        if problems:
            self.repeat.show_problem(problems.pop("repeat", None))
            self._show(problems or {"repeat": ""})
            return False
        self._dirty = False
        self.saved.emit(saved[0])
        self.accept()
        return True

    def _show(self, problems: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.show_message(problems.get(name))
        count = len(problems)
        self.summary.show_message(
            ("1 point à corriger" if count == 1 else f"{count} points à corriger")
            + " : rien de ce qui a été saisi n'est perdu."
        )

    def _delete(self) -> None:
        appointment_id = self.appointment.id
        if appointment_id is None:  # a new appointment has nothing stored (its Supprimer is hidden)
            return
        when = format_long_date(self.appointment.start.date()) if self.appointment.start else ""
        scope, others = Scope.ONE, self.session.followup.upcoming_in_series(self.appointment)
        if others:
            chosen = ask_scope(self, "supprimer", others)
            if chosen is None:
                return
            scope = chosen
        text = f"Supprimer le rendez-vous du {when} ?"
        if scope is Scope.UPCOMING:
            rest = "l'autre rendez-vous" if others == 1 else f"les {others} autres rendez-vous"
            text = f"Supprimer le rendez-vous du {when} et {rest} à venir de la série\u00a0?"
        if not dialogs.confirm(
            self,
            "Supprimer le rendez-vous",
            text,
            "Le compte rendu éventuel sera supprimé aussi.",
            "Supprimer",
        ):
            return
        try:
            self.session.followup.delete(appointment_id, scope)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self._dirty = False
        self.deleted.emit(appointment_id)
        self.accept()

    # --- drafts (lock) -------------------------------------------------------------------------------

    def unsaved_draft(self) -> dict[str, Any] | None:
        """What is typed, for the lock to keep encrypted; None when nothing is unsaved."""
        if not self._dirty:
            return None
        index = self.person.currentIndex()
        number = self._numbers[index] if self.participant_id() is not None else ""
        when = self.date.text() if _readable(self.date) else format_date(self._start_date())
        what = "Compte rendu du rendez-vous" if self.report.toPlainText().strip() else "Rendez-vous"
        if self.appointment.id is None:
            what = "Nouveau rendez-vous" + (" et son compte rendu" if what.startswith("Compte") else "")
        label = what + (f" du {when}" if when else "") + (f" avec {number}" if number else "")
        return {
            "kind": "appointment",
            "label": label,
            "id": self.appointment.id,
            "participant_id": self.participant_id(),
            "date": self.date.text(),
            "time": self.time.time().toString("HH:mm"),
            "duration": self.duration.value(),
            "appointment_kind": self.kind.code(),
            "place": self.place.text(),
            "status": self.status.code(),
            "report": self.report.toPlainText(),
            "next_steps": self.next_steps.toPlainText(),
        }

    def _start_date(self) -> date | None:
        return self.appointment.start.date() if self.appointment.start else None

    @staticmethod
    def draft_appointment(session: Session, draft: dict[str, Any]) -> Appointment:
        """The appointment a draft was typed on (IlotError if it was deleted meanwhile), or a new one."""
        if draft.get("id") is not None:
            return session.followup.get(draft["id"]).appointment
        return session.followup.new_draft(draft.get("participant_id"))

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Put a kept draft back, marked as not saved."""
        participant_id = draft.get("participant_id")
        if participant_id in self._people:
            self.person.setCurrentIndex(self._people.index(participant_id))
        self.date.edit.setText(draft.get("date") or "")
        self.time.setTime(QTime.fromString(draft.get("time") or "09:00", "HH:mm"))
        self.duration.setValue(int(draft.get("duration") or self.duration.value()))
        if draft.get("appointment_kind"):
            self.kind.set_value(AppointmentKind(draft["appointment_kind"]))
        self.place.setText(draft.get("place") or "")
        if draft.get("status"):
            self.status.set_value(AppointmentStatus(draft["status"]))
        self.report.setPlainText(draft.get("report") or "")
        self.next_steps.setPlainText(draft.get("next_steps") or "")
        self._dirty = True
        self.draft_note.setText(DRAFT_NOTE)
        self.draft_note.show()

    def reject(self) -> None:
        if self._dirty:
            answer = dialogs.ask_unsaved(self, "Ce rendez-vous")
            if answer is dialogs.Answer.SAVE:
                self.save()
                return
            if answer is dialogs.Answer.CANCEL:
                return
        super().reject()


def _readable(date_edit: DateEdit) -> bool:
    try:
        return date_edit.value() is not None
    except DateError:
        return False
