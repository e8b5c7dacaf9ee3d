"""The window part of ``scan_session.py``: the real ``run_gui`` (instance lock, log, French Qt), offscreen,
driven through every tab and every document it writes, lock and unlock, backup and restore.

File choosers and message boxes are the functions of ``ilot_desktop.ui.dialogs``, replaced here: a chooser
returns the path the step chose under ``sorties/``, a question is answered yes, and any other Qt dialog
(a message box that bypasses ``dialogs``) fails the run instead of hanging it.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from tests.faults.scan_session import GUI_PASSWORD, NEW_PASSWORD, fast_kdf, markers, step

RECOVERED_PASSWORD = "Butte-aux-Cailles-Rue-9"


class Driver:
    def __init__(self, work: Path):
        self.work = work
        self.out = work / "sorties"
        self.next_paths: list[Path] = []
        self.errors: list[str] = []
        self.informed: list[str] = []
        self.opened: list[str] = []
        self.password = NEW_PASSWORD
        self.names = markers(work)
        self.window = None

    # --- the replaced dialogs ----------------------------------------------------------------------------

    def install(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from ilot_desktop.ui import dialogs

        def chosen(*args, **kwargs):
            if not self.next_paths:
                raise AssertionError("a file chooser opened that the step did not expect")
            return self.next_paths.pop(0)

        def show_error(parent, error, crash_report=None):
            self.errors.append(
                f"{type(error).__name__}: {error}" + (f" (rapport {crash_report})" if crash_report else "")
            )

        def refuse(*args, **kwargs):
            raise AssertionError("a Qt dialog opened outside ilot_desktop.ui.dialogs")

        dialogs.choose_save_path = chosen
        dialogs.choose_folder = chosen
        dialogs.choose_open_path = chosen
        dialogs.show_error = show_error
        dialogs.inform = lambda parent, title, text, detail="": self.informed.append(title)
        dialogs.confirm = lambda *args, **kwargs: True
        dialogs.ask_unsaved = lambda *args, **kwargs: dialogs.Answer.DISCARD
        dialogs.ask_duplicate = lambda *args, **kwargs: dialogs.Answer.CREATE_ANYWAY
        dialogs.open_file = lambda path: self.opened.append(str(path))  # no viewer: it would copy nothing, but
        dialogs.choose_printer = self.pdf_printer  # would be a program outside the session
        QMessageBox.exec = refuse
        QPrintDialog.exec = refuse
        for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
            setattr(QFileDialog, name, staticmethod(refuse))

    def pdf_printer(self, parent=None):
        """Printing offscreen: Qt's own PDF printer (no print system in CI), to a chosen file."""
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.next_paths.pop(0)))
        return printer

    def choose(self, *relative: str) -> None:
        self.next_paths = [self.out / name for name in relative]

    # --- waiting ------------------------------------------------------------------------------------------

    def settle(self, rounds: int = 5) -> None:
        from PySide6.QtWidgets import QApplication

        for _ in range(rounds):
            QApplication.processEvents()

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
        from PySide6.QtCore import QDeadlineTimer, QThread
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(int(seconds * 1000))
        while not condition():
            if deadline.hasExpired():
                raise AssertionError(f"{what}: not reached")
            QApplication.processEvents()
            QThread.msleep(20)
        self.settle()

    def pause(self, ms: int) -> None:
        from PySide6.QtCore import QDeadlineTimer, QThread
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(ms)
        while not deadline.hasExpired():
            QApplication.processEvents()
            QThread.msleep(10)

    # --- the session --------------------------------------------------------------------------------------

    def unlock(self) -> None:
        window = self.window
        self.wait_for(lambda: window.stack.currentWidget() is window.unlock_page, "the unlock page")
        window.unlock_page.password.setText(self.password)
        window.unlock(self.password)
        self.wait_for(lambda: window.stack.currentWidget() is window.workspace, "the workspace after unlock")
        self.pause(400)  # the day's backup (150 ms after the workspace) and the preload run

    def person(self, file_number: str) -> int:
        for summary in self.window.session.participants.summaries():
            if summary.file_number == file_number:
                return summary.id
        raise AssertionError(f"{file_number} is not in the list")

    def every_tab(self) -> None:
        window = self.window
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            self.settle()
            inner = window.tabs.widget(index)
            if hasattr(inner, "count") and hasattr(inner, "setCurrentIndex"):
                for sub in range(inner.count()):
                    inner.setCurrentIndex(sub)
                    self.settle()

    def run(self) -> None:
        window = self.window
        step("gui-unlock")
        self.unlock()
        step("gui-tabs")
        self.every_tab()
        pid = self.person("DE-2026-801")
        window.open_participant(pid, window.dossier_tabs)
        self.every_tab()
        window.bilan.refresh()

        step("gui-appointment")
        window.tabs.setCurrentWidget(window.calendar_tabs)
        window.calendar_tabs.setCurrentWidget(window.week)
        views, _actions = window.session.followup.week(window.week.monday, 7)
        if views:
            window.week.edit_appointment(views[0].appointment.id)
            self.wait_for(lambda: window.week.dialog is not None and window.week.dialog.isVisible(), "appointment")
            window.week.dialog.report.setPlainText(f"{self.names[3]} saisi dans la fenêtre")
            window.week.dialog.save()
            self.settle()

        step("gui-week-sheet")
        self.choose("gui-semaine.pdf")
        window.week.print_week()

        step("gui-export")
        self.choose("gui-classeur.xlsx")
        window.export_everything()

        step("gui-import")
        window.open_import_wizard()
        wizard = window.import_wizard
        self.choose("gui-modele.xlsx")
        wizard.save_template()
        wizard.check(self.work / "entrees" / "refuse.xlsx")
        if wizard.preview is None or wizard.preview.ok:
            raise AssertionError("the refused workbook was not refused")
        wizard.check(self.work / "entrees" / "equipe.xlsx")
        wizard.apply()
        wizard.accept()
        self.settle()

        step("gui-funder")
        window.open_funder_dialog()
        dialog = window.funder_dialog
        dialog.with_pdf.setChecked(True)
        dialog.pseudonymised.setChecked(True)
        self.choose("gui-bilan.xlsx")
        dialog.write()
        self.settle()

        step("gui-access-copy")
        window.open_participant(pid, window.dossier_tabs)
        self.choose("gui-copie.pdf")
        window.participant_access_copy()
        self.choose("gui-copie.xlsx")
        window.participant_access_copy()

        step("gui-action-plan")
        window.open_participant(pid, window.barriers)
        window.tabs.setCurrentWidget(window.barriers)
        window.barriers.plan.open_preview()
        contact = window.barriers.plan.contact_dialog  # « Mes coordonnées » asked before the first plan
        if contact is not None:
            contact.phone.setText("01 00 00 00 00")
            contact.address.setText("24 rue Gaston Tessier, 75019 Paris")
            contact.save_button.click()
        late = window.barriers.plan.late_dialog  # late tasks: printed « Date à refixer ensemble »
        if late is not None:
            late.show_button.click()
        self.wait_for(lambda: window.barriers.plan.preview is not None, "the plan preview")
        preview = window.barriers.plan.preview
        self.choose("gui-plan.pdf")
        preview.save_pdf()
        step("gui-print")
        self.choose("gui-plan-imprime.pdf")
        preview.print_plan()
        preview.accept()
        self.settle()

        step("gui-draft-and-lock")
        window.open_participant(pid, window.dossier_tabs)
        window.form.editors["notes"].setPlainText(f"{self.names[3]} brouillon non enregistré")
        self.settle()
        window.auto_lock()
        self.settle()
        step("gui-unlock-again")
        self.unlock()
        window.form._set_dirty(False)

        step("gui-lock-shortcut")  # Ctrl+L over an appointment whose report is being typed
        window.tabs.setCurrentWidget(window.calendar_tabs)
        window.calendar_tabs.setCurrentWidget(window.week)
        views, _actions = window.session.followup.week(window.week.monday, 7)
        if views:
            window.week.edit_appointment(views[0].appointment.id)
            self.wait_for(lambda: window.week.dialog is not None and window.week.dialog.isVisible(), "appointment")
            window.week.dialog.report.setPlainText(f"{self.names[7]} compte rendu non enregistré")
            self.settle()
        window.lock_action.trigger()
        self.settle()
        self.unlock()
        self.pause(200)  # the drafts put back, and said
        for page in (window.week, window.timeline):
            if page.dialog is not None and page.dialog.isVisible():
                page.dialog.reject()
        window.form._set_dirty(False)
        self.settle()

        step("gui-change-password")
        window.change_password()
        dialog = window.password_dialog
        dialog.current.setText(self.password)
        dialog.passwords.first.setText(GUI_PASSWORD)
        dialog.passwords.second.setText(GUI_PASSWORD)
        if not dialog.change():
            raise AssertionError(f"password not changed: {dialog.error.text()}")
        self.password = GUI_PASSWORD
        self.settle()

        step("gui-new-recovery-code")
        window.make_new_recovery_code(self.password)
        self.wait_for(lambda: window.stack.currentWidget() is window.code_page, "the new recovery code")
        code = window.code_page.code
        self.choose("gui-feuille.pdf")
        window.save_recovery_sheet()
        window.code_page.confirm.setChecked(True)
        window.code_page.continue_button.click()
        self.wait_for(lambda: window.stack.currentWidget() is window.workspace, "the workspace after the code")

        step("gui-backup")
        (self.out / "gui-cle-usb").mkdir()
        self.choose("gui-cle-usb")
        window.save_backup_to()

        step("gui-erase")
        window.open_participant(self.person("DE-2026-802"), window.dossier_tabs)
        window.erase_participant()
        self.settle()

        step("gui-retention-about")
        window.open_retention()
        window.retention_dialog.reject()
        window._show_about()
        window.about_dialog.reject()

        step("gui-restore")
        copies = sorted(p for p in (self.out / "gui-cle-usb").iterdir() if p.is_dir())
        window.open_restore()
        dialog = window.restore_dialog
        self.next_paths = [copies[-1]]
        dialog.choose_other()
        dialog.password.setText(self.password)
        dialog.restore()
        self.settle()
        self.unlock()
        self.every_tab()

        step("gui-recovery-code")
        window.lock()
        self.settle()
        window.recover(code, RECOVERED_PASSWORD)
        self.wait_for(lambda: window.stack.currentWidget() is window.workspace, "the workspace after the code")
        self.password = RECOVERED_PASSWORD
        self.every_tab()

        step("gui-demo")
        window.lock()
        self.settle()
        window._open_demo_from_menu()
        self.wait_for(lambda: window.stack.currentWidget() is window.workspace, "the demonstration")
        self.every_tab()
        window.lock()

        step("gui-close")
        window.close()
        self.settle()
        if window.isVisible():
            raise AssertionError("the window did not close")


def drive_window(work: Path) -> int:
    """Start the application as ``ilot-desktop --data-dir WORK/donnees``; the driver runs once it shows."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    fast_kdf()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ilot_desktop import app as application
    from ilot_desktop.cli import main
    from ilot_desktop.ui.main_window import MainWindow

    driver = Driver(work)
    driver.install()
    failed: list[str] = []
    create = application.create_application

    def drive() -> None:
        try:
            driver.window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
            driver.run()
        except Exception:
            failed.append(traceback.format_exc())
            QApplication.instance().exit(3)

    def create_and_schedule(argv):
        made = create(argv)
        QTimer.singleShot(0, drive)
        return made

    application.create_application = create_and_schedule
    code = main(["--data-dir", str(work / "donnees")])
    for error in driver.errors:
        failed.append(f"error shown: {error}")
    for failure in failed:
        print(f"gui: {failure}", file=sys.stderr)
    return code or (1 if failed else 0)
