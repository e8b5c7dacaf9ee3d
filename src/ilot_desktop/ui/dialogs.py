"""Every message box and file dialog goes through here: French, never a traceback.

Tests replace these functions; a stray ``QMessageBox`` elsewhere fails the tests instead of hanging.

Each of them runs its own event loop (``exec``) while the code that asked waits for the answer. The lock
(``cancel_questions``) never pulls the records from under that code: it answers every open question
"Annuler", answers any further one "Annuler" at once without showing it, and runs when the last of these
loops has returned and the code that asked has finished.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from ilot_desktop import file_names
from ilot_desktop.errors import IlotError

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)
T = TypeVar("T")


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    OPEN_EXISTING = "open_existing"
    CREATE_ANYWAY = "create_anyway"


class _QuestionState:
    """The question boxes and file choosers whose ``exec`` is running, innermost last (None: a file chooser
    opened by a static QFileDialog function, found as the application's modal window)."""

    def __init__(self) -> None:
        self.open: list[QDialog | None] = []
        self.cancelling = False
        self.then: list[Callable[[], None]] = []


_Questions = _QuestionState()


def _run(show: Callable[[], T], cancelled: T, dialog: QDialog | None = None) -> T:
    """Run one question; while a lock is waiting, answer ``cancelled`` without showing anything."""
    if _Questions.cancelling:
        log.info('question answered "Annuler": the window is locking')
        return cancelled
    _Questions.open.append(dialog)
    try:
        return show()
    finally:
        _Questions.open.pop()
        if _Questions.cancelling and not _Questions.open:
            QTimer.singleShot(0, _after_questions)  # once the code that asked has finished


def questions_open() -> bool:
    return bool(_Questions.open)


def cancel_questions(then: Callable[[], None]) -> None:
    """Answer every open question "Annuler" and call ``then`` once all of them have returned.

    With none open, ``then`` is called at once."""
    if not _Questions.open and not _Questions.cancelling:
        then()
        return
    _Questions.then.append(then)
    if _Questions.cancelling:
        return
    _Questions.cancelling = True
    for asked in reversed(list(_Questions.open)):
        dialog = asked if asked is not None else QApplication.activeModalWidget()
        if asked is None and not isinstance(dialog, QFileDialog):
            continue
        if isinstance(dialog, QDialog) and dialog.isVisible():
            dialog.reject()


def _after_questions() -> None:
    if _Questions.open or not _Questions.cancelling:
        return
    waiting, _Questions.then = _Questions.then, []
    try:
        for callback in waiting:
            callback()
    finally:
        _Questions.cancelling = False


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    return box


def inform(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, detail)
    box.setDefaultButton(box.addButton("OK", QMessageBox.ButtonRole.AcceptRole))
    _run(box.exec, None, box)


def show_error(parent: QWidget | None, error: BaseException, crash_report: Path | None = None) -> None:
    """An environment or input problem in words; a bug with the path of its report."""
    if isinstance(error, IlotError):
        box = _box(parent, QMessageBox.Icon.Warning, "Îlot desktop", str(error))
    else:
        where = ""
        if crash_report:
            where = f"\n\nUn rapport sans données personnelles a été écrit ici\u00a0:\n{crash_report}"
        box = _box(
            parent,
            QMessageBox.Icon.Critical,
            "Erreur inattendue",
            "Une erreur inattendue s'est produite. Ce qui était déjà enregistré n'est pas touché.",
            "Vous pouvez transmettre le rapport à l'équipe qui maintient l'application." + where,
        )
    box.setDefaultButton(box.addButton("OK", QMessageBox.ButtonRole.AcceptRole))
    _run(box.exec, None, box)


def ask_unsaved(parent: QWidget | None, subject: str) -> Answer:
    """``subject`` starts the sentence: "Le dossier « DUPONT Marc »", "Ce rendez-vous"."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "Modifications non enregistrées",
        f"{subject} comporte des modifications non enregistrées.",
        "Voulez-vous les enregistrer avant de continuer ?",
    )
    save = box.addButton("Enregistrer", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Ne pas enregistrer", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    if _run(box.exec, None, box) is None:
        return Answer.CANCEL
    clicked = box.clickedButton()
    return Answer.SAVE if clicked is save else Answer.DISCARD if clicked is discard else Answer.CANCEL


def ask_duplicate(parent: QWidget | None, who: str) -> Answer:
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        "Dossier déjà existant ?",
        f"Un dossier existe déjà pour {who}, avec la même date de naissance.",
        "Il s'agit sans doute de la même personne. Ouvrir le dossier existant évite un doublon "
        "(la saisie en cours est alors abandonnée).",
    )
    open_existing = box.addButton("Ouvrir le dossier existant", QMessageBox.ButtonRole.AcceptRole)
    create = box.addButton("Créer quand même", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_existing)
    if _run(box.exec, None, box) is None:
        return Answer.CANCEL
    clicked = box.clickedButton()
    if clicked is open_existing:
        return Answer.OPEN_EXISTING
    return Answer.CREATE_ANYWAY if clicked is create else Answer.CANCEL


def confirm(parent: QWidget | None, title: str, text: str, detail: str, action: str) -> bool:
    """A destructive step, confirmed by a button that names it; "Annuler" is the default."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    if _run(box.exec, None, box) is None:
        return False
    return box.clickedButton() is go


def start_folder() -> str:
    """Where file dialogs open: the user's Documents, never the working directory (which, from a menu
    shortcut, may be the install folder or the application's sources)."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    path = _run(lambda: QFileDialog.getExistingDirectory(parent, title, start_folder()), "")
    return Path(path) if path else None


def choose_open_path(parent: QWidget | None, title: str, filter_text: str) -> Path | None:
    path, _ = _run(lambda: QFileDialog.getOpenFileName(parent, title, start_folder(), filter_text), ("", ""))
    return Path(path) if path else None


# Folders that online services copy off the computer (Documents is often one on Windows 11 and macOS).
SYNCED_FOLDER_NAMES = ("onedrive", "icloud drive", "mobile documents", "dropbox", "google drive", "googledrive")


def synced_service(path: Path) -> str | None:
    """The online service whose folder holds ``path`` (« OneDrive - L'Îlot », « iCloud Drive »…), or None."""
    for part in path.parts:
        lowered = part.lower()
        if lowered.startswith(SYNCED_FOLDER_NAMES) or lowered == "my drive":
            return part
    return None


def choose_save_path(
    parent: QWidget | None, title: str, suggested: str, filter_text: str, sensitive: bool = False
) -> Path | None:
    """``suggested`` is a file name (placed in Documents) or a full path (kept).

    ``sensitive``: the document is personal data in clear (recovery sheet, full export, access copy, plan):
    a folder synchronised with an online service is named and must be confirmed."""
    proposal = Path(suggested)
    if not proposal.is_absolute():  # a name made of a typed file number: valid on Windows too
        proposal = Path(start_folder()) / file_names.portable_name(suggested)
    while True:
        shown = str(proposal)
        path, _ = _run(lambda: QFileDialog.getSaveFileName(parent, title, shown, filter_text), ("", ""))  # noqa: B023
        if not path:
            return None
        service = synced_service(Path(path)) if sensitive else None
        if service is None or confirm(
            parent,
            "Dossier synchronisé",
            f"Ce dossier est synchronisé avec un service en ligne («\u00a0{service}\u00a0»).",
            "Le document contient des données personnelles en clair\u00a0: il serait copié hors de cet ordinateur. "
            "Choisissez plutôt une clé USB ou un dossier local.",
            "Enregistrer quand même",
        ):
            return Path(path)
        proposal = Path(path)


def open_file(path: Path) -> None:
    """Hand a document to the system (viewer, printing)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        inform(None, "Document enregistré", f"Le document est enregistré ici\u00a0:\n{path}")


def choose_printer(parent: QWidget | None, document: str = "Plan d'action", to_file: bool = True) -> QPrinter | None:
    """Qt's print dialog (French through qtbase_fr); the configured printer, or None if cancelled. ``document``
    names the job in the printer's queue; ``to_file=False`` removes « Imprimer dans un fichier » (the recovery
    sheet: its caller still checks where a PDF printer would write)."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Imprimer")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, to_file)
    accepted = _run(dialog.exec, None, dialog) == QPrintDialog.DialogCode.Accepted
    return printer if accepted else None
