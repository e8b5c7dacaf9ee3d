"""Préférences → « Dossier d'équipe »: the team folder (checked), the team passphrase typed once per laptop (with
its confirmation, never shown again) or changed, and the laptop code that team work needs first."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ilot_desktop.ui.password_fields import OK_STYLE, TODO_STYLE, masked_with_toggle
from ilot_desktop.ui.team_dialogs import PASSPHRASE_MIN, passphrase_problem
from ilot_desktop.ui.widgets import add_form_row, wrapping_label

TITLE = "Dossier d'équipe"
NEEDS_CODE = (
    "Le travail en équipe demande d'abord le code de cet ordinateur (ci-dessus)\u00a0: il distingue vos dossiers "
    "de ceux de vos collègues."
)
FOLDER_NOTE = (
    "Le dossier que l'association partage déjà (OneDrive, SharePoint, Nextcloud, dossier réseau) ou une clé USB. "
    "Il ne reçoit que des paquets chiffrés\u00a0: aucun nom n'y apparaît, même dans les noms de fichiers."
)
KEY_KEPT = "✓ Phrase de passe d'équipe enregistrée sur cet ordinateur (elle n'est jamais réaffichée)."
FIRST_TIME = (
    "À saisir une seule fois sur cet ordinateur\u00a0: la phrase que la responsable du programme a choisie pour "
    "l'équipe (ou choisissez-la, si vous créez l'équipe\u00a0; au moins 12 caractères)."
)


def folder_problem(folder: Path) -> str | None:
    """Why this folder cannot be the team folder (French), or None."""
    if not folder.is_dir():
        return "Ce dossier est introuvable (clé USB retirée, lecteur réseau déconnecté\u00a0?)."
    if not os.access(folder, os.W_OK):
        return "Ce dossier est en lecture seule\u00a0: les paquets ne pourraient pas y être déposés."
    return None


class TeamSection(QGroupBox):
    """The section; ``problem()`` before saving, then the window applies ``folder_changed``/``chosen_folder()``
    and ``new_passphrase()`` through the team service. ``change_passphrase()`` opens its own dialog."""

    def __init__(
        self,
        status: Any,
        choose_folder: Callable[[], Path | None],
        change_passphrase: Callable[[], object] | None,
        parent: QWidget | None = None,
    ):
        super().__init__(TITLE, parent)
        self.initial_folder: Path | None = status.folder
        self.folder: Path | None = status.folder
        self.joined = bool(status.joined)
        self._choose = choose_folder
        self.needs_code = wrapping_label(QLabel(NEEDS_CODE, self), 300)
        self.needs_code.setStyleSheet(TODO_STYLE)
        self.needs_code.setAccessibleName("Code de l'ordinateur nécessaire")
        note = wrapping_label(QLabel(FOLDER_NOTE, self), 300)
        note.setStyleSheet("color: #555;")
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName("Dossier d'équipe")
        self.folder_edit.setPlaceholderText("Aucun dossier choisi")
        self.choose_button = QPushButton("C&hoisir…", self)
        self.choose_button.setAccessibleName("Choisir le dossier d'équipe")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton("Re&tirer", self)
        self.remove_button.setAccessibleName("Ne plus utiliser de dossier d'équipe")
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        holder = QWidget(self)
        holder.setLayout(row)
        self.folder_status = wrapping_label(QLabel(self), 300)
        self.folder_status.setAccessibleName("État du dossier d'équipe")
        form = QFormLayout()
        add_form_row(form, self, "Dossier", holder, buddy=self.choose_button)
        form.addRow("", self.folder_status)
        self.passphrase = QLineEdit(self)
        self.passphrase.setAccessibleName("Phrase de passe d'équipe")
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("Confirmation de la phrase de passe d'équipe")
        self.change_button: QPushButton | None = None
        self.first_time: QLabel | None = None
        if self.joined:
            kept = wrapping_label(QLabel(KEY_KEPT, self), 300)
            kept.setStyleSheet(OK_STYLE)
            kept.setAccessibleName("Phrase de passe d'équipe")
            form.addRow("Phrase de passe\u00a0:", kept)
            if change_passphrase is not None:
                self.change_button = QPushButton("Changer la &phrase de passe d'équipe…", self)
                self.change_button.clicked.connect(change_passphrase)
                change_row = QHBoxLayout()
                change_row.addWidget(self.change_button)
                change_row.addStretch(1)
                form.addRow("", change_row)
            self.passphrase.hide()
            self.again.hide()
        else:
            first, toggle = masked_with_toggle(self.passphrase, "la phrase de passe d'équipe")
            first_holder = QWidget(self)
            first_holder.setLayout(first)
            add_form_row(form, self, "Phrase de passe", first_holder, buddy=self.passphrase)
            add_form_row(form, self, "Confirmez-la", self.again)
            modes = (QLineEdit.EchoMode.Password, QLineEdit.EchoMode.Normal)
            toggle.toggled.connect(lambda shown: self.again.setEchoMode(modes[bool(shown)]))  # both shown, or neither
            QWidget.setTabOrder(self.remove_button, self.passphrase)
            QWidget.setTabOrder(self.passphrase, self.again)  # typed twice in a row; « Afficher » after them
            QWidget.setTabOrder(self.again, toggle)
            self.first_time = wrapping_label(QLabel(FIRST_TIME, self), 300)
            self.first_time.setStyleSheet("color: #555;")
            form.addRow("", self.first_time)
        layout = QVBoxLayout(self)
        layout.addWidget(self.needs_code)
        layout.addWidget(note)
        layout.addLayout(form)
        self._show_folder(None)
        self.set_code_present(True)

    # --- the laptop code --------------------------------------------------------------------------------

    def set_code_present(self, present: bool) -> None:
        """Team work waits for the laptop code: the fields are disabled and say so until one is typed."""
        self.needs_code.setVisible(not present)
        for widget in (self.choose_button, self.remove_button, self.passphrase, self.again, self.change_button):
            if widget is not None:
                widget.setEnabled(present)
        self.remove_button.setEnabled(present and self.folder is not None)

    # --- the folder --------------------------------------------------------------------------------------

    def choose(self) -> None:
        folder = self._choose()
        if folder is None:
            return
        problem = folder_problem(folder)
        if problem is not None:
            self._show_folder(problem, folder)
            return
        self.folder = folder
        self._show_folder(None)

    def remove(self) -> None:
        self.folder = None
        self._show_folder(None)

    def _show_folder(self, problem: str | None, tried: Path | None = None) -> None:
        shown = tried if problem is not None else self.folder
        self.folder_edit.setText(str(shown) if shown is not None else "")
        self.folder_edit.setToolTip(str(shown) if shown is not None else "")
        self.remove_button.setEnabled(self.folder is not None)
        if problem is not None:
            self.folder_status.setText(problem)
            self.folder_status.setStyleSheet(TODO_STYLE)
        elif self.folder is None:
            self.folder_status.setText(
                "Sans dossier d'équipe, «\u00a0Envoyer et recevoir\u00a0» demande où chercher les paquets."
            )
            self.folder_status.setStyleSheet("color: #555;")
        elif (reach := folder_problem(self.folder)) is not None:
            self.folder_status.setText(reach)
            self.folder_status.setStyleSheet(TODO_STYLE)
        else:
            self.folder_status.setText("✓ Dossier accessible.")
            self.folder_status.setStyleSheet(OK_STYLE)

    @property
    def folder_changed(self) -> bool:
        return self.folder != self.initial_folder

    def chosen_folder(self) -> Path | None:
        return self.folder

    # --- the passphrase ------------------------------------------------------------------------------------

    def new_passphrase(self) -> str | None:
        """The passphrase typed the first time on this laptop, or None (already kept, or left empty)."""
        if self.joined or not (self.passphrase.text() or self.again.text()):
            return None
        return self.passphrase.text()

    def problem(self, code_present: bool) -> tuple[str, QWidget] | None:
        """What keeps the section from being saved, and the field to go to."""
        typed = not self.joined and bool(self.passphrase.text() or self.again.text())
        if (typed or (self.folder_changed and self.folder is not None)) and not code_present:
            return NEEDS_CODE, self.choose_button
        if typed:
            problem = passphrase_problem(self.passphrase.text(), self.again.text())
            if problem is not None:
                return problem, self.passphrase if len(self.passphrase.text()) < PASSPHRASE_MIN else self.again
        return None

    def forget(self) -> None:
        """The typed passphrase leaves the widgets once used or cancelled."""
        self.passphrase.clear()
        self.again.clear()
