"""The caseworker's own details, printed at the bottom of each action plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.locking import DRAFT_NOTE, DRAFT_STYLE
from ilot_desktop.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session


class ContactDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Mes coordonnées")
        self.setModal(True)
        contact = session.plan.caseworker_contact()
        self.name = QLineEdit(contact.get("name", ""), self)
        self.name.setAccessibleName("Prénom et nom de la chargée de mission")
        self.phone = QLineEdit(contact.get("phone", ""), self)
        self.phone.setAccessibleName("Téléphone professionnel")
        self.email = QLineEdit(contact.get("email", ""), self)
        self.email.setAccessibleName("E-mail professionnel")
        self.error = ErrorLabel(self)
        self._stored = (self.name.text(), self.phone.text(), self.email.text())
        self.draft_note = QLabel(self)
        self.draft_note.setWordWrap(True)
        self.draft_note.setStyleSheet(DRAFT_STYLE)
        self.draft_note.hide()
        explanation = QLabel(
            "Ces coordonnées professionnelles sont imprimées en bas du plan d'action remis à la personne. "
            "Le prénom sert aussi à « Ce que fait … » et « avec … » pour le prochain rendez-vous.",
            self,
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        for text, widget in (("Prénom et nom", self.name), ("Téléphone", self.phone), ("E-mail", self.email)):
            label = QLabel(f"{text}\u00a0:", self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        save = QPushButton("Enregistrer", self)
        save.setDefault(True)
        save.clicked.connect(self.save)
        cancel = QPushButton("Annuler", self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_note)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(460, 220)

    def unsaved_draft(self) -> dict | None:
        """Details typed but not saved, for the lock to keep encrypted; None when nothing changed."""
        typed = (self.name.text(), self.phone.text(), self.email.text())
        if typed == self._stored:
            return None
        return {"kind": "contact", "label": "Mes coordonnées (modifications non enregistrées)", "typed": typed}

    def restore_draft(self, draft: dict) -> None:
        for field, text in zip((self.name, self.phone, self.email), draft["typed"], strict=True):
            field.setText(text)
        self.draft_note.setText(DRAFT_NOTE)
        self.draft_note.show()

    def save(self) -> bool:
        try:
            self.session.plan.set_caseworker_contact(self.name.text(), self.phone.text(), self.email.text())
        except ValidationError as error:
            self.error.show_message(" ".join(error.errors.values()))
            return False
        except IlotError as error:
            dialogs.show_error(self, error)
            return False
        self.accept()
        return True
