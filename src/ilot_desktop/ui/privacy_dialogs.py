"""The person's rights from the window: a copy of their data, erasure; and the retention rule."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import format_date
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import table_item

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.session_api import Session

log = logging.getLogger(__name__)
IdRole = Qt.ItemDataRole.UserRole + 95


def access_copy(session: Session, participant: Participant, parent: QWidget | None) -> bool:
    """Right of access: the person's complete file, as a PDF or a workbook, where the caseworker chooses."""
    if participant.id is None:  # a file never saved has nothing stored to copy
        return False
    target = dialogs.choose_save_path(
        parent,
        f"Copie des données de {participant.display_name}",
        f"copie-des-donnees-{participant.file_number}.pdf",
        "Document PDF (*.pdf);;Classeur Excel (*.xlsx)",
        sensitive=True,
    )
    if target is None:
        return False
    kind = "xlsx" if target.suffix.lower() == ".xlsx" else "pdf"
    if target.suffix.lower() not in (".pdf", ".xlsx"):
        target = target.with_suffix(".pdf")
    try:
        session.privacy.access_copy(participant.id, target, kind)
    except IlotError as error:
        dialogs.show_error(parent, error)
        return False
    dialogs.inform(
        parent,
        "Copie écrite",
        f"La copie des données est ici :\n{target}",
        "Elle contient tout le dossier en clair : remettez-la à la personne puis supprimez le fichier.",
    )
    return True


def erase(session: Session, participant: Participant, parent: QWidget | None) -> bool:
    """Erasure at the person's request: confirmed, then what happens to backups is said plainly."""
    if participant.id is None:  # a file never saved has nothing stored to erase
        return False
    if not dialogs.confirm(
        parent,
        "Effacer le dossier",
        f"Effacer définitivement le dossier {participant.file_number} ({participant.display_name}) ?",
        "Tout est supprimé : fiche, rendez-vous et comptes rendus, freins, plan d'action, résultats, actions "
        "collectives. Le fichier chiffré est réécrit. Cette opération ne peut pas être annulée. Les chiffres déjà "
        "transmis à la Ville ne changent pas ; ceux des bilans recalculés ne compteront plus cette personne.\n\n"
        "Les sauvegardes automatiques déjà faites la contiennent encore pendant environ cinq semaines (elles sont "
        "renouvelées)\u00a0; les copies sur clé USB et les exports en clair sont à effacer à la main.",
        "Effacer définitivement",
    ):
        return False
    try:
        report = session.privacy.erase(participant.id)
    except IlotError as error:
        dialogs.show_error(parent, error)
        return False
    log.info("participant %s erased", participant.id)
    lines = report.lines()
    dialogs.inform(parent, "Dossier effacé", lines[0], "\n\n".join(lines[1:]))
    return True


class RetentionDialog(QDialog):
    """Files closed more than two years ago (CNIL): the caseworker confirms, then they are anonymised."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.anonymised = 0
        self.setWindowTitle("Dossiers à anonymiser")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(
            "Règle de conservation (CNIL) : un dossier terminé reste deux ans après le dernier contact, puis il est "
            "anonymisé. Les noms, coordonnées, dates de naissance précises et textes libres disparaissent ; ce qui "
            "sert aux bilans (dates, types de rendez-vous, freins, résultats) reste, pour que les chiffres des "
            "années passées ne changent pas. Cochez les dossiers à anonymiser.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(("N° dossier", "Entrée", "Fin", "Dernier contact"))
        self.table.setAccessibleName("Dossiers arrivés au terme de la conservation")
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for candidate in session.privacy.due_for_anonymisation():
            row = self.table.rowCount()
            self.table.insertRow(row)
            values = (
                candidate.file_number,
                format_date(candidate.entry_date),
                format_date(candidate.end_date),
                format_date(candidate.last_contact),
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsEnabled
                if column == 0:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                    item.setCheckState(Qt.CheckState.Checked)
                    item.setData(IdRole, candidate.participant_id)
                item.setFlags(flags)
                self.table.setItem(row, column, item)
        self.empty = QLabel("Aucun dossier n'a atteint la fin de sa durée de conservation.", self)
        self.empty.setVisible(self.table.rowCount() == 0)
        self.go = QPushButton("Anonymiser les dossiers cochés", self)
        self.go.setEnabled(self.table.rowCount() > 0)
        self.go.clicked.connect(self.anonymise)
        self.close_button = close = QPushButton("Fermer", self)
        close.clicked.connect(self.reject)
        (self.go if self.go.isEnabled() else close).setDefault(True)  # anonymising is confirmed first
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.go)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def checked_ids(self) -> list[int]:
        return [
            table_item(self.table, row, 0).data(IdRole)
            for row in range(self.table.rowCount())
            if table_item(self.table, row, 0).checkState() == Qt.CheckState.Checked
        ]

    def anonymise(self) -> bool:
        chosen = self.checked_ids()
        if not chosen:
            return False
        if not dialogs.confirm(
            self,
            "Anonymiser",
            f"Anonymiser {len(chosen)} dossier{'s' if len(chosen) > 1 else ''} ?",
            "Les informations qui identifient les personnes seront effacées définitivement.",
            "Anonymiser",
        ):
            return False
        try:
            self.anonymised = self.session.privacy.anonymise(chosen)
        except IlotError as error:
            dialogs.show_error(self, error)
            return False
        self.accept()
        return True
