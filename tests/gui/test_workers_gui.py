"""Long work off the GUI thread (ui/workers.py): the window stays alive and shows progress, « Annuler » stops
the reading of an import, the workbook is read once per import, errors come back as before, and a lock waits
for work that must not be cut."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.exchange_workbooks import participant, write_book

ROWS = 5_000


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory):
    """5,000 valid participants: a second or more to read and check."""
    people = [participant(**{"N° dossier": f"DE-2026-{n:05d}", "Nom": f"Nom{n}"}) for n in range(1, ROWS + 1)]
    return write_book(tmp_path_factory.mktemp("classeur") / "equipe.xlsx", {"Participants": people})


@pytest.fixture
def session(tmp_path):
    opened, _code = vault.create(tmp_path / "donnees", PASSWORD, clock=lambda: TODAY)
    yield opened
    opened.close()


def _progress_dialog():
    from ilot_desktop.ui.workers import ProgressDialog

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog) and w.isVisible()]
    return shown[0] if shown else None


def _watch(on_tick, interval_ms: int = 20) -> QTimer:
    """A timer of the GUI thread: it can only tick while the GUI thread runs its event loop."""
    timer = QTimer()
    timer.timeout.connect(on_tick)
    timer.start(interval_ms)
    return timer


def _threads_of(service, name: str) -> list[threading.Thread]:
    """Record the thread each call of ``service.name`` runs on (the real method still runs)."""
    threads: list[threading.Thread] = []
    original = getattr(service, name)

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    setattr(service, name, recorded)
    return threads


def test_a_large_import_is_read_off_the_gui_thread_which_keeps_ticking_and_shows_progress(qtbot, session, big_workbook):
    from ilot_desktop.ui.exchange_dialogs import ImportWizard

    threads = _threads_of(session.exchange, "check")
    seen: list[tuple[int, int, str]] = []
    opacities: list[float] = []

    def tick():
        dialog = _progress_dialog()
        if dialog is not None:
            seen.append((dialog.bar.value(), dialog.bar.maximum(), dialog.detail.text()))
            opacities.append(dialog.windowOpacity())

    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    timer = _watch(tick)
    wizard.check(big_workbook)
    timer.stop()
    assert threads and threads[0] is not threading.main_thread()
    assert len(seen) >= 3, seen  # the GUI thread ran its timers while the workbook was read
    values = {value for value, _maximum, _text in seen if value > 0}
    assert len(values) >= 2, seen  # the bar moved
    assert any(maximum >= ROWS for _value, maximum, _text in seen)  # the rows the sheet declares
    assert any(" lignes lues sur " in text for _value, _maximum, text in seen)
    assert opacities[0] == 0.0 and opacities[-1] == 1.0  # modal at once, drawn after REVEAL_AFTER_MS
    assert _progress_dialog() is None  # closed with the work
    assert wizard.preview.ok and wizard.preview.counts["Participants"] == (ROWS, 0)
    assert wizard.pages.currentIndex() == 1 and wizard.import_button.isEnabled()
    wizard.reject()


def test_annuler_while_reading_stops_it_and_imports_nothing(qtbot, session, big_workbook):
    from ilot_desktop.ui.exchange_dialogs import ImportWizard
    from ilot_desktop.ui.workers import WorkCancelled

    stopped: list[BaseException] = []
    original = session.exchange.check

    def check(path, progress):
        try:
            return original(path, progress)
        except BaseException as exc:
            stopped.append(exc)
            raise

    session.exchange.check = check
    clicked: list[int] = []

    def tick():
        dialog = _progress_dialog()
        if dialog is not None and dialog.bar.value() > 0 and not clicked:
            assert dialog.cancel_button.isVisible() and dialog.cancel_button.text() == "Annuler"
            clicked.append(dialog.bar.value())
            dialog.cancel_button.click()

    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    timer = _watch(tick)
    wizard.check(big_workbook)
    timer.stop()
    assert clicked and clicked[0] < ROWS  # cancelled while rows were being read
    assert len(stopped) == 1 and isinstance(stopped[0], WorkCancelled)
    assert wizard.checked is None and wizard.preview is None
    assert wizard.pages.currentIndex() == 0  # still choosing: nothing to import
    wizard.apply()  # nothing checked: nothing to do
    assert session.participants.summaries() == []
    assert _progress_dialog() is None


def test_the_workbook_is_opened_once_per_import(qtbot, session, tmp_path, monkeypatch):
    from ilot_desktop.ui.exchange_dialogs import ImportWizard

    path = write_book(tmp_path / "equipe.xlsx", {"Participants": [participant(**{"N° dossier": "DE-2026-077"})]})
    opened: list[object] = []
    original = openpyxl.load_workbook

    def counted(*args, **kwargs):
        opened.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counted)
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.check(path)
    assert wizard.preview.ok
    wizard.apply()
    assert "Import terminé" in wizard.done_label.text()
    assert len(opened) == 1  # read to be checked; what was read is imported
    assert [s.file_number for s in session.participants.summaries()] == ["DE-2026-077"]
    wizard.accept()


def test_a_failing_worker_shows_the_same_french_message(qtbot, answers, tmp_path):
    from ilot_desktop.ui.backup_dialogs import save_to

    error = StorageEnvironmentError("Le disque est plein\u00a0: libérez de la place puis recommencez.")
    threads: list[threading.Thread] = []

    def write(folder, reason):
        threads.append(threading.current_thread())
        raise error

    session = SimpleNamespace(backups=SimpleNamespace(write=write))
    answers.queue(tmp_path)
    assert save_to(session, None) is None
    assert threads and threads[0] is not threading.main_thread()
    assert answers.calls[-1] == ("show_error", (error,))
    assert str(answers.calls[-1][1][0]) == "Le disque est plein\u00a0: libérez de la place puis recommencez."


def test_a_bug_in_a_worker_reaches_the_caller_for_the_bug_report(qtbot, answers, tmp_path):
    """Not a French message: the exception is raised again in the GUI thread, where the application's hook
    writes the crash report and says where (app.py), as before."""
    from ilot_desktop.ui.backup_dialogs import save_to

    def write(folder, reason):
        raise KeyError("une clé")

    answers.queue(tmp_path)
    with pytest.raises(KeyError):
        save_to(SimpleNamespace(backups=SimpleNamespace(write=write)), None)
    assert [name for name, _args in answers.calls] == ["choose_folder"]


def test_a_backup_through_the_worker_writes_the_same_copy(qtbot, answers, session, tmp_path):
    from ilot_desktop.ui.backup_dialogs import save_to

    threads = _threads_of(session.backups, "write")
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    answers.queue(usb)
    written = save_to(session, None)
    assert threads and threads[0] is not threading.main_thread()
    assert written is not None and written.parent == usb
    assert (written / "ilot.db").exists() and (written / "ilot.key").exists()
    assert not (written / "ilot.db").read_bytes().startswith(b"SQLite format 3")
    assert answers.calls[-1][0] == "inform" and str(written) in answers.calls[-1][1][1]


def test_the_funder_file_through_the_worker_writes_both_files(qtbot, answers, session, tmp_path):
    from ilot_desktop.ui.funder_dialog import FunderDialog

    threads = _threads_of(session.funder, "write")
    dialog = FunderDialog(session, lambda: TODAY)
    qtbot.addWidget(dialog)
    target = tmp_path / "bilan.xlsx"
    answers.queue(target)
    dialog.write()
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.written == (target, tmp_path / "bilan.pdf")
    assert openpyxl.load_workbook(target)["Synthèse"]["A1"].value == "Indicateur"
    assert (tmp_path / "bilan.pdf").read_bytes().startswith(b"%PDF")


def test_a_lock_waits_for_work_that_must_not_be_cut(qtbot):
    """A lock asked during a backup (no « Annuler »): the backup ends, then the lock runs."""
    import time

    from ilot_desktop.ui import dialogs
    from ilot_desktop.ui.workers import run_in_background

    order: list[str] = []

    def backup(progress):
        time.sleep(0.3)
        order.append("copie terminée")
        return "fait"

    QTimer.singleShot(50, lambda: dialogs.cancel_questions(then=lambda: order.append("verrouillage")))
    assert run_in_background(None, "Sauvegarde", "Écriture…", backup) == "fait"
    qtbot.waitUntil(lambda: "verrouillage" in order, timeout=2_000)
    assert order == ["copie terminée", "verrouillage"]


def test_a_lock_cancels_work_that_can_stop_and_no_work_starts_while_it_is_pending(qtbot):
    from ilot_desktop.ui import dialogs
    from ilot_desktop.ui.workers import WorkCancelled, run_in_background

    order: list[str] = []
    steps: list[int] = []

    def reading(progress):
        for n in range(10_000):
            progress(n, 10_000)
            steps.append(n)
            threading.Event().wait(0.001)
        return "lu"

    def lock_then_try_again():
        order.append("verrouillage")

    QTimer.singleShot(50, lambda: dialogs.cancel_questions(then=lock_then_try_again))
    with pytest.raises(WorkCancelled):
        run_in_background(None, "Import", "Lecture…", reading, cancellable=True)
    assert len(steps) < 10_000
    qtbot.waitUntil(lambda: order == ["verrouillage"], timeout=2_000)

    started: list[int] = []
    dialogs._Questions.cancelling = True  # a lock waiting for a question to return
    try:
        with pytest.raises(WorkCancelled):
            run_in_background(None, "Import", "Lecture…", lambda progress: started.append(1))
    finally:
        dialogs._Questions.cancelling = False
    assert started == []


def test_escape_does_not_close_the_dialog_of_work_without_annuler(qtbot):
    import time

    from ilot_desktop.ui.workers import run_in_background

    rejected: list[bool] = []

    def press_escape():
        dialog = _progress_dialog()
        if dialog is not None:
            assert not dialog.cancel_button.isVisible()
            dialog.reject()
            rejected.append(dialog.isVisible())

    QTimer.singleShot(50, press_escape)
    assert run_in_background(None, "Bilan", "Écriture…", lambda progress: time.sleep(0.3) or 42) == 42
    assert rejected == [True]  # still shown after Escape: the work went on to its end


def test_the_demo_is_built_off_the_gui_thread_and_its_failures_said_as_before(make_window, answers, monkeypatch):
    from ilot_desktop.services import demo

    threads: list[threading.Thread] = []
    failures = [StorageEnvironmentError("Le disque est plein."), RuntimeError("un bogue")]

    def failing(folder, clock):
        threads.append(threading.current_thread())
        raise failures[len(threads) - 1]

    monkeypatch.setattr(demo, "open_or_create_demo", failing)
    window = make_window()
    window.open_demo()
    assert threads[0] is not threading.main_thread()
    assert window.session is None and not window.is_demo
    name, args = answers.calls[-1]
    assert name == "show_error" and str(args[0]) == "Le disque est plein."
    window.open_demo()  # a bug: the crash report, as for any step of the start pages
    name, args = answers.calls[-1]
    assert name == "show_error" and isinstance(args[0], RuntimeError)
    assert args[1] is not None and args[1].is_file()
    assert window.session is None


def test_the_window_locks_after_a_backup_to_a_usb_key_not_during_it(make_window, answers, qtbot, tmp_path):
    """Ctrl+L (or the auto-lock) during « Sauvegarder sur… »: the copy is finished and verified with the file
    still open, then the window locks."""
    import time

    folder = tmp_path / "donnees"
    created, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    created.close()
    window = make_window(folder)
    window.unlock(PASSWORD)
    backups = window.session.backups
    original = backups.write
    seen: list[object] = []

    def slow_write(target, reason):
        time.sleep(0.3)  # a slow USB key
        written = original(target, reason)
        seen.append(window.session)  # still open when the copy is done
        return written

    backups.write = slow_write
    usb = tmp_path / "cle-usb"
    usb.mkdir()
    answers.queue(usb)
    QTimer.singleShot(100, window.request_lock)
    window.save_backup_to()
    assert seen and seen[0] is not None
    written = list(usb.iterdir())
    assert len(written) == 1 and (written[0] / "ilot.db").exists()
    qtbot.waitUntil(lambda: window.session is None, timeout=2_000)  # locked once the backup's loop returned


def test_nothing_the_work_answered_is_kept_once_the_caller_has_it(qtbot):
    """The rows read (names) live as long as the caller keeps them, not until a garbage collection."""
    import gc
    import weakref

    from ilot_desktop.ui.workers import run_in_background

    class Rows:
        pass

    gc.disable()
    try:
        result = run_in_background(None, "Import", "Lecture…", lambda progress: Rows())
        kept = weakref.ref(result)
        del result
        assert kept() is None
    finally:
        gc.enable()
