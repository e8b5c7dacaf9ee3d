"""Before the plan is shown: the tasks whose date has passed get a new one, set with the person.

A printed plan never shows a past date (« pour le jeudi 20 novembre » on a sheet handed over on the 27th tells
the person she failed). Each late task has a « Nouvelle date » field; one left empty is printed « Date à refixer
ensemble », and the new dates are saved in the plan (all or none) when the caseworker goes on to the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.action_plan import RESCHEDULE_TOGETHER, Task, day_with_name, validate_new_due
from ilot_desktop.domain.dates import DateError
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import DateEdit, ErrorLabel, fit_to_screen, ok_cancel_row

if TYPE_CHECKING:
    from ilot_desktop.services.plan import PlanService

EXPLANATION = (
    "Ces tâches avaient une date déjà passée\u00a0: le plan ne l'imprime pas. Fixez une nouvelle date avec la "
    f"personne, ou laissez le champ vide\u00a0: le plan imprimera «\u00a0{RESCHEDULE_TOGETHER}\u00a0»."
)


class LateTasksDialog(QDialog):
    """One line per late task: its words, the date it had, a « Nouvelle date » field."""

    def __init__(self, tasks: list[Task], plans: PlanService, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self._plans = plans
        self._today = today
        self.setWindowTitle("Tâches en retard")
        self.setModal(True)
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        rows = QWidget(self)
        grid = QGridLayout(rows)
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(12)
        self.dates: list[DateEdit] = []
        reference = today()
        for line, task in enumerate(tasks):
            words = QLabel(task.description, rows)
            words.setWordWrap(True)
            words.setTextFormat(Qt.TextFormat.PlainText)
            old = QLabel(f"prévue le {day_with_name(task.due_date, reference)}" if task.due_date else "", rows)
            old.setStyleSheet("color: #8b1a1a;")
            field = DateEdit(f"Nouvelle date pour «\u00a0{task.description}\u00a0»", rows)
            label = QLabel("&Nouvelle date\u00a0:" if line == 0 else "Nouvelle date\u00a0:", rows)
            label.setBuddy(field.edit)
            grid.addWidget(words, line, 0)
            grid.addWidget(old, line, 1)
            grid.addWidget(label, line, 2)
            grid.addWidget(field, line, 3)
            self.dates.append(field)
        grid.setRowStretch(len(tasks), 1)  # the lines together at the top, not spread over the height
        scroll = QScrollArea(self)
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error = ErrorLabel(self)
        buttons, self.show_button, _cancel = ok_cancel_row(self, "&Voir le plan", self.save)
        self.show_button.setToolTip("Enregistre les nouvelles dates, puis ouvre l'aperçu du plan")
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_to_screen(self, 780, 170 + 48 * len(tasks))
        if self.dates:
            self.dates[0].setFocus()

    def new_dates(self) -> dict[int, date]:
        """The dates typed, by task id (empty fields left out). Raises ValidationError (French) on a wrong one."""
        chosen: dict[int, date] = {}
        today = self._today()
        for task, field in zip(self.tasks, self.dates, strict=True):
            try:
                due = field.value()
            except DateError as error:
                field.setFocus()
                raise ValidationError({"due_date": f"«\u00a0{task.description}\u00a0»\u00a0: {error}"}) from None
            problem = validate_new_due(due, today)
            if problem:
                field.setFocus()
                raise ValidationError({"due_date": f"«\u00a0{task.description}\u00a0»\u00a0: {problem}"})
            if due is not None and task.id is not None:
                chosen[task.id] = due
        return chosen

    def save(self) -> bool:
        """The new dates saved (all or none), then the dialog closes: the panel shows the plan."""
        try:
            chosen = self.new_dates()
            if chosen:
                self._plans.reschedule(chosen)
        except ValidationError as error:
            self.error.show_message(" ".join(error.errors.values()))
            return False
        except IlotError as error:
            dialogs.show_error(self, error)
            return False
        self.rescheduled = len(chosen)
        self.accept()
        return True

    rescheduled = 0
