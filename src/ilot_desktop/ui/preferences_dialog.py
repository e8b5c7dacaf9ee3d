"""Préférences: the auto-lock delay (this computer's settings) and, with a file open, the laptop code in new file
numbers (kept inside the encrypted file), and then « Dossier d'équipe » (team_preferences.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ilot_desktop.ui import dialogs
from ilot_desktop.ui.laptop_code_field import EXPLANATION, LaptopCodeField
from ilot_desktop.ui.team_preferences import TeamSection
from ilot_desktop.ui.widgets import ErrorLabel

NUMBERS_STAY = "Les numéros déjà donnés ne changent pas\u00a0: seuls les prochains nouveaux dossiers portent le code."


class PreferencesDialog(QDialog):
    """``laptop_code`` and ``next_number`` (the next new file's number with a code) when a file is open: the code's
    field is shown then. Accepted only with a valid code (or none); the window stores what was chosen."""

    def __init__(
        self,
        minutes: int,
        parent: QWidget | None = None,
        *,
        laptop_code: str | None = None,
        next_number: Callable[[str], str] | None = None,
        team: Any = None,
    ):
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
            "en cours de saisie (fiche, rendez-vous, action, résultat, tâche…) est gardé, chiffré, et rendu au "
            "déverrouillage, sans être enregistré à votre place.",
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        self.initial_code = laptop_code or ""
        self.laptop_code: LaptopCodeField | None = None
        self.error = ErrorLabel(self)
        if laptop_code is not None and next_number is not None:
            self.laptop_code = LaptopCodeField(next_number, self)
            self.laptop_code.set_code(laptop_code)
            self.laptop_code.edit.textEdited.connect(lambda _text: self.error.show_message(None))
            layout.addSpacing(8)
            layout.addWidget(self.laptop_code)
            explanation = QLabel(f"{EXPLANATION} {NUMBERS_STAY}", self)
            explanation.setWordWrap(True)
            explanation.setStyleSheet("color: #555;")
            layout.addWidget(explanation)
        self.team = team
        self.team_section: TeamSection | None = None
        if team is not None and self.laptop_code is not None:
            self.team_section = TeamSection(
                team.status(),
                lambda: dialogs.choose_folder(self, "Choisir le dossier d'équipe"),
                self.change_passphrase,
                self,
            )
            self.laptop_code.edit.textChanged.connect(self._code_typed)
            self._code_typed()
            layout.addSpacing(8)
            layout.addWidget(self.team_section)
        layout.addWidget(self.error)
        self.save_button = save = QPushButton("Enregistrer", self)
        save.setDefault(True)
        save.clicked.connect(self._save)
        cancel = QPushButton("Annuler", self)
        cancel.clicked.connect(self.reject)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(save)
        layout.addLayout(row)
        self.resize(620 if self.team_section is not None else 540, self.sizeHint().height())

    def chosen_code(self) -> str | None:
        """The laptop code to store ("" to remove it), or None when it did not change (or no file is open)."""
        if self.laptop_code is None or self.laptop_code.code() == self.initial_code:
            return None
        return self.laptop_code.code()

    def _code_present(self) -> bool:
        return self.laptop_code is not None and bool(self.laptop_code.code()) and self.laptop_code.problem() is None

    def _code_typed(self, *_args: object) -> None:
        if self.team_section is not None:
            self.team_section.set_code_present(self._code_present())

    def change_passphrase(self) -> None:
        from ilot_desktop.ui.team_dialogs import ChangePassphraseDialog

        if self.team is None:
            return
        dialog = self.change_dialog = ChangePassphraseDialog(
            self.team.change_passphrase, self, replace_lost=self.team.replace_lost_passphrase
        )
        dialog.accepted.connect(
            lambda: dialogs.inform(
                self,
                "Phrase de passe d'équipe changée",
                "Les prochains paquets seront scellés avec la nouvelle phrase de passe.",
                "Donnez-la de vive voix à chaque collègue\u00a0: elle la saisira une fois, au premier paquet reçu.",
            )
        )
        dialog.open()

    def _save(self) -> None:
        problem = self.laptop_code.problem() if self.laptop_code is not None else None
        if problem is not None:
            self.error.show_message(problem)
            assert self.laptop_code is not None
            self.laptop_code.edit.setFocus()
            return
        team_problem = self.team_section.problem(self._code_present()) if self.team_section is not None else None
        if team_problem is not None:
            message, field = team_problem
            self.error.show_message(message)
            field.setFocus()
            return
        self.accept()

    def done(self, result: int) -> None:
        if self.team_section is not None and result != QDialog.DialogCode.Accepted.value:
            self.team_section.forget()  # a passphrase typed then cancelled is not kept in the widgets
        super().done(result)
