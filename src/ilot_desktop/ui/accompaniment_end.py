"""The end of the accompaniment, under a person's results: its date and reason, closed or reopened here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ilot_desktop.domain.dates import DateError, format_date
from ilot_desktop.domain.vocabulary import EndReason
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import ChoiceCombo, DateEdit, ErrorLabel

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.session_api import Session


class AccompanimentEndBox(QGroupBox):
    """``ended(participant)`` follows an end applied or a reopening, with the file as saved."""

    ended = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Fin de l'accompagnement", parent)
        self.session: Session | None = None
        self.participant: Participant | None = None
        self.end_date = DateEdit("Date de fin d'accompagnement", self)
        self.end_reason = ChoiceCombo(EndReason, "Motif de fin d'accompagnement", parent=self)
        self.end_error = ErrorLabel(self)
        self.end_note = QLabel(self)  # an end typed before a lock, put back; no room otherwise
        self.end_note.setWordWrap(True)
        self.end_note.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.end_note.hide()
        self.close_button = QPushButton("Clore l'accompagnement", self)
        self.close_button.clicked.connect(self.close_accompaniment)
        self.reopen_button = QPushButton("Rouvrir", self)
        self.reopen_button.clicked.connect(self.reopen_accompaniment)
        end_row = QHBoxLayout()
        for text, widget in (("Fin le", self.end_date), ("Motif", self.end_reason)):
            label = QLabel(f"{text}\u00a0:", self)
            label.setBuddy(widget.edit if isinstance(widget, DateEdit) else widget)
            end_row.addWidget(label)
            end_row.addWidget(widget)
        end_row.addStretch(1)
        end_row.addWidget(self.reopen_button)
        end_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(end_row)
        layout.addWidget(self.end_error)
        layout.addWidget(self.end_note)

    def show_participant(self, session: Session | None, participant: Participant | None) -> None:
        """The stored end of this person (nothing when None); a message or a kept draft is cleared."""
        self.session, self.participant = session, participant
        self.end_error.show_message(None)
        self.end_note.hide()
        self.end_date.set_value(participant.end_date if participant else None)
        self.end_reason.set_value(participant.end_reason if participant else None)
        if participant is not None:
            self.close_button.setText("Modifier la fin" if participant.end_date else "Clore l'accompagnement")
            self.reopen_button.setEnabled(participant.end_date is not None)

    def typed(self) -> tuple[str, str | None]:
        """The end as typed: the date's text and the reason's code."""
        reason = self.end_reason.value()
        return self.end_date.text(), reason.value if reason else None

    def typed_differs(self) -> bool:
        """An end typed but not applied yet (kept as a draft at lock)."""
        p = self.participant
        if p is None:
            return False
        return self.typed() != (format_date(p.end_date), p.end_reason.value if p.end_reason else None)

    def restore_typed(self, end_text: str | None, reason: str | None) -> None:
        """An end typed before a lock, put back, marked as not applied."""
        self.end_date.edit.setText(end_text or "")
        self.end_reason.set_value(EndReason(reason) if reason else None)
        self.end_note.setText(
            "Fin d'accompagnement retrouvée après le verrouillage\u00a0: pas encore appliquée "
            f"(«\u00a0{self.close_button.text()}\u00a0» pour l'appliquer)."
        )
        self.end_note.show()

    def close_accompaniment(self) -> None:
        try:
            end = self.end_date.value()
        except DateError as error:
            self.end_error.show_message(str(error))
            return
        if end is None:
            self.end_error.show_message("Indiquez la date de fin d'accompagnement.")
            return
        reason = self.end_reason.value()
        self._end(end, reason if isinstance(reason, EndReason) else None)

    def reopen_accompaniment(self) -> None:
        if dialogs.confirm(
            self,
            "Rouvrir l'accompagnement",
            "Rouvrir l'accompagnement (retirer la date de fin) ?",
            "La personne redevient « en cours » dans la liste et dans Ma semaine.",
            "Rouvrir",
        ):
            self._end(None, None)

    def _end(self, end: date | None, reason: EndReason | None) -> None:
        if self.session is None or self.participant is None or self.participant.id is None:
            return
        try:
            self.session.outcomes.end_accompaniment(self.participant.id, end, reason)
        except ValidationError as error:
            self.end_error.show_message(" ".join(error.errors.values()))
            return
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.ended.emit(self.session.participants.get(self.participant.id))
