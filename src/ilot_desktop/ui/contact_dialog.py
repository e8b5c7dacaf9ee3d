"""The caseworker's own details, printed at the bottom of each action plan.

Opened from the menu (Fichier → Mes coordonnées), and before the first plan is shown while the phone or the
office's address is missing (``asking=True``): the printed plan always says how to reach her."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.locking import DRAFT_NOTE, DRAFT_STYLE
from ilot_desktop.ui.widgets import ErrorLabel, ok_cancel_row

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session


ASKING_TEXT = (
    "Le plan remis à la personne dit toujours comment vous joindre\u00a0: votre téléphone et l'adresse du bureau. "
    "Renseignez-les une fois\u00a0; ils serviront pour tous les plans (menu Fichier → Mes coordonnées pour les "
    "modifier)."
)
EXPLANATION = (
    "Ces coordonnées professionnelles sont imprimées en bas du plan d'action remis à la personne. "
    "Le prénom sert aussi à «\u00a0Ce que fait …\u00a0» et «\u00a0avec …\u00a0» pour le prochain rendez-vous."
)


class ContactDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None, asking: bool = False):
        super().__init__(parent)
        self.session = session
        self.asking = asking  # before a plan: the phone and the address are required
        self.setWindowTitle("Mes coordonnées pour le plan d'action" if asking else "Mes coordonnées")
        self.setModal(True)
        contact = session.plan.caseworker_contact()
        self.name = QLineEdit(contact.get("name", ""), self)
        self.name.setAccessibleName("Prénom et nom de la chargée de mission")
        self.phone = QLineEdit(contact.get("phone", ""), self)
        self.phone.setAccessibleName("Téléphone professionnel")
        self.email = QLineEdit(contact.get("email", ""), self)
        self.email.setAccessibleName("E-mail professionnel")
        self.address = QLineEdit(contact.get("address", ""), self)
        self.address.setAccessibleName("Adresse du bureau")
        self.address.setPlaceholderText("Par exemple\u00a0: 24 rue Gaston Tessier, 75019 Paris")
        self.phone.setPlaceholderText("Par exemple\u00a0: 01 23 45 67 89")
        self.error = ErrorLabel(self)
        self._stored = self._typed()
        self.draft_note = QLabel(self)
        self.draft_note.setWordWrap(True)
        self.draft_note.setStyleSheet(DRAFT_STYLE)
        self.draft_note.hide()
        self.explanation = QLabel(ASKING_TEXT if asking else EXPLANATION, self)
        self.explanation.setWordWrap(True)
        form = QFormLayout()
        required = " (obligatoire)" if asking else ""
        for text, widget in (
            ("&Prénom et nom", self.name),
            (f"&Téléphone{required}", self.phone),
            ("&E-mail", self.email),
            (f"&Adresse du bureau{required}", self.address),
        ):
            label = QLabel(f"{text}\u00a0:", self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons, save, cancel = ok_cancel_row(
            self, "Enregistrer et voir le plan" if asking else "Enregistrer", self.save
        )
        self.save_button, self.cancel_button = save, cancel
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_note)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(600, 260)
        (self.phone if asking and not self.phone.text().strip() else self.name).setFocus()

    def _fields(self) -> tuple[QLineEdit, ...]:
        return (self.name, self.phone, self.email, self.address)

    def _typed(self) -> tuple[str, ...]:
        return tuple(field.text() for field in self._fields())

    def unsaved_draft(self) -> dict | None:
        """Details typed but not saved, for the lock to keep encrypted; None when nothing changed."""
        typed = self._typed()
        if typed == self._stored:
            return None
        return {"kind": "contact", "label": "Mes coordonnées (modifications non enregistrées)", "typed": typed}

    def restore_draft(self, draft: dict) -> None:
        for field, text in zip(self._fields(), draft["typed"], strict=False):  # a draft kept before the address
            field.setText(text)
        self.draft_note.setText(DRAFT_NOTE)
        self.draft_note.show()

    def save(self) -> bool:
        try:
            self.session.plan.set_caseworker_contact(
                self.name.text(), self.phone.text(), self.email.text(), self.address.text(), required=self.asking
            )
        except ValidationError as error:
            self.error.show_message(" ".join(error.errors.values()))
            fields = {"name": self.name, "phone": self.phone, "email": self.email, "address": self.address}
            first = next((fields[key] for key in fields if key in error.errors), None)
            if first is not None:
                first.setFocus()
            return False
        except IlotError as error:
            dialogs.show_error(self, error)
            return False
        self.accept()
        return True
