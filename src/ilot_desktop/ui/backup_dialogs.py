"""Backups from the window: "Sauvegarder sur…" (a USB key) and restoring a copy, checked first.

Both write and verify whole copies, seconds on a slow USB key: they run off the GUI thread behind a progress
dialog (``ui/workers.py``), without « Annuler » (a backup is never cut before its final rename, a restore never
between its renames)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import format_date
from ilot_desktop.errors import BackupPasswordNeededError, IlotError
from ilot_desktop.services import backup
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import ErrorLabel
from ilot_desktop.ui.workers import Progress, WorkCancelled, run_in_background

log = logging.getLogger(__name__)
PathRole = Qt.ItemDataRole.UserRole + 90


def save_to(session: Any, parent: QWidget | None) -> Path | None:
    """A copy on a chosen folder (a USB key): encrypted, opening with the password or the recovery code."""
    folder = dialogs.choose_folder(parent, "Sauvegarder sur… (clé USB ou autre dossier)")
    if folder is None:
        return None
    backups = session.backups

    def write(_progress: Progress) -> Path:
        return backups.write(folder, "manuel")

    try:
        written = run_in_background(parent, "Sauvegarder sur…", "Écriture et vérification de la sauvegarde…", write)
    except WorkCancelled:  # a lock under way: nothing was started
        return None
    except IlotError as error:
        dialogs.show_error(parent, error)
        return None
    dialogs.inform(
        parent,
        "Sauvegarde écrite",
        f"La sauvegarde chiffrée est ici :\n{written}",
        "Elle s'ouvre avec votre mot de passe ou le code de secours, même depuis une clé en lecture seule.",
    )
    return written


class RestoreDialog(QDialog):
    """Choose a backup, give the file's current password (and, for a backup made before a password change,
    the password of its time); ``restored(previous_folder)`` once it is in place."""

    restored = Signal(object)

    def __init__(self, data_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_folder = data_folder
        self.setWindowTitle("Restaurer une sauvegarde")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(
            "La sauvegarde est d'abord vérifiée ; le fichier actuel n'est jamais effacé : il est mis de côté dans "
            "« sauvegardes ». Les dossiers sont verrouillés pendant l'opération.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(("Date", "Type", "Taille"))
        self.table.setAccessibleName("Sauvegardes disponibles")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for info in backup.list_backups(data_folder):
            row = self.table.rowCount()
            self.table.insertRow(row)
            values = (
                f"{format_date(info.created.date())} {info.created:%H:%M}",
                info.label,
                f"{max(1, info.size // 1024)} Kio",
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setData(PathRole, str(info.path))
                self.table.setItem(row, column, item)
        if self.table.rowCount():
            self.table.selectRow(0)
        self.other_button = QPushButton("Autre dossier (clé USB)…", self)
        self.other_button.clicked.connect(self.choose_other)
        self.chosen = QLabel(self)
        self.chosen.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe actuel du fichier")
        self.password.setPlaceholderText("Votre mot de passe d'aujourd'hui")
        self.backup_password = QLineEdit(self)
        self.backup_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.backup_password.setAccessibleName("Mot de passe de la sauvegarde")
        self.backup_password.setPlaceholderText("Celui qui était en vigueur à la date de la sauvegarde")
        self.error = ErrorLabel(self)
        self.restore_button = restore_button = QPushButton("Vérifier et restaurer", self)
        restore_button.setDefault(True)  # Return in a password field restores (after its confirmation)
        restore_button.clicked.connect(self.restore)
        cancel = QPushButton("Annuler", self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen)
        password_label = QLabel("&Mot de passe actuel du fichier\u00a0:", self)
        password_label.setBuddy(self.password)
        layout.addWidget(password_label)
        layout.addWidget(self.password)
        self.backup_label = QLabel("Mot de passe de la &sauvegarde (elle date d'avant un changement)\u00a0:", self)
        self.backup_label.setBuddy(self.backup_password)
        layout.addWidget(self.backup_label)
        layout.addWidget(self.backup_password)
        self.backup_label.hide()
        self.backup_password.hide()
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.other: Path | None = None
        self.resize(620, 460)

    def choose_other(self) -> None:
        folder = dialogs.choose_folder(self, "Dossier de la sauvegarde")
        if folder is not None:
            self.other = folder
            self.table.clearSelection()
            self.chosen.setText(f"Sauvegarde choisie : {folder}")

    def selected(self) -> Path | None:
        items = self.table.selectedItems()
        if items:
            return Path(items[0].data(PathRole))
        return self.other

    def restore(self) -> bool:
        folder = self.selected()
        if folder is None:
            self.error.show_message("Choisissez une sauvegarde.")
            return False
        if not self.password.text():
            self.error.show_message("Saisissez le mot de passe actuel du fichier.")
            self.password.setFocus()
            return False
        if not dialogs.confirm(
            self,
            "Restaurer",
            "Remplacer le fichier actuel par cette sauvegarde\u00a0?",
            "Le fichier actuel est gardé de côté dans «\u00a0sauvegardes\u00a0», rien n'est effacé. Ce qui a été saisi "
            "depuis la sauvegarde n'apparaîtra plus. Le fichier restauré s'ouvrira avec votre mot de passe actuel.",
            "Restaurer",
        ):
            return False
        data_folder, password, backup_password = self.data_folder, self.password.text(), self.backup_password.text()

        def restore(_progress: Progress) -> Path | None:
            return backup.restore(data_folder, folder, password=password, backup_password=backup_password or None)

        try:
            previous = run_in_background(
                self, self.windowTitle(), "Vérification et restauration de la sauvegarde…", restore
            )
        except WorkCancelled:
            return False
        except BackupPasswordNeededError as error:
            self.backup_label.show()
            self.backup_password.show()
            self.backup_password.setFocus()
            self.error.show_message(str(error))
            return False
        except IlotError as error:
            self.error.show_message(str(error))
            return False
        log.info("backup restored")
        self.restored.emit(previous)
        self.accept()
        return True
