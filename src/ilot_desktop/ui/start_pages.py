"""What shows before the records: first start, creation, recovery code, unlock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.participant import next_file_number
from ilot_desktop.services import vault
from ilot_desktop.ui.laptop_code_field import EXPLANATION, LaptopCodeField
from ilot_desktop.ui.password_fields import OK_STYLE, TODO_STYLE, PasswordPair, masked_with_toggle
from ilot_desktop.ui.widgets import ErrorLabel

CARD_STYLE = "QFrame#card { background: white; border: 1px solid #d0d7de; border-radius: 10px; }"
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _CardPage(QWidget):
    """A centred card with a title, like a sheet of paper on the desk."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.card = QFrame(self)
        self.card.setObjectName("card")
        self.card.setStyleSheet(CARD_STYLE)
        self.card.setMaximumWidth(620)
        self.body = QVBoxLayout(self.card)
        self.body.setContentsMargins(32, 28, 32, 28)
        self.body.setSpacing(12)
        heading = QLabel(title, self.card)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.body.addWidget(heading)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    def main_button(self) -> QPushButton | None:
        """The page's main action: what Return does outside a text field (each page names its own)."""
        return None

    def return_refused(self) -> None:
        """Return while the main action is not yet possible (the page may show what is missing)."""

    def set_buttons(self) -> None:
        """A focused button answers Return (as in a dialog); the main one is drawn as the default."""
        for button in self.card.findChildren(QPushButton):
            button.setAutoDefault(True)
        main = self.main_button()
        if main is not None:
            main.setDefault(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return or Enter anywhere on the page (a box being ticked, nothing focused) presses its main button. A
        text field has its own next step (``returnPressed``) and a focused button presses itself."""
        if event.key() in RETURN_KEYS and not isinstance(QApplication.focusWidget(), QLineEdit):
            main = self.main_button()
            if main is not None and main.isEnabled() and main.isVisible():
                main.click()
            else:
                self.return_refused()
            event.accept()
            return
        super().keyPressEvent(event)

    def paragraph(self, text: str, muted: bool = False) -> QLabel:
        label = QLabel(text, self.card)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if muted:
            label.setStyleSheet("color: #555;")
        self.body.addWidget(label)
        return label


class WelcomePage(_CardPage):
    create_requested = Signal()
    demo_requested = Signal()

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__("Bienvenue dans Îlot desktop", parent)
        self.paragraph(
            "L'outil de suivi du dispositif Dynamiques Emploi : dossiers des participants, "
            "rendez-vous, freins et résultats, même sans connexion en détention."
        )
        self.paragraph(
            "Tout reste sur cet ordinateur, dans un seul fichier chiffré protégé par votre mot de passe.",
            muted=True,
        )
        self.create_button = QPushButton("Créer mon fichier chiffré", self.card)
        self.create_button.setDefault(True)
        self.create_button.setMinimumHeight(40)
        self.create_button.setAccessibleName("Créer mon fichier chiffré")
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button = QPushButton("Essayer avec des données fictives", self.card)
        self.demo_button.setMinimumHeight(40)
        self.demo_button.setAccessibleName("Essayer avec des données fictives")
        self.demo_button.clicked.connect(self.demo_requested)
        self.body.addWidget(self.create_button)
        self.body.addWidget(self.demo_button)
        self.paragraph(
            "La démonstration contient une cinquantaine de personnes inventées ; elle est rangée à part "
            "et ne se mélange jamais à vos dossiers.",
            muted=True,
        )
        self.orphan = self.paragraph(
            "Ce dossier contient une clé (ilot.key) mais pas de fichier de données (ilot.db) : le fichier a "
            "peut-être été déplacé ou copié ailleurs. Remettez-le dans ce dossier puis relancez "
            "l'application ; créer un nouveau fichier ici remplacerait la clé.",
        )
        self.orphan.setStyleSheet("color: #b00020;")
        self.orphan.hide()
        self.paragraph(f"Dossier des données\u00a0: {folder}", muted=True)
        self.set_buttons()

    def main_button(self) -> QPushButton:
        return self.create_button

    def set_orphan_key(self, orphan: bool) -> None:
        """A key file without its database: say so, and do not offer to create over it."""
        self.orphan.setVisible(orphan)
        self.create_button.setEnabled(not orphan)


class CreatePage(_CardPage):
    create_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Créer le fichier chiffré", parent)
        self.paragraph(
            "Choisissez le mot de passe qui protégera les dossiers des personnes accompagnées. "
            "Il sera demandé à chaque ouverture et après chaque verrouillage."
        )
        self.passwords = PasswordPair("Mot de passe", self.card)
        self.body.addWidget(self.passwords)
        self.year = date.today().year  # the window's own day: ``set_year``
        self.laptop_code = LaptopCodeField(lambda code: next_file_number([], self.year, code), self.card)
        self.body.addWidget(self.laptop_code)
        self.paragraph(
            f"{EXPLANATION} Recommandé, même seul pour commencer. Laissé vide, les numéros restent sans initiales "
            "(DE\u20112026\u2011001)\u00a0; le code peut être choisi plus tard dans Fichier → Préférences…",
            muted=True,
        )
        self.laptop_code.edit.returnPressed.connect(self._submit)
        self.error = ErrorLabel(self.card)
        self.body.addWidget(self.error)
        self.back_button = QPushButton("Retour", self.card)
        self.back_button.clicked.connect(self.back_requested)
        self.create_button = QPushButton("Créer le fichier", self.card)
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._submit)
        self.passwords.validity_changed.connect(self.create_button.setEnabled)
        self.passwords.first.returnPressed.connect(self.passwords.second.setFocus)
        self.passwords.second.returnPressed.connect(self._submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        self.body.addLayout(buttons)
        self.set_buttons()

    def main_button(self) -> QPushButton:
        return self.create_button

    def set_year(self, year: int) -> None:
        self.year = year
        self.laptop_code.refresh()

    def _submit(self) -> None:
        problem = self.laptop_code.problem()
        if problem is not None:  # the code is read by the window once the file is created (``create_vault``)
            self.error.show_message(problem)
            self.laptop_code.edit.setFocus()
            return
        if self.passwords.is_valid():
            self.create_requested.emit(self.passwords.password())

    def reset(self) -> None:
        self.passwords.clear()
        self.laptop_code.set_code("")
        self.error.show_message(None)


class RecoveryCodePage(_CardPage):
    save_sheet_requested = Signal()
    print_sheet_requested = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Votre code de secours", parent)
        self.paragraph(
            "Si le mot de passe est oublié, ce code est le seul moyen d'ouvrir les dossiers. "
            "Il ne sera plus jamais affiché."
        )
        self.code_label = QLabel(self.card)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName("Code de secours")
        self.code_label.setWordWrap(True)
        self.code_label.setStyleSheet(
            "font-family: 'DejaVu Sans Mono', monospace; font-size: 17px; font-weight: 600;"
            "background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px;"
        )
        self.body.addWidget(self.code_label)
        self.paragraph(
            "Imprimez la feuille de secours, ou enregistrez-la (PDF) sur une clé USB pour l'imprimer ailleurs, "
            "puis supprimez le fichier. Rangez la feuille dans le coffre du bureau, jamais avec l'ordinateur. "
            "Ne la photographiez pas et ne l'envoyez pas par e-mail.",
        )
        self.print_button = QPushButton("Imprimer la feuille de secours…", self.card)
        self.print_button.setAccessibleName("Imprimer la feuille de secours")
        self.print_button.clicked.connect(self.print_sheet_requested)
        self.save_button = QPushButton("Enregistrer la feuille de secours (PDF)…", self.card)
        self.save_button.setAccessibleName("Enregistrer la feuille de secours en PDF")
        self.save_button.clicked.connect(self.save_sheet_requested)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.print_button)
        sheet_row.addWidget(self.save_button)
        sheet_row.addStretch(1)
        self.body.addLayout(sheet_row)
        self.saved_label = QLabel(self.card)
        self.saved_label.setStyleSheet("color: #1b6e20;")
        self.saved_label.setWordWrap(True)
        self.body.addWidget(self.saved_label)
        self.confirm = QCheckBox(
            "J'ai imprimé, enregistré ou recopié ce code et je le rangerai en lieu sûr.", self.card
        )
        self.body.addWidget(self.confirm)
        self.continue_button = QPushButton("Continuer", self.card)
        self.continue_button.setEnabled(False)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.done)
        self.hint = QLabel("Cochez d'abord la case ci-dessus (barre d'espace), puis Entrée.", self.card)
        self.hint.setStyleSheet(TODO_STYLE)
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.confirm.toggled.connect(lambda _on: self.hint.hide())
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)  # its own width, hint shown or not
        self.body.addLayout(row)
        self.code = ""
        self.set_buttons()

    def main_button(self) -> QPushButton:
        return self.continue_button

    def return_refused(self) -> None:
        """Return before the box is ticked: the box takes the focus and the page says what is missing (Return
        never ticks it: noting the code is the caseworker's own statement)."""
        self.confirm.setFocus()
        self.hint.show()

    def show_code(self, code: str) -> None:
        self.code = code
        groups = code.split("-")
        lines = ["  ".join(groups[i : i + 5]) for i in range(0, len(groups), 5)]
        self.code_label.setText("\n".join(lines))
        self.confirm.setChecked(False)
        self.saved_label.clear()
        self.hint.hide()

    def forget(self) -> None:
        self.code = ""
        self.code_label.clear()


class UnlockPage(_CardPage):
    unlock_requested = Signal(str)
    recover_requested = Signal(str, str)

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__("Déverrouiller les dossiers", parent)
        self.folder_label = self.paragraph(self.folder_text(folder), muted=True)
        # password mode
        self.password_box = QWidget(self.card)
        self.password = QLineEdit(self.password_box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe")
        self.password.setPlaceholderText("Mot de passe")
        self.password.returnPressed.connect(self._unlock)
        caption = QLabel("Mot de passe\u00a0:", self.password_box)
        caption.setBuddy(self.password)
        self.unlock_button = QPushButton("Déverrouiller", self.password_box)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.forgot_button = QPushButton("Mot de passe oublié ?", self.password_box)
        self.forgot_button.setFlat(True)
        self.forgot_button.setStyleSheet("color: #0b57d0; text-decoration: underline; text-align: left;")
        self.forgot_button.clicked.connect(lambda: self.show_recovery(True))
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        box = QVBoxLayout(self.password_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(caption)
        box.addLayout(row)
        box.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.password_box)
        # recovery mode
        self.recovery_box = QWidget(self.card)
        self.code = QLineEdit(self.recovery_box)
        self.code.setAccessibleName("Code de secours")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-…")
        code_row, self.show_code = masked_with_toggle(self.code, "le code de secours")
        code_caption = QLabel("Code de secours (sur la feuille rangée au coffre)\u00a0:", self.recovery_box)
        code_caption.setBuddy(self.code)
        # the code's form checked as it is typed: how much is typed, a typo, or « ✓ » once it is well formed
        self.code_status = QLabel(self.recovery_box)
        self.code_status.setAccessibleName("Vérification du code de secours")
        self.code_status.setWordWrap(True)
        self.code.textChanged.connect(self._code_edited)
        self._code_error = False  # the message shown is the answer to the code tried: it goes once it changes
        self.new_passwords = PasswordPair("Nouveau mot de passe", self.recovery_box)
        self.recover_button = QPushButton("Ouvrir avec le code de secours", self.recovery_box)
        self.recover_button.setEnabled(False)
        self.new_passwords.validity_changed.connect(self.recover_button.setEnabled)
        self.code.returnPressed.connect(self.new_passwords.first.setFocus)
        self.new_passwords.first.returnPressed.connect(self.new_passwords.second.setFocus)
        self.new_passwords.second.returnPressed.connect(self._recover)
        self.recover_button.clicked.connect(self._recover)
        self.back_button = QPushButton("Revenir au mot de passe", self.recovery_box)
        self.back_button.clicked.connect(lambda: self.show_recovery(False))
        rec = QVBoxLayout(self.recovery_box)
        rec.setContentsMargins(0, 0, 0, 0)
        rec.addWidget(code_caption)
        rec.addLayout(code_row)
        rec.addWidget(self.code_status)
        rec.addWidget(self.new_passwords)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)
        rec.addLayout(buttons)
        self.body.addWidget(self.recovery_box)
        self.recovery_box.hide()
        self.error = ErrorLabel(self.card)
        self.error.setAccessibleName("Message d'erreur")
        self.body.addWidget(self.error)
        self.set_buttons()
        self.recover_button.setDefault(True)  # the main button of the other mode

    @staticmethod
    def folder_text(folder: Path) -> str:
        return f"Dossier des données\u00a0: {folder}"

    def set_folder(self, folder: Path) -> None:
        self.folder_label.setText(self.folder_text(folder))

    def main_button(self) -> QPushButton:
        return self.recover_button if self.recovery_box.isVisibleTo(self) else self.unlock_button

    def show_recovery_error(self, message: str) -> None:
        """The answer to a recovery tried (a typo in the code, a code that does not open this file…): it stays
        only until the code is changed, where the live check below the field takes over."""
        self.error.show_message(message)
        self._code_error = True

    def _code_edited(self, text: str) -> None:
        if self._code_error:
            self._code_error = False
            self.error.show_message(None)
        typed = len("".join(c for c in text if not c.isspace() and c != "-"))
        problem = vault.recovery_code_problem(text)
        if not typed:
            self.code_status.clear()
        elif problem is None:
            self.code_status.setText("✓ Code complet, sans faute de frappe.")
            self.code_status.setStyleSheet(OK_STYLE)
        elif typed < vault.RECOVERY_CODE_CHARS:
            self.code_status.setText(f"{typed} caractère{'s' if typed > 1 else ''} sur {vault.RECOVERY_CODE_CHARS}.")
            self.code_status.setStyleSheet("color: #555;")
        else:
            self.code_status.setText(problem)
            self.code_status.setStyleSheet(TODO_STYLE)

    def show_recovery(self, on: bool) -> None:
        self.password_box.setVisible(not on)
        self.recovery_box.setVisible(on)
        self.error.show_message(None)
        self._code_error = False
        (self.code if on else self.password).setFocus()

    def show_error(self, message: str) -> None:
        self.error.show_message(message)
        if self.password_box.isVisible():
            self.password.selectAll()
            self.password.setFocus()

    def reset(self) -> None:
        self.password.clear()
        self.code.clear()
        self.show_code.setChecked(False)
        self.new_passwords.clear()
        self.error.show_message(None)
        self.show_recovery(False)

    def _unlock(self) -> None:
        if not self.password.text():
            self.show_error("Saisissez votre mot de passe.")
            return
        self.unlock_requested.emit(self.password.text())

    def _recover(self) -> None:
        if not self.code.text().strip():
            self.error.show_message("Saisissez le code de secours.")
            return
        if not self.new_passwords.is_valid():
            self.error.show_message("Choisissez un nouveau mot de passe qui respecte les règles ci-dessus.")
            return
        self.recover_requested.emit(self.code.text(), self.new_passwords.password())
