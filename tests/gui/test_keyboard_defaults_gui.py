"""Return and the arrow keys where a caseworker expects them (issue 13, « Smaller »): the main button of every
start page and dialog answers Return, Down goes from the search field into the results, the lock screen names the
folder it shows, a corrected recovery code loses its « faute de frappe », and the recovery sheet prints."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _defaults(widget) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if b.isDefault() and b.isVisibleTo(widget)]


# --- the start pages -------------------------------------------------------------------------------------


def test_return_on_the_recovery_code_page_continues_once_the_code_is_noted(make_window, qtbot):
    window = make_window()
    window.create_vault(PASSWORD)
    page = window.code_page
    assert window.stack.currentWidget() is page
    assert page.continue_button.isDefault()
    qtbot.keyClick(page, Qt.Key.Key_Return)  # not yet noted: Return never ticks the box for her
    assert window.stack.currentWidget() is page and not page.confirm.isChecked()
    assert window.focusWidget() is page.confirm and page.hint.isVisibleTo(window)
    qtbot.keyClick(page.confirm, Qt.Key.Key_Space)
    assert page.confirm.isChecked() and not page.hint.isVisibleTo(window)
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workspace
    assert not vault.recovery_code_pending(window.paths.data_dir)  # « Continuer » itself was pressed


def test_every_start_page_has_a_main_button_that_return_presses(make_window, qtbot, tmp_path):
    window = make_window()
    for page in (window.welcome, window.create_page, window.code_page, window.unlock_page):
        assert page.main_button() is not None and page.main_button().isDefault(), type(page).__name__
        assert all(b.autoDefault() for b in page.findChildren(QPushButton)), type(page).__name__
    assert window.unlock_page.recover_button.isDefault()  # the main button of the recovery mode
    window.welcome.create_button.setFocus()
    qtbot.keyClick(window.welcome, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.create_page
    window.create_page.back_button.setFocus()  # a focused button presses itself, as in a dialog
    qtbot.keyClick(window.create_page.back_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.welcome


def test_the_lock_screen_names_the_data_folder_as_a_folder(make_window, tmp_path):
    folder = tmp_path / "donnees"
    vault.create(folder, PASSWORD, clock=lambda: TODAY)[0].close()
    window = make_window(folder)
    label = window.unlock_page.folder_label.text()
    assert label == f"Dossier des données\u00a0: {folder}"
    assert folder.is_dir()  # what it names is a folder: « Fichier » would have been untrue


def test_a_corrected_recovery_code_loses_its_typo_message(make_window, qtbot, tmp_path):
    folder = tmp_path / "donnees"
    session, code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.close()
    window = make_window(folder)
    page = window.unlock_page
    page.show_recovery(True)
    typo = ("1" if code[0] != "1" else "2") + code[1:]
    page.code.setText(typo)
    page.new_passwords.first.setText("Nouveau-Secret-2027!")
    page.new_passwords.second.setText("Nouveau-Secret-2027!")
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    assert "faute de frappe" in page.error.text() and page.error.isVisibleTo(window)
    page.code.setText(code)  # corrected
    assert "faute de frappe" not in page.error.text() and not page.error.isVisibleTo(window)
    assert page.code_status.text() == "✓ Code complet, sans faute de frappe."
    page.code.setText(typo)
    assert "faute de frappe" in page.code_status.text()  # said below the field as soon as the code is complete
    page.code.setText(code[:9])
    assert page.code_status.text() == "8 caractères sur 56."


# --- every dialog --------------------------------------------------------------------------------------------

# No main action: the progress of a long task offers only « Annuler » (Escape), never pressed by Return; the guide is
# a reading window where Return belongs to its search field and its contents list (a default « Fermer » would close
# it when a heading is chosen with Return).
WITHOUT_MAIN_ACTION = {"ProgressDialog", "HelpWindow"}


@pytest.fixture
def open_window(make_window, tmp_path):
    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.vocabulary import TaskOwner

    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant(planned_release_date=None))
    session.plan.save(Task(person.id, "Préparer le CV", TaskOwner.PERSON))
    session.close()
    window = make_window(folder)
    window.unlock(PASSWORD)
    window.person_id = person.id
    return window


def _factories(window) -> dict[str, Callable[[], QDialog]]:
    session, pid = window.session, window.person_id

    def about():
        from ilot_desktop.ui.about_dialog import AboutDialog

        return AboutDialog(window.paths, vault.library_versions(), window)

    def appointment():
        return window.ws.week.open_appointment(session.followup.new_draft(pid))

    def contact():
        from ilot_desktop.ui.contact_dialog import ContactDialog

        return ContactDialog(session, window)

    def import_wizard():
        from ilot_desktop.ui.exchange_dialogs import ImportWizard

        return ImportWizard(session, window)

    def funder():
        from ilot_desktop.ui.funder_dialog import FunderDialog

        return FunderDialog(session, lambda: TODAY, window)

    def plan_preview():
        from ilot_desktop.ui.plan_preview import PlanPreviewDialog

        return PlanPreviewDialog(session.plan.document(pid), session.plan, pid, window)

    def late_tasks():
        from ilot_desktop.ui.plan_late_tasks import LateTasksDialog

        return LateTasksDialog(session.plan.tasks(pid), session.plan, lambda: TODAY, window)

    def restore():
        from ilot_desktop.ui.backup_dialogs import RestoreDialog

        return RestoreDialog(window.paths.data_dir, window)

    def retention():
        from ilot_desktop.ui.privacy_dialogs import RetentionDialog

        return RetentionDialog(session, window)

    def password():
        from ilot_desktop.ui.security_dialogs import ChangePasswordDialog

        return ChangePasswordDialog(window.paths.data_dir, 1, window)

    def new_code():
        from ilot_desktop.ui.security_dialogs import NewCodeDialog

        return NewCodeDialog(window)

    def preferences():
        from ilot_desktop.ui.preferences_dialog import PreferencesDialog

        return PreferencesDialog(5, window)

    def conflicts():
        from ilot_desktop.ui.team_conflicts import ConflictsDialog

        return ConflictsDialog(session.team, window)

    def team_summary():
        from ilot_desktop.ui.team_dialogs import TeamSummaryDialog

        return TeamSummaryDialog("Envoyer et recevoir", ["Aucun paquet nouveau de vos collègues."], 1, window)

    def passphrase():
        from ilot_desktop.ui.team_dialogs import PassphraseDialog

        return PassphraseDialog("Saisissez la phrase de passe d'équipe.", window)

    def change_passphrase():
        from ilot_desktop.ui.team_dialogs import ChangePassphraseDialog

        return ChangePassphraseDialog(lambda _old, _new: None, window)

    def hand_over():
        from ilot_desktop.ui.team_dialogs import HandOverDialog

        return HandOverDialog(session.participants.summaries(), [pid], "equipe-0123456789abcdef.ilotpkg", window)

    return {
        "ConflictsDialog": conflicts,
        "TeamSummaryDialog": team_summary,
        "PassphraseDialog": passphrase,
        "ChangePassphraseDialog": change_passphrase,
        "HandOverDialog": hand_over,
        "AboutDialog": about,
        "AppointmentDialog": appointment,
        "ContactDialog": contact,
        "ImportWizard": import_wizard,
        "FunderDialog": funder,
        "PlanPreviewDialog": plan_preview,
        "LateTasksDialog": late_tasks,
        "RestoreDialog": restore,
        "RetentionDialog": retention,
        "ChangePasswordDialog": password,
        "NewCodeDialog": new_code,
        "PreferencesDialog": preferences,
    }


def _dialog_classes() -> dict[str, type]:
    """Every QDialog the window's modules define, found rather than listed."""
    import ilot_desktop.ui as ui

    found = {}
    for info in pkgutil.iter_modules(ui.__path__):
        module = importlib.import_module(f"ilot_desktop.ui.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found[name] = cls
    return found


def test_every_dialog_has_a_default_button(open_window, qtbot):
    factories = _factories(open_window)
    classes = set(_dialog_classes()) - WITHOUT_MAIN_ACTION
    assert not classes - set(factories), (
        f"a dialog to add to this test (and give a default button): {classes - set(factories)}"
    )
    missing = []
    for name in sorted(classes):
        dialog = factories[name]()
        dialog.show()
        if not _defaults(dialog):
            missing.append(name)
        if name == "ImportWizard":  # each step has its own
            for step in (1, 2):
                dialog.pages.setCurrentIndex(step)
                if not _defaults(dialog):
                    missing.append(f"{name}, étape {step + 1}")
        discard = getattr(dialog, "discard_edits", None)
        if callable(discard):
            discard()
        dialog.done(0)
        dialog.deleteLater()
    assert missing == []


def test_return_in_the_restore_password_field_presses_verify_and_restore(open_window, qtbot, answers):
    from ilot_desktop.ui.backup_dialogs import RestoreDialog

    dialog = RestoreDialog(open_window.paths.data_dir, open_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.clearSelection()
    dialog.password.setFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Choisissez une sauvegarde."  # the default button ran « Vérifier et restaurer »


def test_every_message_box_has_a_default_button(monkeypatch):
    from ilot_desktop.errors import IlotError
    from ilot_desktop.ui import dialogs

    seen: list[tuple[str, str | None]] = []

    def record(box):
        default = box.defaultButton()
        seen.append((box.windowTitle(), default.text() if default is not None else None))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    dialogs.inform(None, "Titre", "Texte")
    dialogs.show_error(None, IlotError("Problème"))
    dialogs.show_error(None, RuntimeError("bug"))
    dialogs.ask_unsaved(None, "Ce dossier")
    dialogs.ask_duplicate(None, "DUPONT Marc")
    dialogs.confirm(None, "Effacer", "Effacer ?", "", "Effacer")
    assert [default for _title, default in seen] == [
        "OK",
        "OK",
        "OK",
        "Enregistrer",
        "Ouvrir le dossier existant",
        "Annuler",
    ]


# --- the participant list ---------------------------------------------------------------------------------------


def test_down_from_the_search_field_goes_into_the_results_and_enter_opens(open_window, qtbot):
    window = open_window
    session = window.session
    other = session.participants.save(
        make_participant(file_number="DE-2026-002", last_name="Zébulon", first_name="Alix")
    )
    window.refresh_list()
    panel = window.list_panel
    window.activateWindow()
    panel.focus_search()
    qtbot.keyClicks(panel.search, "zebul")  # accents ignored by the search
    assert panel.visible_count() == 1
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert window.focusWidget() is panel.table
    assert panel.table.currentIndex().row() == 0
    assert panel.table.selectionModel().isRowSelected(0)
    current = window.form.current
    assert current is None or current.id != other.id  # selected, not yet opened
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)  # back to the search field, and down again
    assert window.focusWidget() is panel.search and panel.search.text() == "zebul"
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert window.focusWidget() is panel.table
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.current is not None and window.form.current.id == other.id)


def test_down_with_no_result_stays_in_the_search_field(open_window, qtbot):
    panel = open_window.list_panel
    open_window.activateWindow()
    panel.focus_search()
    qtbot.keyClicks(panel.search, "personne-introuvable")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert open_window.focusWidget() is panel.search


# --- printing the recovery sheet ---------------------------------------------------------------------------------


def _page_image(data: bytes) -> bytes:
    """The page rendered in grey levels, then smoothed to 149 × 210 px (one byte a pixel): a printed image and the
    vector sheet differ at the glyphs' antialiased edges, not once averaged over 4 × 4 pixels."""
    from PySide6.QtCore import QObject, QSize, Qt
    from PySide6.QtGui import QImage

    from ilot_desktop.ui.plan_preview import load_pdf

    owner = QObject()
    document, _buffer = load_pdf(data, owner)
    assert document.pageCount() == 1
    image = document.render(0, QSize(596, 842)).convertToFormat(QImage.Format.Format_Grayscale8)
    image = image.scaled(QSize(149, 210), mode=Qt.TransformationMode.SmoothTransformation)
    width, stride = image.width(), image.bytesPerLine()
    raw = bytes(image.constBits())
    owner.deleteLater()
    return b"".join(raw[y * stride : y * stride + width] for y in range(image.height()))


def _difference(a: bytes, b: bytes, where: list[int]) -> float:
    """The mean difference of grey levels at the pixels ``where``."""
    return sum(abs(a[i] - b[i]) for i in where) / len(where)


def test_the_recovery_sheet_prints_from_memory_only(make_window, answers, monkeypatch, tmp_path):
    import tempfile

    from PySide6.QtPrintSupport import QPrinter

    from ilot_desktop.domain.audit import AuditAction
    from ilot_desktop.reports.recovery_sheet import recovery_sheet_pdf

    temp = tmp_path / "temporaire"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    window = make_window()
    window.create_vault(PASSWORD)
    page = window.code_page
    assert page.print_button.text() == "Imprimer la feuille de secours…"
    data_files = set(p.name for p in window.paths.data_dir.iterdir())
    out = tmp_path / "imprimante"
    out.mkdir()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setFullPage(True)  # the sheet's own margins only: the printed page lies exactly over the sheet
    printer.setOutputFileName(str(out / "imprime.pdf"))
    answers.queue(printer)
    page.print_button.click()
    assert answers.calls[-1] == ("choose_printer", ("Feuille de secours",))  # the job's name in the queue
    assert [p.name for p in out.iterdir()] == ["imprime.pdf"]
    assert list(temp.iterdir()) == []  # no temporary copy of the sheet, nor of its code
    assert set(p.name for p in window.paths.data_dir.iterdir()) <= data_files | {"ilot.db-journal", "ilot.db-wal"}
    assert "Feuille imprimée dans le fichier" in page.saved_label.text()
    printed = (out / "imprime.pdf").read_bytes()
    # the page printed is the sheet of this code (painted as an image, as the plan is): compared with the sheet
    # itself and with the sheet of another code
    printed_page = _page_image(printed)
    code = page.code
    same = _page_image(recovery_sheet_pdf(code, TODAY, str(window.paths.data_dir)))
    other_code = code[:5] + ("ZZZZ" if code[5:9] != "ZZZZ" else "YYYY") + code[9:]
    other = _page_image(recovery_sheet_pdf(other_code, TODAY, str(window.paths.data_dir)))
    where = [i for i, (x, y) in enumerate(zip(same, other, strict=True)) if abs(x - y) > 32]  # the 4 characters
    assert where
    near, far = _difference(printed_page, same, where), _difference(printed_page, other, where)
    assert near * 3 < far, (near, far)
    assert AuditAction.RECOVERY_SHEET_PRINTED in [e.action for e in window.session.audit.events()]


def test_printing_the_recovery_sheet_can_be_cancelled(make_window, answers):
    window = make_window()
    window.create_vault(PASSWORD)
    answers.queue(None)  # « Annuler » in the print dialog
    window.code_page.print_button.click()
    assert window.code_page.saved_label.text() == ""


def test_the_recovery_sheet_is_never_printed_to_a_file_in_the_data_folder(make_window, answers):
    """« Imprimer dans un fichier » would write the code in clear next to the encrypted file: the same rule as
    « Enregistrer » (``vault.require_sheet_outside``), with its message."""
    from PySide6.QtPrintSupport import QPrinter

    from ilot_desktop.services import vault

    window = make_window()
    window.create_vault(PASSWORD)
    inside = window.paths.data_dir / "sauvegardes" / ".." / "imprime.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(inside))
    answers.queue(printer)
    window.code_page.print_button.click()
    name, (error,) = answers.calls[-1]
    assert name == "show_error" and str(error) == vault.SHEET_IN_DATA_FOLDER
    assert not (window.paths.data_dir / "imprime.pdf").exists()
    assert "imprimée" not in window.code_page.saved_label.text()


def test_the_recovery_sheet_print_dialog_offers_no_file(monkeypatch):
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    from ilot_desktop.ui import dialogs

    offered = []

    def run(show, cancelled, dialog=None):
        offered.append(dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        return QPrintDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs, "_run", run)
    assert dialogs.choose_printer(None, "Feuille de secours", to_file=False) is None
    assert dialogs.choose_printer(None, "Plan d'action") is None
    assert offered == [False, True]
