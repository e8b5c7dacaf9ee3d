"""Two password fields with the password rule explained as the person types; a masked field with « Afficher »."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ilot_desktop.domain.password import check_password

OK_STYLE = "color: #1b6e20;"
TODO_STYLE = "color: #8a5a00;"


def masked_with_toggle(field: QLineEdit, what: str) -> tuple[QHBoxLayout, QCheckBox]:
    """Mask ``field`` (a recovery code is the key of every record) and pair it with an « Afficher » box.

    The box is reached with Tab and toggled with Space; ``what`` names the field for screen readers
    (« le code de secours »). Returns the row to place and the box (``setChecked(False)`` masks again).
    """
    field.setEchoMode(QLineEdit.EchoMode.Password)
    toggle = QCheckBox("Afficher", field.parentWidget())
    toggle.setAccessibleName(f"Afficher {what}")
    toggle.setToolTip(f"Afficher {what} en clair le temps de le relire")
    toggle.toggled.connect(
        lambda shown: field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
    )
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(toggle)
    return row, toggle


class PasswordPair(QWidget):
    """``validity_changed(bool)``: the password meets the rule and both entries match."""

    validity_changed = Signal(bool)

    def __init__(self, first_label: str = "Mot de passe", parent: QWidget | None = None):
        super().__init__(parent)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(first_label)
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("Confirmation du mot de passe")
        self.show_box = QCheckBox("Afficher les caractères", self)
        self.show_box.setAccessibleName("Afficher les caractères du mot de passe")
        self.show_box.toggled.connect(self._toggle_echo)
        self.hints = QLabel(self)
        self.hints.setAccessibleName("Règles du mot de passe")
        self.hints.setTextFormat(Qt.TextFormat.RichText)
        self.hints.setWordWrap(True)
        self.match = QLabel(self)
        self.match.setAccessibleName("Concordance des deux saisies")
        form = QFormLayout()
        first_caption = QLabel(f"{first_label}\u00a0:", self)
        first_caption.setBuddy(self.first)
        second_caption = QLabel("Confirmez-le\u00a0:", self)
        second_caption.setBuddy(self.second)
        form.addRow(first_caption, self.first)
        form.addRow(second_caption, self.second)
        form.addRow("", self.show_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.hints)
        layout.addWidget(self.match)
        self._valid = False
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def password(self) -> str:
        return self.first.text()

    def is_valid(self) -> bool:
        return self._valid

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update(self) -> None:
        verdict = check_password(self.first.text(), date.today())  # the window's day, as the service's clock
        lines = []
        for met, text in verdict.hints():
            mark, style = ("✓", OK_STYLE) if met else ("•", TODO_STYLE)
            lines.append(f'<span style="{style}">{mark} {text}</span>')
        summary_style = OK_STYLE if verdict.acceptable else TODO_STYLE
        lines.append(f'<b style="{summary_style}">{verdict.summary()}</b>')
        self.hints.setText("<br>".join(lines))
        same = self.first.text() == self.second.text()
        if not self.second.text():
            self.match.setText("")
        elif same:
            self.match.setText("✓ Les deux saisies sont identiques.")
            self.match.setStyleSheet(OK_STYLE)
        else:
            self.match.setText("Les deux saisies sont différentes.")
            self.match.setStyleSheet(TODO_STYLE)
        valid = verdict.acceptable and same
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
