"""« À propos d'Îlot desktop »: the version, what the tool is, where the data is, versions for a bug report."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop import APP_NAME, __version__
from ilot_desktop.paths import AppPaths, resource_path

DESCRIPTION = (
    "L'outil des chargées de mission emploi de L'Îlot pour le dispositif <b>Dynamiques Emploi</b>, "
    "financé par la Ville de Paris\u00a0: dossiers, rendez-vous, freins, plans d'action et résultats."
)
PRIVACY = (
    "Les données sont chiffrées (SQLCipher, AES-256) et restent sur cet ordinateur\u00a0: "
    "l'application n'utilise jamais le réseau."
)


def _without_home(folder: Path) -> str:
    """The home folder as « ~ »: its name is often the caseworker's own, and this text leaves the computer."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


def technical_details(paths: AppPaths, libraries: dict[str, str]) -> list[tuple[str, str]]:
    """What a maintainer needs in a bug report; nothing personal (versions, folders under « ~ »)."""
    rows = [
        ("Version", __version__),
        ("Système", f"{platform.system()} {platform.release()} ({platform.machine()})"),
        ("Python", platform.python_version()),
        ("Qt / PySide6", f"{qVersion()} / {pyside_version}"),
    ]
    rows += [(name, version) for name, version in libraries.items()]
    rows += [
        ("Dossier des données", _without_home(paths.data_dir)),
        ("Rapports d'erreur", _without_home(paths.crash_dir)),
    ]
    return rows


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, libraries: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"À propos d'{APP_NAME}")
        self.setAccessibleName(f"À propos d'{APP_NAME}")
        self.details = technical_details(paths, libraries)

        logo = QLabel()
        logo.setPixmap(QIcon(str(resource_path("icons", "ilot-desktop.svg"))).pixmap(96, 96))
        logo.setAccessibleName("Logo d'Îlot desktop")
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<h2 style='margin:0'>{APP_NAME}</h2>Version {__version__}")
        title.setAccessibleName(f"{APP_NAME}, version {__version__}")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        description = QLabel(DESCRIPTION)
        description.setWordWrap(True)
        privacy = QLabel(PRIVACY)
        privacy.setWordWrap(True)

        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(description)
        heading.addWidget(privacy)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(heading, 1)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for label, value in self.details:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            field.setAccessibleName(label)
            form.addRow(f"{label}\u00a0:", field)
        technical = QLabel("<b>Pour signaler un problème</b>, joignez ces informations\u00a0:")

        self.copy_button = QPushButton("&Copier ces informations")
        self.copy_button.setAccessibleName("Copier les informations techniques")
        self.copy_button.clicked.connect(self.copy_details)
        self.copied = QLabel("")
        self.copied.setAccessibleName("Confirmation de copie")
        buttons = QDialogButtonBox()
        close = buttons.addButton("Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.copied, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(technical)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)

    def details_text(self) -> str:
        return "\n".join([APP_NAME, *(f"{label}\u00a0: {value}" for label, value in self.details)])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copied.setText("✓ Copié")
