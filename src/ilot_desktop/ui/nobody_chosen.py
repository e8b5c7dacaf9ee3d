"""What a per-person tab shows while nobody is chosen: a sentence saying so, and a way to the list of people."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class NobodyChosen(QWidget):
    """In place of an empty page: « Aucune personne choisie », what to do, and « Aller à la liste des personnes »
    (``list_requested``: the workspace puts the cursor in the list's search field)."""

    list_requested = Signal()

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel("Aucune personne choisie", self)
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton("Aller à la liste des &personnes", self)
        self.button.setToolTip("Le champ de recherche de la liste, à gauche (Ctrl+F)")
        self.button.clicked.connect(self.list_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text)  # the whole width: a wrapped label given less is cut
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
