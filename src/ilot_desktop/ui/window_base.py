"""What the window's parts share: its state, declared once for the type checker.

``MainWindow`` is put together from parts (``StartFlowMixin``, ``WindowActionsMixin``, ``LockingMixin``), each in
its own module and each a ``WindowBase``. The attributes are set by ``MainWindow.__init__``; the methods one part
calls in another are declared here for the type checker only (``TYPE_CHECKING``), so that the real definition is
the one the window's method order finds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:
    from ilot_desktop.paths import AppPaths
    from ilot_desktop.settings import LocalSettings
    from ilot_desktop.ui.autolock import InactivityWatcher
    from ilot_desktop.ui.contact_dialog import ContactDialog
    from ilot_desktop.ui.menus import Menus
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents
    from ilot_desktop.ui.start_pages import CreatePage, RecoveryCodePage, UnlockPage, WelcomePage
    from ilot_desktop.ui.workspace import Workspace


class WindowBase(QMainWindow):
    """The window's state; see ``main_window.MainWindow`` for how it is set."""

    paths: AppPaths
    settings: LocalSettings
    today: Callable[[], date]
    session: Session | None
    is_demo: bool
    events: SessionEvents
    stack: QStackedWidget
    welcome: WelcomePage
    create_page: CreatePage
    code_page: RecoveryCodePage
    unlock_page: UnlockPage
    workspace: Workspace | None  # built at the first unlock
    menus: Menus
    watcher: InactivityWatcher
    demo_banner: QLabel

    @property
    def ws(self) -> Workspace:
        """The workspace, once built (every caller runs with a file open)."""
        assert self.workspace is not None, "the workspace is built at the first unlock"
        return self.workspace

    if TYPE_CHECKING:  # defined in the other parts

        def show_start(self) -> None: ...
        def invite_laptop_code(self) -> None: ...
        def propose_team_sync(self) -> None: ...
        def _enter_workspace(self) -> None: ...
        def _prepare_workspace(self) -> Workspace: ...
        def lock(self) -> bool: ...
        def request_lock(self, *_args: object) -> None: ...
        def auto_lock(self) -> None: ...
        def auto_backup(self) -> None: ...
        def offer_latest_backup(self, password: str) -> None: ...
        def restore_drafts(self) -> None: ...
        def edit_contact(self) -> ContactDialog | None: ...
        def _confirm_leave(self) -> bool: ...
        def _confirm_lock(self) -> bool: ...
        def _save_view_settings(self) -> None: ...
        def open_participant(self, participant_id: int, tab: QWidget | None = None) -> None: ...
        def refresh_list(self) -> None: ...
        def open_funder_dialog(self) -> None: ...
        def _busy(self, work: Callable[[], None], show_message: Callable[[str], None]) -> bool: ...
