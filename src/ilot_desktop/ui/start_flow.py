"""The start flow: what shows before the records (first start, creation, recovery code, unlock, demonstration)
and the steps that open a file. The pages themselves are in ``start_pages.py``; the workspace is built by the
window at the first unlock (``MainWindow._prepare_workspace``), so the start page shows without it.
"""

from __future__ import annotations

import gc
import importlib
import linecache
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from ilot_desktop.errors import DamagedVaultError, IlotError
from ilot_desktop.logs import write_crash_report
from ilot_desktop.services import vault
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.window_base import WindowBase

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

STORAGE = "ilot_desktop.storage.database"
PRELOAD_AFTER_MS = 250  # once the start page is on screen


class StartFlowMixin(WindowBase):
    """Part of MainWindow: the start pages' steps."""

    def connect_start_pages(self) -> None:
        self.welcome.create_requested.connect(self._show_create)
        self.welcome.demo_requested.connect(self.open_demo)
        self.create_page.back_requested.connect(self.show_start)
        self.create_page.create_requested.connect(self.create_vault)
        self.code_page.save_sheet_requested.connect(self.save_recovery_sheet)
        self.code_page.print_sheet_requested.connect(self.print_recovery_sheet)
        self.code_page.done.connect(self._code_seen)
        self.unlock_page.unlock_requested.connect(self.unlock)
        self.unlock_page.recover_requested.connect(self.recover)
        self.stack.currentChanged.connect(self._update_demo_action)

    def show_start(self) -> None:
        self.statusBar().clearMessage()  # what was said over the open file (``invite_laptop_code``)
        QTimer.singleShot(PRELOAD_AFTER_MS, self._while_the_password_is_typed)
        status = vault.status(self.paths.data_dir)
        if status.exists:
            self.unlock_page.set_folder(status.folder)
            self.unlock_page.reset()
            if not status.has_keyfile:
                self.unlock_page.show_recovery(True)
                self.unlock_page.error.show_message(
                    "Le fichier de clé (ilot.key) est introuvable\u00a0: ouvrez le dossier avec le code de secours."
                )
            self.stack.setCurrentWidget(self.unlock_page)
            (self.unlock_page.code if not status.has_keyfile else self.unlock_page.password).setFocus()
            return
        self.welcome.set_orphan_key(status.has_keyfile)
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.create_button.setFocus()

    def _while_the_password_is_typed(self) -> None:
        """Preload the storage layer; freeze the garbage collector's old objects only while no file is open,
        so that nothing decrypted is ever set aside from collection."""
        _preload_storage(freeze=self.session is None)

    def _show_create(self) -> None:
        self.create_page.reset()
        self.create_page.set_year(self.today().year)
        self.stack.setCurrentWidget(self.create_page)
        self.create_page.passwords.first.setFocus()

    def create_vault(self, password: str) -> None:
        laptop_code = self.create_page.laptop_code.code()  # checked by the page before it asked

        def work() -> None:
            self._prepare_workspace()
            session, code = vault.create(self.paths.data_dir, password, self.today, code_pending=True)
            self.session, self.is_demo = session, False
            if laptop_code:
                session.participants.set_laptop_code(laptop_code)
            self.code_page.show_code(code)
            self.stack.setCurrentWidget(self.code_page)

        self._busy(work, self.create_page.error.show_message)

    def save_recovery_sheet(self) -> None:
        session = self.session  # the code page shows only over an open file
        if session is None:
            return
        target = dialogs.choose_save_path(
            self,
            "Enregistrer la feuille de secours (clé USB de préférence)",
            "feuille-de-secours-ilot.pdf",
            "Document PDF (*.pdf)",
            sensitive=True,
        )
        if target is None:
            return
        try:
            session.write_recovery_sheet(target, self.code_page.code)  # and the access log says so
        except IlotError as error:  # inside the data folder (refused), or the safe writer's reason (disk full...)
            dialogs.show_error(self, error)
            return
        self.code_page.saved_label.setText(f"✓ Feuille enregistrée\u00a0: {target}")

    def print_recovery_sheet(self) -> None:
        """The same sheet as the PDF, painted on the printer chosen in Qt's print dialog. Built in memory and
        handed to the printer: the application writes no file of its own (no temporary one); the system's print
        spooler may keep the job on disk until it is printed. The dialog offers no « Imprimer dans un fichier »,
        and a printer writing a PDF anyway is held to the « Enregistrer » rule (never in the data folder)."""
        from PySide6.QtPrintSupport import QPrinter

        session = self.session
        if session is None:
            return
        printer = dialogs.choose_printer(self, "Feuille de secours", to_file=False)
        if printer is None:
            return
        try:
            output = printer.outputFileName()
            if output or printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
                # a PDF with no file named is refused as well: where it would go is not known
                vault.require_sheet_outside(Path(output) if output else session.folder, session.folder)
            print_pdf_bytes(session.recovery_sheet_pdf(self.code_page.code), printer)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        session.recovery_sheet_printed()
        if printer.outputFileName():  # « Imprimer dans un fichier » chosen in the dialog
            said = f"✓ Feuille imprimée dans le fichier {printer.outputFileName()}"
        else:
            said = f"✓ Feuille envoyée à l'imprimante «\u00a0{printer.printerName()}\u00a0»"
        self.code_page.saved_label.setText(f"{said}. Vérifiez qu'elle est bien sortie et lisible.")

    def _demo_allowed(self) -> bool:
        """The demo from the start pages only (a file of one's own may exist already): never over an open
        file or a recovery code still on screen."""
        return self.session is None and self.stack.currentWidget() in (
            self.welcome,
            self.unlock_page,
            self.create_page,
        )

    def _update_demo_action(self, *_args: object) -> None:
        self.menus.demo_action.setEnabled(self._demo_allowed())

    def _open_demo_from_menu(self) -> None:
        """The fictional people, even once the real file exists (training a colleague, a demonstration)."""
        if self._demo_allowed():
            self.open_demo()

    def open_demo(self) -> None:
        def work() -> None:
            from ilot_desktop.services.demo import open_or_create_demo  # the fictional people: loaded on demand
            from ilot_desktop.ui.workers import run_in_background

            self._prepare_workspace()
            folder, today = self.paths.demo_dir, self.today
            self.session = run_in_background(  # a few seconds to build: off the GUI thread (ui/workers.py)
                self, "Démonstration", "Préparation de la démonstration…", lambda _: open_or_create_demo(folder, today)
            )
            self.is_demo = True
            self._enter_workspace()

        self._busy(work, lambda message: dialogs.show_error(self, IlotError(message)))

    def _code_seen(self) -> None:
        """The person ticked « J'ai noté le code » and went on: the key file stops saying it was never shown."""
        if self.session is not None and not self.is_demo:
            vault.confirm_recovery_code(self.session.folder)
        self._enter_workspace()
        self.invite_laptop_code()

    def unlock(self, password: str) -> None:
        damaged = []

        def work() -> None:
            self._prepare_workspace()
            try:
                self.session = vault.unlock(self.paths.data_dir, password, self.today)
            except DamagedVaultError:
                damaged.append(True)
                raise
            self.is_demo = False
            self._enter_workspace()
            self.invite_laptop_code()
            self.propose_team_sync()  # team folder reachable: « Envoyer et recevoir » offered, never forced
            if vault.recovery_code_pending(self.paths.data_dir):
                dialogs.inform(
                    self,
                    "Code de secours à refaire",
                    "Le code de secours de ce fichier n'a peut-être jamais été noté\u00a0: l'application s'est "
                    "arrêtée pendant qu'il s'affichait.",
                    "Créez-en un nouveau maintenant (Fichier → Nouveau code de secours…) et imprimez sa feuille.",
                )

        def refused(message: str) -> None:
            self.unlock_page.show_error(message)
            if damaged:
                self.offer_latest_backup(password)

        self._busy(work, refused)

    def invite_laptop_code(self) -> None:
        """A file without a laptop code (created before codes existed, or left empty): the status bar says how
        new files are numbered and where to choose one, until the file is locked or a code chosen."""
        session = self.session
        if session is None or self.is_demo or session.participants.laptop_code():
            self.statusBar().clearMessage()
            return
        self.statusBar().showMessage(
            f"Nouveaux dossiers numérotés sans code d'ordinateur ({session.participants.new_draft().file_number})"
            "\u00a0: en équipe, choisissez le code de cet ordinateur dans Fichier → Préférences…"
        )

    def recover(self, code: str, new_password: str) -> None:
        def work() -> None:
            self._prepare_workspace()
            session = vault.unlock_with_recovery_code(self.paths.data_dir, code, new_password, self.today)
            self.session = session
            self.is_demo = False
            issued = session.issued_recovery_code
            if issued is not None:  # a file of format 1: the old code was its key, a new one replaces it
                self.code_page.show_code(issued)
                self.stack.setCurrentWidget(self.code_page)
            else:
                self._enter_workspace()
                self.invite_laptop_code()
            dialogs.inform(
                self,
                "Nouveau mot de passe enregistré",
                "Le fichier est ouvert, rechiffré avec une nouvelle clé, et votre nouveau mot de passe est "
                "enregistré\u00a0: l'ancien n'ouvre plus rien de ce qui est écrit désormais.",
                "Un nouveau code de secours a été créé\u00a0: imprimez la nouvelle feuille, l'ancienne n'ouvre plus "
                "le fichier."
                if issued is not None
                else "Le code de secours reste valable\u00a0: gardez la feuille au coffre.",
            )

        self._busy(work, self.unlock_page.show_recovery_error)

    def _busy(self, work: Callable[[], None], show_message: Callable[[str], None]) -> bool:
        """Run a step with a wait cursor; known problems go to ``show_message``, bugs to a report.

        If the step fails after a vault was opened, the vault is closed again: nothing stays
        decrypted behind the start pages.
        """
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        except Exception as exc:
            QGuiApplication.restoreOverrideCursor()
            if self.session is not None and (
                self.workspace is None or self.stack.currentWidget() is not self.workspace
            ):
                self.session.close()
                self.session = None
            if isinstance(exc, IlotError):
                show_message(str(exc))
            else:
                log.error("unexpected error (%s)", type(exc).__qualname__)
                dialogs.show_error(self, exc, write_crash_report(self.paths.crash_dir, exc))
            return False
        QGuiApplication.restoreOverrideCursor()
        return True


def print_pdf_bytes(data: bytes, printer: QPrinter) -> int:
    """Every page of a PDF held in memory painted on ``printer``; the number of pages sent. The bytes go from a
    buffer to the printer: nothing is written on disk."""
    from PySide6.QtCore import QObject

    from ilot_desktop.ui.plan_preview import load_pdf, print_document

    owner = QObject()  # the document and its buffer go with it, as soon as the pages are sent
    try:
        document, _buffer = load_pdf(data, owner)
        return print_document(document, printer)
    finally:
        owner.deleteLater()


def _preload_storage(freeze: bool = True) -> None:
    """Once the start page is on screen, while the password is typed: what the start could do without.

    The storage layer (SQLAlchemy, Alembic: about 0.4 s) is imported here: the start pages do without it, so
    they show sooner, and the unlock finds it loaded. On the main thread, simply: keys typed meanwhile wait in
    Qt's queue, none is lost.

    Then, once per process and while no file is open, everything alive (modules, classes, the window's
    widgets: kept until the end) is set aside from the garbage collector's full passes (``gc.freeze``).
    Scanning these 100,000 objects made each full pass take 65-85 ms, in the middle of a search, a switch
    or a Bilan on a ten-year file; 4 to 20 ms without them. The workspace, built at the first unlock before
    the file is opened, is set aside then (``freeze_new_objects``).
    """
    importlib.import_module(STORAGE)  # nothing to do once loaded
    linecache.clearcache()  # the sources of our modules, which PySide6 read as they were imported (ui/__init__.py)
    if freeze and not gc.get_freeze_count():
        gc.collect()  # garbage of the start is freed first, not frozen with the rest
        gc.freeze()


def freeze_new_objects() -> None:
    """After building the workspace, while no file is open: its widgets join what the collector skips (only
    once the start froze the rest: a start too quick for the preload leaves it to the collector)."""
    linecache.clearcache()  # the pages' sources, read by PySide6 as they were imported (ui/__init__.py)
    if gc.get_freeze_count():
        gc.collect()
        gc.freeze()
