"""Team work's dialogs: what « Envoyer et recevoir » did, the team passphrase when it is asked again, its change, and
« Transmettre à une collègue… » (chosen files to a package on a USB key)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.vocabulary import fold
from ilot_desktop.ui.password_fields import masked_with_toggle
from ilot_desktop.ui.widgets import (
    ErrorLabel,
    add_form_row,
    fit_to_screen,
    ok_cancel_row,
    password_field,
    wrapping_label,
)
from ilot_desktop.ui.workers import french_number

log = logging.getLogger(__name__)
IdRole = Qt.ItemDataRole.UserRole + 151
PASSPHRASE_MIN = 12  # characters: a shared folder can be copied, its packages attacked offline


def plural(count: int, one: str, many: str) -> str:
    return f"{french_number(count)} {one if count == 1 else many}"


def passphrase_problem(first: str, second: str) -> str | None:
    """What is wrong with a new team passphrase typed twice, in French; None when it can be used."""
    if len(first) < PASSPHRASE_MIN:
        return f"La phrase de passe d'équipe compte au moins {PASSPHRASE_MIN} caractères (plusieurs mots, par exemple)."
    if first != second:
        return "Les deux saisies de la phrase de passe sont différentes."
    return None


# --- what « Envoyer et recevoir » did ---------------------------------------------------------------------------


def sync_lines(result: Any) -> list[str]:
    """The French lines of a ``SyncResult``: sent, received from whom, renumbered files (by number), refused."""
    lines: list[str] = []
    sent = result.sent
    if sent is None:
        lines.append("Rien de nouveau à envoyer depuis le dernier envoi.")
    else:
        lines.append(f"Envoyé\u00a0: {plural(sent.records, 'élément', 'éléments')} dans le dossier d'équipe.")
    received = [r for r in result.received if not r.already_taken]
    if not received:
        lines.append("Aucun paquet nouveau de vos collègues.")
    quiet: list[str] = []  # packages that brought nothing new here: one line for them
    for imported in received:
        if _brought_something(imported):
            lines.extend(import_lines(imported))
        elif imported.from_code not in quiet:
            quiet.append(imported.from_code)
    if quiet:
        lines.append(f"Rien de nouveau dans les paquets de {', '.join(code or 'une collègue' for code in quiet)}.")
    for name, reason in result.refused:
        lines.append(f"Paquet refusé ({name})\u00a0: {reason}")
    return lines


def _brought_something(imported: Any) -> bool:
    return bool(
        imported.new
        or imported.updated
        or imported.renumbered
        or imported.erased
        or imported.anonymised
        or imported.joined_actions
        or imported.conflicts
    )


def import_lines(imported: Any) -> list[str]:
    """An ``ImportResult``'s French lines, and each renumbered file by its numbers (said once)."""
    lines = list(imported.summary_lines())
    said = "\n".join(lines)
    for former, new in imported.renumbered:
        if new not in said:
            lines.append(f"Dossier renuméroté\u00a0: {former} → {new} (ce numéro était déjà pris ici).")
    return lines


class TeamSummaryDialog(QDialog):
    """What was sent and received; « Voir les conflits » when some wait (``show_conflicts``)."""

    show_conflicts = Signal()

    def __init__(self, title: str, lines: Sequence[str], conflicts: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lines = list(lines)
        self.text = wrapping_label(QLabel("\n".join(f"• {line}" for line in lines), self), 380)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Résumé de l'échange")
        self.conflicts_label = wrapping_label(QLabel(self), 380)
        self.conflicts_label.setAccessibleName("Conflits en attente")
        self.conflicts_button = QPushButton("&Voir les conflits…", self)
        self.conflicts_button.clicked.connect(self._see_conflicts)
        if conflicts:
            self.conflicts_label.setText(
                ("1 conflit attend" if conflicts == 1 else f"{french_number(conflicts)} conflits attendent")
                + " votre choix\u00a0: la même information a été modifiée différemment sur deux ordinateurs. "
                "Rien n'a été écrasé."
            )
            self.conflicts_label.setStyleSheet("color: #8a5a00; font-weight: 600;")
        else:
            self.conflicts_label.setText("Aucun conflit à régler.")
            self.conflicts_button.hide()
        close = self.close_button = QPushButton("&Fermer", self)
        close.clicked.connect(self.accept)
        (self.conflicts_button if conflicts else close).setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.conflicts_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.conflicts_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())

    def _see_conflicts(self) -> None:
        self.accept()
        self.show_conflicts.emit()


# --- the team passphrase --------------------------------------------------------------------------------------


class PassphraseDialog(QDialog):
    """The team passphrase asked once more (changed by the head of programme, or never typed on this laptop):
    ``passphrase()`` once accepted. Never shown again; kept only as the derived key, inside the encrypted file."""

    def __init__(self, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Phrase de passe d'équipe")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        said = wrapping_label(QLabel(reason, self), 320)
        hint = wrapping_label(
            QLabel(
                "Demandez-la à la responsable du programme. Elle est gardée, chiffrée, sur cet ordinateur\u00a0: "
                "vous ne la saisissez qu'une fois.",
                self,
            ),
            320,
        )
        hint.setStyleSheet("color: #555;")
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Phrase de passe d'équipe")
        row, self.toggle = masked_with_toggle(self.field, "la phrase de passe d'équipe")
        holder = QWidget(self)
        holder.setLayout(row)
        form = QFormLayout()
        add_form_row(form, self, "Phrase de passe d'équipe", holder, buddy=self.field)
        self.error = ErrorLabel(self)
        buttons, self.ok_button, _cancel = ok_cancel_row(self, "&Continuer", self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(said)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(520, self.sizeHint().height())
        self.field.setFocus()

    def passphrase(self) -> str:
        return self.field.text()

    def _ok(self) -> None:
        if not self.field.text():
            self.error.show_message("Saisissez la phrase de passe d'équipe.")
            return
        self.accept()

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted.value:
            self.field.clear()  # nothing of it kept in a closed dialog
        super().done(result)


class ChangePassphraseDialog(QDialog):
    """The head of programme changes the team passphrase: the current one, the new one twice. ``change(old, new)``
    does it (the service; raises a French ``IlotError``, shown here)."""

    def __init__(
        self,
        change: Callable[[str, str], None],
        parent: QWidget | None = None,
        replace_lost: Callable[[str, str], None] | None = None,
    ):
        super().__init__(parent)
        self.change = change
        self.replace_lost = replace_lost
        self.setWindowTitle("Changer la phrase de passe d'équipe")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = wrapping_label(
            QLabel(
                "Les paquets envoyés ensuite seront scellés avec la nouvelle phrase\u00a0: chaque collègue la "
                "saisira une fois, au premier paquet reçu. À faire par la responsable du programme, par exemple au "
                "départ d'une collègue.",
                self,
            ),
            320,
        )
        self.old = password_field(self, "Phrase de passe actuelle")
        self.new = password_field(self, "Nouvelle phrase de passe d'équipe")
        self.again = password_field(self, "Confirmation de la nouvelle phrase de passe")
        form = self.form = QFormLayout()
        # A lost phrase: this laptop holds the team's key; the file's own password proves its person.
        self.lost = QCheckBox("Phrase actuelle &perdue\u00a0: je saisis le mot de passe de ce fichier", self)
        self.lost.setAccessibleName("Phrase de passe actuelle perdue")
        self.lost.setVisible(replace_lost is not None)
        self.lost.toggled.connect(self._lost_toggled)
        form.addRow("", self.lost)
        add_form_row(form, self, "Phrase actuelle", self.old)
        add_form_row(form, self, "Nouvelle phrase", self.new)
        add_form_row(form, self, "Confirmez-la", self.again)
        for first, second in ((self.lost, self.old), (self.old, self.new), (self.new, self.again)):
            QWidget.setTabOrder(first, second)  # as shown: the box above the field it changes
        self.old.setFocus()
        self.error = ErrorLabel(self)
        buttons, self.ok_button, _cancel = ok_cancel_row(self, "C&hanger", self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(540, self.sizeHint().height())

    def _ok(self) -> None:
        from ilot_desktop.errors import IlotError
        from ilot_desktop.ui.workers import WorkCancelled, run_in_background

        lost = self.lost.isChecked() and self.replace_lost is not None
        problem = passphrase_problem(self.new.text(), self.again.text())
        if not self.old.text():
            problem = "Saisissez le mot de passe de ce fichier." if lost else "Saisissez la phrase de passe actuelle."
        if problem is not None:
            self.error.show_message(problem)
            return
        old, new = self.old.text(), self.new.text()
        change = self.replace_lost if lost and self.replace_lost is not None else self.change
        try:
            run_in_background(
                self, self.windowTitle(), "Calcul de la nouvelle clé d'équipe…", lambda _p: change(old, new)
            )
        except WorkCancelled:
            return
        except IlotError as error:
            self.error.show_message(str(error))
            self.old.setFocus()
            self.old.selectAll()
            return
        self.accept()

    def _lost_toggled(self, lost: bool) -> None:
        """The first field asks the file's password instead of the lost phrase."""
        label = self.form.labelForField(self.old)
        if isinstance(label, QLabel):
            label.setText(("Mot de passe de ce fichier" if lost else "Phrase actuelle") + " :")
        self.old.setAccessibleName("Mot de passe de ce fichier" if lost else "Phrase de passe actuelle")
        self.old.clear()
        self.error.show_message(None)
        self.old.setFocus()

    def done(self, result: int) -> None:
        for field in (self.old, self.new, self.again):
            field.clear()
        super().done(result)


# --- « Transmettre à une collègue… » ------------------------------------------------------------------------------


class HandOverDialog(QDialog):
    """Choose the files (the one shown ticked), the colleague's name and where to write the package; the window
    does the hand-over with ``chosen()``. ``choose_path()`` asks where (a USB key)."""

    def __init__(
        self,
        people: Sequence[Any],
        preselected: Sequence[int],
        suggested_name: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.suggested_name = suggested_name
        self.target: Path | None = None
        self.setWindowTitle("Transmettre à une collègue")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = wrapping_label(
            QLabel(
                "Les dossiers cochés partent entiers (fiche, rendez-vous, freins, plan, résultats) dans un paquet "
                "chiffré avec la phrase de passe d'équipe, à remettre à la collègue (clé USB) ou à déposer dans le "
                "dossier d'équipe. Ils restent aussi sur cet ordinateur, avec la mention «\u00a0Transmis à…\u00a0».",
                self,
            ),
            320,
        )
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Nom, prénom ou numéro")
        self.search.setAccessibleName("Rechercher un dossier à transmettre")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.people = QListWidget(self)
        self.people.setAccessibleName("Dossiers à transmettre")
        chosen = set(preselected)
        for person in people:
            item = QListWidgetItem(f"{person.last_name.upper()} {person.first_name}  ·  {person.file_number}".strip())
            item.setData(IdRole, person.id)
            item.setData(IdRole + 1, fold(f"{person.last_name} {person.first_name} {person.file_number}"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in chosen else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.itemChanged.connect(self._count)
        self.count = QLabel(self)
        self.count.setAccessibleName("Nombre de dossiers cochés")
        self.colleague = QLineEdit(self)
        self.colleague.setAccessibleName("Nom de la collègue")
        self.colleague.setPlaceholderText("Par exemple\u00a0: Amina B.")
        self.colleague.setMaxLength(60)
        self.where = QLineEdit(self)
        self.where.setReadOnly(True)
        self.where.setAccessibleName("Fichier du paquet")
        self.where.setPlaceholderText("Choisissez où enregistrer le paquet (une clé USB par exemple)")
        self.browse = QPushButton("C&hoisir…", self)
        self.browse.setAccessibleName("Choisir où enregistrer le paquet")
        self.browse.clicked.connect(self.choose_path)
        where_row = QHBoxLayout()
        where_row.setContentsMargins(0, 0, 0, 0)
        where_row.addWidget(self.where, 1)
        where_row.addWidget(self.browse)
        where_holder = QWidget(self)
        where_holder.setLayout(where_row)
        form = QFormLayout()
        add_form_row(form, self, "&Rechercher", self.search)
        form.addRow("", self.people)
        form.addRow("", self.count)
        add_form_row(form, self, "&Collègue", self.colleague)
        add_form_row(form, self, "&Paquet", where_holder, buddy=self.browse)
        self.error = ErrorLabel(self)
        buttons, ok, cancel = ok_cancel_row(self, "Tra&nsmettre", self._ok)
        self.ok_button = ok
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        for first, second in zip(
            (self.search, self.people, self.colleague, self.browse, cancel),
            (self.people, self.colleague, self.browse, cancel, ok),
            strict=True,
        ):
            QWidget.setTabOrder(first, second)
        self._count()
        fit_to_screen(self, 640, 600)
        first_checked = next((i for i in range(self.people.count()) if self._checked(i)), 0)
        self.people.setCurrentRow(first_checked)
        self.colleague.setFocus()

    def _checked(self, row: int) -> bool:
        item = self.people.item(row)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def chosen_ids(self) -> list[int]:
        return [self.people.item(i).data(IdRole) for i in range(self.people.count()) if self._checked(i)]

    def _filter(self, text: str) -> None:
        wanted = fold(text.strip())
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(bool(wanted) and wanted not in item.data(IdRole + 1) and not self._checked(row))

    def _count(self, *_args: object) -> None:
        count = len(self.chosen_ids())
        self.count.setText(plural(count, "dossier coché", "dossiers cochés") if count else "Aucun dossier coché.")

    def choose_path(self) -> Path | None:
        from ilot_desktop.ui import dialogs

        path = dialogs.choose_save_path(
            self, "Enregistrer le paquet à transmettre", self.suggested_name, "Paquet d'équipe Îlot (*.ilotpkg)"
        )
        if path is None:
            return None
        if path.suffix.lower() != ".ilotpkg":
            path = path.with_name(path.name + ".ilotpkg")
        self.target = path
        self.where.setText(str(path))
        self.error.show_message(None)
        return path

    def chosen(self) -> tuple[list[int], str, Path] | None:
        ids, name = self.chosen_ids(), " ".join(self.colleague.text().split())
        if not ids:
            self.error.show_message("Cochez au moins un dossier à transmettre.")
            self.people.setFocus()
            return None
        if not name:
            self.error.show_message("Écrivez le nom de la collègue qui reçoit les dossiers.")
            self.colleague.setFocus()
            return None
        if self.target is None:
            self.error.show_message("Choisissez où enregistrer le paquet (une clé USB par exemple).")
            self.browse.setFocus()
            return None
        return ids, name, self.target

    def _ok(self) -> None:
        if self.chosen() is not None:
            self.accept()


def handed_over_text(to: str, day: date) -> str:
    return f"Transmis à {to} le {format_date(day)}"
