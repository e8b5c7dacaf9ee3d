"""The one window: start pages before unlock, then the workspace (the participant list beside the tabs).

Put together from parts, each in its module: the start flow (``start_flow``: the start pages' steps), the menus
(``menus``), the menu commands (``window_actions``), locking (``locking``) and the workspace (``workspace``: the
pages, built at the first unlock so that the start page shows without them). The pages learn what changed from
one session-events hub (``session_events``), not from this window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QByteArray, QEvent, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget

from ilot_desktop import APP_NAME
from ilot_desktop.paths import AppPaths
from ilot_desktop.settings import AUTO_LOCK_MINUTES, LIST_FILTER, WINDOW_GEOMETRY, WINDOW_SPLITTER, LocalSettings
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.autolock import InactivityWatcher
from ilot_desktop.ui.locking import LockingMixin
from ilot_desktop.ui.menus import Menus
from ilot_desktop.ui.session_events import SessionEvents
from ilot_desktop.ui.start_flow import PRELOAD_AFTER_MS, STORAGE, StartFlowMixin, _preload_storage, freeze_new_objects
from ilot_desktop.ui.start_pages import CreatePage, RecoveryCodePage, UnlockPage, WelcomePage
from ilot_desktop.ui.widgets import fit_to_screen
from ilot_desktop.ui.window_actions import WindowActionsMixin

if TYPE_CHECKING:
    from ilot_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)
BACKUP_AFTER_MS = 150  # after the workspace is painted
__all__ = ["BACKUP_AFTER_MS", "PRELOAD_AFTER_MS", "STORAGE", "MainWindow", "_preload_storage"]

# The workspace's parts and the menu actions, by the names scripts and tests have always used on the window.
WORKSPACE_NAMES = frozenset(
    {
        "list_panel", "tabs", "home", "form", "timeline", "dossier_tabs", "barriers", "outcomes", "bilan",
        "results_tabs", "week", "actions_page", "calendar_tabs",
    }
)  # fmt: skip
MENU_NAMES = frozenset(
    {
        "new_action", "save_action", "contact_action", "funder_action", "import_action", "export_action",
        "backup_action", "restore_action", "retention_action", "password_action", "new_code_action", "lock_action",
        "quit_action", "access_action", "erase_action", "demo_action",
    }
)  # fmt: skip


class _RecordEditor(Protocol):
    """A record dialog with unsaved typing (an appointment): saved or forgotten before quitting."""

    def save(self) -> bool: ...
    def discard_edits(self) -> None: ...


class MainWindow(LockingMixin, WindowActionsMixin, StartFlowMixin):
    def __init__(self, paths: AppPaths, settings: LocalSettings, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.today = today
        self.session = None
        self.is_demo = False
        self.workspace = None
        self.events = SessionEvents(self)
        self.setWindowTitle(APP_NAME)
        fit_to_screen(self, 1280, 820)
        self.setMinimumSize(320, 240)  # set by the window, never by its layout: see _bound_minimum_size

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(paths.data_dir, self)
        self.create_page = CreatePage(self)
        self.code_page = RecoveryCodePage(self)
        self.unlock_page = UnlockPage(paths.data_dir, self)
        for page in (self.welcome, self.create_page, self.code_page, self.unlock_page):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.demo_banner = self._banner(
            "Démonstration\u00a0: toutes les personnes affichées sont fictives.", "#fff3cd", "#664d03"
        )
        self.read_only_banner = self._banner("", "#f8d7da", "#58151c")  # shown by show_read_only (app.py)
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.menus = Menus(self)
        self.connect_start_pages()
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        app = QApplication.instance()
        assert app is not None  # the window is made in a running application
        self.watcher = InactivityWatcher(app, settings.get(AUTO_LOCK_MINUTES), self)
        self.watcher.idle.connect(self.auto_lock)
        self.watcher.lock_key.connect(self.request_lock)
        self.show_start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._bound_minimum_size()
        return super().event(event)

    def _bound_minimum_size(self) -> None:
        """The smallest the window can be made: what its pages need (they wrap and scroll to stay within 1280 ×
        700, tests/gui/test_window_fits_gui.py), but never more than the screen, so that no page can push the
        window off it (a 1366 × 768 laptop) and maximising always brings it back."""
        layout, screen = self.layout(), self.screen()
        if layout is None or screen is None:
            return
        bounded = layout.totalMinimumSize().boundedTo(screen.availableGeometry().size())
        if bounded != self.minimumSize():
            self.setMinimumSize(bounded)

    def _banner(self, text: str, background: str, colour: str) -> QLabel:
        """A line of the status bar, hidden until needed (the demonstration, a folder that cannot be written)."""
        banner = QLabel(text, self)
        banner.setStyleSheet(f"background: {background}; color: {colour}; padding: 4px 10px;")
        self.statusBar().addPermanentWidget(banner, 1)
        banner.hide()
        return banner

    def show_read_only(self, text: str) -> None:
        """The data folder cannot be written: said for as long as the window is open (saves are refused by the
        file itself, in words)."""
        self.read_only_banner.setText(text)
        self.read_only_banner.show()

    if not TYPE_CHECKING:  # for the type checker, the window has only what it declares

        def __getattr__(self, name: str) -> Any:
            """The workspace's pages and the menu actions by their old names (``window.form``,
            ``window.lock_action``): scripts, benchmarks and tests use them. Only called for names the window
            does not have itself."""
            if name in WORKSPACE_NAMES:
                workspace = self.__dict__.get("workspace")
                if workspace is not None:
                    return getattr(workspace, name)
                raise AttributeError(f"{name}: the workspace is built at the first unlock")
            if name in MENU_NAMES and "menus" in self.__dict__:
                return getattr(self.__dict__["menus"], name)
            raise AttributeError(name)

    # --- the workspace ------------------------------------------------------------------------------

    def _prepare_workspace(self) -> Workspace:
        """Build the pages once, at the first unlock (before the file is opened: nothing decrypted yet)."""
        if self.workspace is None:
            from ilot_desktop.ui.workspace import Workspace

            with self.watcher.paused():
                workspace = Workspace(self.today, self.events, self)
            workspace.bilan.funder_requested.connect(self.open_funder_dialog)
            splitter = self.settings.get(WINDOW_SPLITTER)
            if splitter:
                workspace.restoreState(QByteArray.fromBase64(splitter.encode("ascii")))
            self.stack.addWidget(workspace)
            self.workspace = workspace
            freeze_new_objects()
        return self.workspace

    def _enter_workspace(self) -> None:
        assert self.session is not None
        workspace = self._prepare_workspace()
        self.code_page.forget()
        self.create_page.reset()
        self.unlock_page.reset()
        workspace.set_session(self.session, self.settings.get(LIST_FILTER))
        # the vault's own mark decides too: a folder filled by ``ilot-desktop demo`` is the demonstration it is
        self.is_demo = self.is_demo or self.session.is_demonstration
        self.demo_banner.setVisible(self.is_demo)
        self.setWindowTitle(f"{APP_NAME} — Démonstration (données fictives)[*]" if self.is_demo else f"{APP_NAME}[*]")
        self.menus.set_file_open(True, self.is_demo)
        self.stack.setCurrentWidget(workspace)
        workspace.list_panel.focus_search()
        self.watcher.watch()
        log.info("workspace opened%s", " (demo)" if self.is_demo else "")
        self.restore_drafts()
        # the day's backup (about 0.5 s on a ten-year file) once the window is on screen, not before it
        QTimer.singleShot(BACKUP_AFTER_MS, self.auto_backup)

    def refresh_list(self) -> None:
        if self.workspace is not None:
            self.workspace.refresh_list()

    def request_participant(self, participant_id: int, tab: QWidget | None = None) -> None:
        self.ws.request_participant(participant_id, tab)

    def open_participant(self, participant_id: int, tab: QWidget | None = None) -> None:
        self.ws.open_participant(participant_id, tab)

    def new_participant(self) -> None:
        if self.workspace is not None:
            self.workspace.new_participant()

    def discard_edits(self) -> None:
        """Every page and open record dialog forgets what is being typed (nothing is asked on closing)."""
        for dialog in self.record_dialogs():
            discard = getattr(dialog, "discard_edits", None)
            if callable(discard):
                discard()
        if self.workspace is not None:
            self.workspace.discard_edits()
        self.code_page.confirm.setChecked(True)

    def _confirm_leave(self) -> bool:
        """True when the current file may be left (saved, discarded, or nothing to save)."""
        return self.workspace is None or self.workspace.confirm_leave()

    def _confirm_lock(self) -> bool:
        """Before quitting or restoring (not before locking, which keeps drafts): the participant file, every
        page of the workspace (an action being edited...), an open record dialog (an appointment) with unsaved
        typing."""
        if self.workspace is not None and not self.workspace.confirm_close():
            return False
        for dialog in self.record_dialogs():
            is_dirty = getattr(dialog, "is_dirty", None)
            if not callable(is_dirty) or not is_dirty():
                continue
            editor = cast(_RecordEditor, dialog)
            answer = dialogs.ask_unsaved(self, "Le rendez-vous en cours de saisie")
            if answer is dialogs.Answer.CANCEL or (answer is dialogs.Answer.SAVE and not editor.save()):
                return False
            editor.discard_edits()  # discarded: not kept as a draft either
        return True

    # --- closing ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self.stack.currentWidget() is self.code_page
            and not self.code_page.confirm.isChecked()
            and not dialogs.confirm(
                self,
                "Code de secours",
                "Le code de secours ne sera plus jamais affiché.",
                "Sans lui, un mot de passe oublié rend les dossiers illisibles. Avez-vous enregistré "
                "la feuille de secours\u00a0?",
                "Fermer quand même",
            )
        ):
            event.ignore()
            return
        if self.session is not None and not self._confirm_lock():  # saved edits go into the closing backup
            event.ignore()
            return
        self.auto_backup()
        if not self.lock():
            event.ignore()
            return
        self._save_view_settings()
        self.settings.save()
        event.accept()

    def _save_view_settings(self) -> None:
        """The window's size; the list's width and filter once the workspace exists (else kept as they were)."""
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        if self.workspace is not None:
            self.settings.set(WINDOW_SPLITTER, bytes(self.workspace.saveState().toBase64().data()).decode("ascii"))
            self.settings.set(LIST_FILTER, self.workspace.list_panel.filter_code())
