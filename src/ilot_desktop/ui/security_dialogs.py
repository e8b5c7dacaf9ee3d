"""Change the password, get a new recovery code (Préférences are in ``preferences_dialog.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.errors import IlotError
from ilot_desktop.services import vault
from ilot_desktop.ui.password_fields import PasswordPair
from ilot_desktop.ui.widgets import ErrorLabel, ok_cancel_row, password_field


def _buttons(dialog: QDialog, action: str, slot: Callable[[], object]) -> QHBoxLayout:
    return ok_cancel_row(dialog, action, slot)[0]


class ChangePasswordDialog(QDialog):
    """The current password, the new one, and what becomes of the backups made under the old one.

    The change itself re-keys the file, which must be closed: the dialog only checks the current password and
    hands everything over through ``chosen(current, new, policy)``; the window locks, changes and reopens.
    """

    chosen = Signal(str, str, str)  # current password, new password, OldBackups value; handed over once

    def __init__(self, folder: Path, backups: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle("Changer le mot de passe")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.current = password_field(self, "Mot de passe actuel")
        self.passwords = PasswordPair("Nouveau mot de passe", self)
        self.error = ErrorLabel(self)
        form = QFormLayout()
        label = QLabel("Mot de passe &actuel\u00a0:", self)
        label.setBuddy(self.current)
        form.addRow(label, self.current)
        code = (
            "Le code de secours reste valable."
            if vault.code_survives_change(folder)
            else "Un nouveau code de secours sera créé et affiché une fois\u00a0: préparez-vous à imprimer la "
            "nouvelle feuille (l'ancienne n'ouvrira plus le fichier)."
        )
        note = QLabel(
            "Le fichier est rechiffré avec une nouvelle clé\u00a0: l'ancien mot de passe n'ouvrira plus rien de ce "
            f"qui sera écrit désormais. {code}",
            self,
        )
        note.setWordWrap(True)
        self.policy_box = QGroupBox(self._backups_title(backups), self)
        self.policies: dict[str, QRadioButton] = {}
        box_layout = QVBoxLayout(self.policy_box)
        for value, text in (
            (vault.OldBackups.REENCRYPT, "Les &rechiffrer avec le nouveau mot de passe (recommandé)"),
            (vault.OldBackups.DELETE, "Les &supprimer"),
            (vault.OldBackups.KEEP, "Les &garder telles quelles (elles s'ouvrent avec l'ancien mot de passe)"),
        ):
            button = QRadioButton(text, self.policy_box)
            button.setAccessibleName(text.replace("&", ""))
            self.policies[value.value] = button
            box_layout.addWidget(button)
        self.policies[vault.OldBackups.REENCRYPT.value].setChecked(True)
        elsewhere = QLabel(
            "Une sauvegarde garde le mot de passe de son époque et ne contient que ce qui existait alors. Les "
            "copies faites ailleurs (clé USB) s'ouvrent encore avec l'ancien mot de passe\u00a0: refaites-les, "
            "puis détruisez les anciennes.",
            self.policy_box,
        )
        elsewhere.setWordWrap(True)
        box_layout.addWidget(elsewhere)
        self.policy_box.setVisible(backups > 0)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(note)
        layout.addWidget(self.policy_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(_buttons(self, "Changer le mot de passe", self.change))
        self.resize(560, 520 if backups else 420)

    @staticmethod
    def _backups_title(count: int) -> str:
        if count == 1:
            return "La sauvegarde faite avec l'ancien mot de passe"
        return f"Les {count} sauvegardes faites avec l'ancien mot de passe"

    def policy(self) -> str:
        return next(value for value, button in self.policies.items() if button.isChecked())

    def change(self) -> bool:
        if not self.current.text():
            self.error.show_message("Saisissez votre mot de passe actuel.")
            self.current.setFocus()
            return False
        if not self.passwords.is_valid():
            self.error.show_message("Le nouveau mot de passe ne respecte pas encore les règles ci-dessus.")
            return False
        if self.passwords.password() == self.current.text():
            self.error.show_message("Le nouveau mot de passe doit être différent de l'actuel.")
            return False
        try:
            vault.verify_password(self.folder, self.current.text())
        except IlotError as error:
            self.error.show_message(str(error))
            self.current.selectAll()
            self.current.setFocus()
            return False
        current, new, policy = self.current.text(), self.passwords.password(), self.policy()
        self.current.clear()
        self.accept()
        self.chosen.emit(current, new, policy)
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
        self.password = password_field(self, "Mot de passe")
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
