"""The laptop code's field (« Code de cet ordinateur »), on the creation page and in Préférences: typed in
capitals, checked as it is typed, and the number it gives shown below it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ilot_desktop.domain.participant import clean_laptop_code, laptop_code_problem
from ilot_desktop.ui.password_fields import OK_STYLE, TODO_STYLE

CAPTION = "Code de cet ordinateur"
EXPLANATION = (
    "Vos initiales par exemple (2 à 4 lettres majuscules, sans accent), différentes pour chaque collègue de "
    "l'équipe\u00a0: les nouveaux dossiers porteront ce code (DE\u20112026\u2011AB\u2011001), ainsi deux "
    "ordinateurs ne donnent jamais le même numéro à deux personnes."
)


class LaptopCodeField(QWidget):
    """A labelled line edit and, below it, what the code gives: ``next_number(code)`` is the number the next new
    file would get with that code ("" for none)."""

    def __init__(self, next_number: Callable[[str], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.next_number = next_number
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(CAPTION)
        self.edit.setPlaceholderText("AB")
        self.edit.setMaxLength(8)  # room to see a code too long said, not cut silently
        self.edit.setFixedWidth(90)
        self.edit.textEdited.connect(self._edited)
        caption = QLabel(f"{CAPTION}\u00a0:", self)
        caption.setBuddy(self.edit)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Numéro donné par ce code")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(self.edit)
        row.addWidget(self.status, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        self.refresh()

    def code(self) -> str:
        return clean_laptop_code(self.edit.text())

    def problem(self) -> str | None:
        return laptop_code_problem(self.code())

    def set_code(self, code: str) -> None:
        self.edit.setText(code)
        self.refresh()

    def _edited(self, text: str) -> None:
        if text != text.upper():  # typed in capitals, the cursor where it was
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)
        self.refresh()

    def refresh(self) -> None:
        code, problem = self.code(), self.problem()
        if problem is not None:
            self.status.setText("2 à 4 lettres majuscules, sans accent.")
            self.status.setStyleSheet(TODO_STYLE)
        elif code:
            self.status.setText(f"✓ Prochain numéro\u00a0: {self.next_number(code)}")
            self.status.setStyleSheet(OK_STYLE)
        else:
            self.status.setText(f"Sans code, numéros sans initiales\u00a0: {self.next_number('')}")
            self.status.setStyleSheet("color: #555;")
