"""Change the password, get a new recovery code, set the auto-lock delay."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.services import vault
from ilot_desktop.ui.password_fields import PasswordPair
from ilot_desktop.ui.widgets import ErrorLabel


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def _buttons(dialog: QDialog, action: str, slot) -> QHBoxLayout:
    go = QPushButton(action, dialog)
    go.setDefault(True)
    go.clicked.connect(slot)
    cancel = QPushButton("Annuler", dialog)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(go)
    dialog.go_button = go
    return row


class ChangePasswordDialog(QDialog):
    """Only the key file is rewritten: the records and the recovery code stay as they are."""

    def __init__(self, folder, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle("Changer le mot de passe")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.current = _password_field(self, "Mot de passe actuel")
        self.passwords = PasswordPair("Nouveau mot de passe", self)
        self.error = ErrorLabel(self)
        form = QFormLayout()
        label = QLabel("Mot de passe actuel\u00a0:", self)
        label.setBuddy(self.current)
        form.addRow(label, self.current)
        note = QLabel("Le code de secours reste valable : la feuille rangée au coffre ouvre toujours le fichier.", self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(_buttons(self, "Changer le mot de passe", self.change))
        self.resize(520, 420)

    def change(self) -> bool:
        if not self.passwords.is_valid():
            self.error.show_message("Le nouveau mot de passe ne respecte pas encore les règles ci-dessus.")
            return False
        try:
            vault.change_password(self.folder, self.current.text(), self.passwords.password())
        except ValidationError as error:
            self.error.show_message(" ".join(error.errors.values()))
            return False
        except IlotError as error:
            self.error.show_message(str(error))
            self.current.selectAll()
            self.current.setFocus()
            return False
        self.accept()
        return True


class NewCodeDialog(QDialog):
    """Asks the password and warns: the old recovery sheet will no longer open the file."""

    chosen = Signal(str)  # the password, handed over once and not kept

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nouveau code de secours")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = QLabel(
            "Un nouveau code de secours remplace l'ancien : la feuille actuelle n'ouvrira plus le fichier (elle "
            "ouvre encore les sauvegardes faites avant aujourd'hui). À faire si la feuille a été perdue ou vue par "
            "quelqu'un d'autre.\n\nLes dossiers sont verrouillés le temps de l'opération, puis le nouveau code "
            "s'affiche une seule fois.",
            self,
        )
        text.setWordWrap(True)
        self.password = _password_field(self, "Mot de passe")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        label = QLabel("Mot de passe\u00a0:", self)
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(_buttons(self, "Créer un nouveau code", self._confirm))
        self.resize(520, 260)

    def _confirm(self) -> None:
        if not self.password.text():
            self.error.show_message("Saisissez votre mot de passe.")
            return
        password = self.password.text()
        self.password.clear()
        self.accept()
        self.chosen.emit(password)


class PreferencesDialog(QDialog):
    def __init__(self, minutes: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Préférences")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(minutes)
        self.minutes.setAccessibleName("Verrouillage automatique après")
        form = QFormLayout()
        label = QLabel("Verrouiller après\u00a0:", self)
        label.setBuddy(self.minutes)
        form.addRow(label, self.minutes)
        note = QLabel(
            "Sans activité (souris, clavier) pendant ce temps, les dossiers sont verrouillés. Ce qui était "
            "en cours de saisie dans la fiche est gardé, chiffré, et proposé au déverrouillage (un rendez-vous, "
            "une action ou un résultat non enregistré est abandonné).",
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(_buttons(self, "Enregistrer", self.accept))
        self.resize(460, 180)
