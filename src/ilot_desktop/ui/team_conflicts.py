"""« Conflits à régler »: a field changed differently on two laptops, shown side by side until a person chooses.

Each conflict is one field of one record (``services.team.Conflict``): this laptop's value (« Sur cet ordinateur »)
beside the value received from a colleague (« Reçu de AB »), each with who changed it and when, and « Garder
celle-ci » under each. Free texts (a compte rendu, notes) may also be kept both, joined. A choice is a write of
this laptop: it travels with the next package and settles the conflict on every laptop. Until then nothing is
overwritten: the record keeps this laptop's value.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import fit_to_screen, wrapping_label

if TYPE_CHECKING:
    from ilot_desktop.services.team import Conflict, ConflictValue

log = logging.getLogger(__name__)
KeyRole = Qt.ItemDataRole.UserRole + 150
EMPTY = "Aucun conflit n'attend de choix\u00a0: tout ce qui a été reçu de l'équipe est en place, rien n'a été écrasé."
HERE = "Sur cet ordinateur"


def when(moment: datetime | None) -> str:
    """« le 02/12/2026 à 10:15 » (the laptop's local time), or "" when unknown."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"le {moment:%d/%m/%Y} à {moment:%H:%M}"


def side_title(value: ConflictValue) -> str:
    """« Sur cet ordinateur », or « Reçu de AB le 02/12/2026 »."""
    if value.here:
        return HERE
    day = f" le {value.at.astimezone() if value.at.tzinfo else value.at:%d/%m/%Y}" if value.at else ""
    return f"Reçu de {value.by_code or 'une collègue'}{day}"


def side_author(value: ConflictValue, deleted: bool) -> str:
    """Who changed it and when: « Supprimé sur cet ordinateur (AB) le 02/12/2026 à 10:15 »."""
    verb = "Supprimé" if deleted else "Modifié"
    where = f"sur cet ordinateur ({value.by_code})" if value.here and value.by_code else "sur cet ordinateur"
    who = where if value.here else f"par {value.by_code or 'une collègue'}"
    moment = when(value.at)
    return f"{verb} {who} {moment}".strip() + "."


def is_deleted(conflict: Conflict, value: ConflictValue) -> bool:
    """The side that deleted the record, in a « supprimé ici / modifié là » conflict."""
    return conflict.deletion and value.value == "delete"


def deletion_heading(conflict: Conflict) -> str:
    here_deleted = any(is_deleted(conflict, v) for v in conflict.values if v.here)
    return (
        "Supprimé ici, modifié là\u00a0: gardez la suppression ou la version modifiée."
        if here_deleted
        else "Modifié ici, supprimé là\u00a0: gardez votre version ou la suppression."
    )


def list_text(conflict: Conflict) -> str:
    what = "Suppression" if conflict.deletion else conflict.field_label
    line = f"{conflict.record_label} — {what}"
    return f"{conflict.person}\n{line}" if conflict.person else line


class ConflictSide(QGroupBox):
    """One value of a conflict: the text, who changed it and when, and « Garder celle-ci »."""

    def __init__(self, conflict: Conflict, index: int, parent: QWidget | None = None):
        value = conflict.values[index]
        super().__init__(side_title(value), parent)
        deleted = is_deleted(conflict, value)
        self.author = wrapping_label(QLabel(side_author(value, deleted), self), 160)
        self.author.setStyleSheet("color: #555;")
        text = "(dossier ou élément supprimé)" if deleted else (value.text or "(vide)")
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName("Valeur sur cet ordinateur" if value.here else f"Valeur reçue de {value.by_code}")
        if deleted or not value.text:
            self.text.setStyleSheet("color: #555; font-style: italic;")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        scroll.setMinimumHeight(90)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keep = QPushButton("Garder la suppression" if deleted else "Garder celle-ci", self)
        self.keep.setAccessibleName(f"Garder la valeur «\u00a0{self.title()}\u00a0»")
        layout = QVBoxLayout(self)
        layout.addWidget(self.author)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep)
        layout.addLayout(row)


class ConflictsDialog(QDialog):
    """The conflicts waiting on this laptop, one at a time beside their list. ``settled`` after each choice (the
    pages redraw); « Ouvrir le dossier » closes the page and shows the person's file (``open_person``)."""

    settled = Signal()

    def __init__(self, team: Any, parent: QWidget | None = None, open_person: Callable[[int], None] | None = None):
        super().__init__(parent)
        self.team = team
        self.open_person = open_person
        self.conflicts: list[Conflict] = []
        self.sides: list[ConflictSide] = []
        self.keep_both: QPushButton | None = None
        self.opener: QPushButton | None = None
        self.settled_count = 0
        self.setWindowTitle("Conflits à régler")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.intro = wrapping_label(QLabel(self), 300)
        self.intro.setAccessibleName("Conflits en attente")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Liste des conflits")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumWidth(240)
        self.list.currentRowChanged.connect(self._show)
        self.detail = QWidget(self)
        self.detail_outer = QVBoxLayout(self.detail)
        self.detail_outer.setContentsMargins(8, 0, 0, 0)
        self.page: QWidget | None = None  # the conflict shown, built anew for each
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.empty = wrapping_label(QLabel(EMPTY, self), 300)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #1b6e20; font-size: 15px;")
        self.empty.setAccessibleName("Aucun conflit")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)
        self.close_button = QPushButton("&Fermer", self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 1000, 620)
        self.reload()

    # --- the list --------------------------------------------------------------------------------------

    def reload(self, row: int = 0) -> None:
        """Read the conflicts again (after a choice, or a package taken in) and show the one at ``row``."""
        self.conflicts = list(self.team.conflicts())
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(list_text(conflict))
            item.setData(KeyRole, conflict.key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        count = len(self.conflicts)
        if count == 0:
            self.intro.setText("Tout est réglé.")
            self.pages.setCurrentWidget(self.empty)
            self.close_button.setFocus()
            return
        where = "deux ordinateurs" if all(len(c.values) <= 2 for c in self.conflicts) else "plusieurs ordinateurs"
        self.intro.setText(
            ("1 conflit attend votre choix" if count == 1 else f"{count} conflits attendent votre choix")
            + f"\u00a0: la même information a été modifiée différemment sur {where}. Rien n'a été "
            "écrasé\u00a0; choisissez la valeur à garder, elle partira aux collègues au prochain envoi."
        )
        self.pages.setCurrentIndex(0)
        self.list.blockSignals(True)
        self.list.setCurrentRow(min(max(row, 0), count - 1))
        self.list.blockSignals(False)
        self._show(self.list.currentRow())

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    # --- one conflict ------------------------------------------------------------------------------------

    def _clear_detail(self) -> None:
        if self.page is not None:
            self.page.hide()  # gone from the screen now, deleted once the event loop runs
            self.page.deleteLater()
            self.page = None
        self.sides = []
        self.keep_both = None
        self.opener = None

    def _show(self, row: int) -> None:
        self._clear_detail()
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        page = self.page = QWidget(self.detail)
        self.detail_layout = QVBoxLayout(page)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        person = wrapping_label(QLabel(conflict.person or conflict.record_label, page))
        person.setStyleSheet("font-size: 16px; font-weight: 600;")
        person.setAccessibleName("Personne concernée")
        what = conflict.record_label
        if not conflict.deletion:
            what += f" — {conflict.field_label}"
        where = wrapping_label(QLabel(what, page))
        where.setStyleSheet("font-weight: 600;")
        where.setAccessibleName("Information en conflit")
        heading = QHBoxLayout()
        heading.addWidget(person, 1)
        if self.open_person is not None and conflict.participant_id is not None:
            opener = self.opener = QPushButton("&Ouvrir le dossier", page)
            opener.setAccessibleName("Fermer cette page et ouvrir le dossier de la personne")
            pid = conflict.participant_id
            opener.clicked.connect(lambda _checked=False, p=pid: self._open(p))
            heading.addWidget(opener)
        self.detail_layout.addLayout(heading)
        self.detail_layout.addWidget(where)
        if conflict.deletion:
            note = wrapping_label(QLabel(deletion_heading(conflict), page))
            note.setStyleSheet("color: #8a5a00;")
            self.detail_layout.addWidget(note)
        sides = QHBoxLayout()
        for index in range(len(conflict.values)):
            side = ConflictSide(conflict, index, page)
            side.keep.clicked.connect(lambda _checked=False, i=index: self.choose(i))
            sides.addWidget(side, 1)
            self.sides.append(side)
        self.detail_layout.addLayout(sides, 1)
        if conflict.can_keep_both:
            self.keep_both = QPushButton("Garder les &deux (textes mis bout à bout)", page)
            self.keep_both.setAccessibleName("Garder les deux textes, l'un après l'autre")
            self.keep_both.clicked.connect(lambda _checked=False: self.choose("both"))
            row_layout = QHBoxLayout()
            row_layout.addStretch(1)
            row_layout.addWidget(self.keep_both)
            self.detail_layout.addLayout(row_layout)
        order: list[QWidget] = [self.list, *(side.keep for side in self.sides)]
        if self.keep_both is not None:
            order.append(self.keep_both)
        order.append(self.close_button)
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.close_button.setDefault(True)  # Return never settles a conflict by itself
        self.detail_outer.addWidget(page)
        page.show()

    def _open(self, participant_id: int) -> None:
        """The page closes and the person's file shows (the conflicts wait: Fichier → Conflits à régler…)."""
        self.accept()
        if self.open_person is not None:
            self.open_person(participant_id)

    def choose(self, choice: int | str) -> bool:
        """Keep the value at ``choice`` (an index into the conflict's values) or ``"both"``; True when written."""
        conflict = self.current()
        if conflict is None:
            return False
        row = self.list.currentRow()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the file's sync states are read again
        try:
            self.team.resolve(conflict.key, choice)
        except IlotError as error:
            refused: IlotError | None = error
        else:
            refused = None
        finally:
            QGuiApplication.restoreOverrideCursor()
        if refused is not None:
            dialogs.show_error(self, refused)
            return False
        log.info("team conflict settled (%s)", "both" if choice == "both" else "one side")
        self.settled_count += 1
        self.settled.emit()
        self.reload(row)
        return True
