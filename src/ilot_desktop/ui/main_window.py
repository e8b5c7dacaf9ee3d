"""The one window: start pages before unlock, then the participant list beside the tabs."""

from __future__ import annotations

import gc
import importlib
import logging
from datetime import date

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from ilot_desktop import APP_NAME
from ilot_desktop.domain.dates import format_date
from ilot_desktop.errors import DamagedVaultError, IlotError
from ilot_desktop.logs import write_crash_report
from ilot_desktop.paths import AppPaths
from ilot_desktop.services import vault
from ilot_desktop.services.vault import VaultSession
from ilot_desktop.settings import AUTO_LOCK_MINUTES, LIST_FILTER, WINDOW_GEOMETRY, WINDOW_SPLITTER, LocalSettings
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.actions_page import ActionsPage
from ilot_desktop.ui.autolock import InactivityWatcher
from ilot_desktop.ui.barriers_page import BarriersPage
from ilot_desktop.ui.bilan_page import BilanPage
from ilot_desktop.ui.home_page import HomePage
from ilot_desktop.ui.locking import LockingMixin
from ilot_desktop.ui.outcomes_page import OutcomesPage
from ilot_desktop.ui.participant_form import ParticipantForm
from ilot_desktop.ui.participant_list import ParticipantListPanel
from ilot_desktop.ui.start_pages import CreatePage, RecoveryCodePage, UnlockPage, WelcomePage
from ilot_desktop.ui.timeline_page import TimelinePage
from ilot_desktop.ui.week_page import WeekPage
from ilot_desktop.ui.widgets import fit_to_screen
from ilot_desktop.ui.window_actions import WindowActionsMixin

log = logging.getLogger(__name__)


class MainWindow(LockingMixin, WindowActionsMixin, QMainWindow):
    def __init__(self, paths: AppPaths, settings: LocalSettings, today=date.today):
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.today = today
        self.session: VaultSession | None = None
        self.is_demo = False
        self.setWindowTitle(APP_NAME)
        fit_to_screen(self, 1280, 820)

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(paths.data_dir, self)
        self.create_page = CreatePage(self)
        self.code_page = RecoveryCodePage(self)
        self.unlock_page = UnlockPage(paths.data_dir, self)
        self.workspace = self._build_workspace()
        for page in (self.welcome, self.create_page, self.code_page, self.unlock_page, self.workspace):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.demo_banner = QLabel("Démonstration : toutes les personnes affichées sont fictives.", self)
        self.demo_banner.setStyleSheet("background: #fff3cd; color: #664d03; padding: 4px 10px;")
        self.statusBar().addPermanentWidget(self.demo_banner, 1)
        self.demo_banner.hide()
        self.read_only_banner = QLabel(self)  # shown by show_read_only (app.py): a folder that cannot be written
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #f8d7da; color: #58151c; padding: 4px 10px;")
        self.statusBar().addPermanentWidget(self.read_only_banner, 1)
        self.read_only_banner.hide()
        self._build_menus()
        self.stack.currentChanged.connect(self._update_demo_action)

        self.welcome.create_requested.connect(self._show_create)
        self.welcome.demo_requested.connect(self.open_demo)
        self.create_page.back_requested.connect(self.show_start)
        self.create_page.create_requested.connect(self.create_vault)
        self.code_page.save_sheet_requested.connect(self.save_recovery_sheet)
        self.code_page.done.connect(self._code_seen)
        self.unlock_page.unlock_requested.connect(self.unlock)
        self.unlock_page.recover_requested.connect(self.recover)
        self._restore_geometry()
        self.watcher = InactivityWatcher(QApplication.instance(), settings.get(AUTO_LOCK_MINUTES), self)
        self.watcher.idle.connect(self.auto_lock)
        self.watcher.lock_key.connect(self.request_lock)
        self.show_start()

    def show_read_only(self, text: str) -> None:
        """The data folder cannot be written: said for as long as the window is open (saves are refused by the
        file itself, in words)."""
        self.read_only_banner.setText(text)
        self.read_only_banner.show()

    # --- building ---------------------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list_panel = ParticipantListPanel(self.today, self.splitter)
        self.tabs = QTabWidget(self.splitter)
        self.tabs.setAccessibleName("Onglets")
        self.home = HomePage(self.today, self.tabs)
        self.form = ParticipantForm(self.today)
        self.timeline = TimelinePage(self.today)
        self.dossier_tabs = QTabWidget(self.tabs)
        self.dossier_tabs.setAccessibleName("Dossier du participant")
        self.dossier_tabs.addTab(self.form, "Fic&he")
        self.dossier_tabs.addTab(self.timeline, "S&uivi et rendez-vous")
        self.barriers = BarriersPage(self.today, self.tabs)
        self.outcomes = OutcomesPage(self.today)
        self.bilan = BilanPage(self.today)
        self.results_tabs = QTabWidget(self.tabs)
        self.results_tabs.setAccessibleName("Résultats")
        self.results_tabs.addTab(self.outcomes, "&Parcours de la personne")
        self.results_tabs.addTab(self.bilan, "&Bilan de l'année")
        self.week = WeekPage(self.today)
        self.actions_page = ActionsPage(self.today)
        self.calendar_tabs = QTabWidget(self.tabs)
        self.calendar_tabs.setAccessibleName("Calendrier")
        self.calendar_tabs.addTab(self.week, "S&emaine")
        self.calendar_tabs.addTab(self.actions_page, "Actions &collectives")
        self.tabs.addTab(self.home, "&Ma semaine")
        self.tabs.addTab(self.dossier_tabs, "&Dossier")
        self.tabs.addTab(self.barriers, "F&reins et plan d'action")
        self.tabs.addTab(self.calendar_tabs, "Ca&lendrier")
        self.tabs.addTab(self.results_tabs, "&Résultats")
        self._previous_tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 880])
        # Queued: the switch (which may save and refresh the list) runs after the selection change is over.
        self.list_panel.participant_requested.connect(self.request_participant, Qt.ConnectionType.QueuedConnection)
        self.list_panel.new_requested.connect(self.new_participant)
        self.home.participant_requested.connect(self._open_from_home)
        self.form.saved.connect(self._after_save)
        self.form.open_existing_requested.connect(self._open_existing)
        self.form.dirty_changed.connect(lambda dirty: self.setWindowModified(dirty))
        for page in (self.week, self.timeline, self.actions_page, self.barriers, self.outcomes):
            page.changed.connect(self._after_followup_write)
        self.outcomes.participant_changed.connect(self._participant_changed_elsewhere)
        self.bilan.funder_requested.connect(self.open_funder_dialog)
        self.week.action_requested.connect(self.show_action)
        self.timeline.action_requested.connect(self.show_action)
        return self.splitter

    def _pages(self) -> tuple:
        return (self.home, self.week, self.actions_page, self.timeline, self.barriers, self.outcomes, self.bilan)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        self.new_action = self._action(
            file_menu, "&Nouveau dossier", QKeySequence.StandardKey.New, self.new_participant
        )
        self.save_action = self._action(file_menu, "&Enregistrer", QKeySequence.StandardKey.Save, self.form.save)
        file_menu.addSeparator()
        self.contact_action = self._action(file_menu, "Mes &coordonnées…", None, self.edit_contact)
        file_menu.addSeparator()
        self.funder_action = self._action(
            file_menu, "Fichier pour la &Ville de Paris…", None, lambda: self.open_funder_dialog()
        )
        self.import_action = self._action(file_menu, "&Importer un classeur d'équipe…", None, self.open_import_wizard)
        self.export_action = self._action(file_menu, "E&xporter tout (classeur)…", None, self.export_everything)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "Sau&vegarder sur…", None, self.save_backup_to)
        self.restore_action = self._action(file_menu, "&Restaurer une sauvegarde…", None, self.open_restore)
        self.retention_action = self._action(file_menu, "Dossiers à &anonymiser…", None, self.open_retention)
        file_menu.addSeparator()
        file_menu.addSeparator()
        self.password_action = self._action(file_menu, "Changer le &mot de passe…", None, self.change_password)
        self.new_code_action = self._action(file_menu, "Nouveau code de &secours…", None, self.ask_new_recovery_code)
        self._action(file_menu, "Pré&férences…", None, self.edit_preferences)
        file_menu.addSeparator()
        self.lock_action = self._action(file_menu, "&Verrouiller", QKeySequence("Ctrl+L"), self.request_lock)
        self.quit_action = self._action(file_menu, "&Quitter", QKeySequence("Ctrl+Q"), self.close)
        person_menu = self.menuBar().addMenu("&Dossier")
        self.access_action = self._action(
            person_menu, "&Copie des données (droit d'accès)…", None, self.participant_access_copy
        )
        self.erase_action = self._action(person_menu, "&Effacer le dossier…", None, self.erase_participant)
        help_menu = self.menuBar().addMenu("&Aide")
        self.demo_action = self._action(
            help_menu, "Essayer avec des données &fictives", None, self._open_demo_from_menu
        )
        help_menu.addSeparator()
        self._action(help_menu, "Signaler un &problème…", None, self._show_bug_report_help)
        self._action(help_menu, "À &propos d'Îlot desktop", None, self._show_about)
        self._set_workspace_actions(False)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _set_workspace_actions(self, enabled: bool) -> None:
        for action in (
            self.new_action,
            self.save_action,
            self.lock_action,
            self.contact_action,
            self.funder_action,
            self.import_action,
            self.export_action,
            self.backup_action,
            self.retention_action,
            self.access_action,
            self.erase_action,
        ):
            action.setEnabled(enabled)
        self.restore_action.setEnabled(not self.is_demo)
        for action in (self.password_action, self.new_code_action):  # the demo's password is public
            action.setEnabled(enabled and not self.is_demo)

    # --- start ------------------------------------------------------------------------------------

    def show_start(self) -> None:
        QTimer.singleShot(PRELOAD_AFTER_MS, self._while_the_password_is_typed)
        status = vault.status(self.paths.data_dir)
        if status.exists:
            self.unlock_page.set_folder(status.folder)
            self.unlock_page.reset()
            if not status.has_keyfile:
                self.unlock_page.show_recovery(True)
                self.unlock_page.error.show_message(
                    "Le fichier de clé (ilot.key) est introuvable : ouvrez le dossier avec le code de secours."
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
        self.stack.setCurrentWidget(self.create_page)
        self.create_page.passwords.first.setFocus()

    def create_vault(self, password: str) -> None:
        def work():
            session, code = vault.create(self.paths.data_dir, password, self.today, code_pending=True)
            self.session, self.is_demo = session, False
            self.code_page.show_code(code)
            self.stack.setCurrentWidget(self.code_page)

        self._busy(work, self.create_page.error.show_message)

    def save_recovery_sheet(self) -> None:
        from ilot_desktop.reports.recovery_sheet import write_recovery_sheet

        target = dialogs.choose_save_path(
            self,
            "Enregistrer la feuille de secours (clé USB de préférence)",
            "feuille-de-secours-ilot.pdf",
            "Document PDF (*.pdf)",
            sensitive=True,
        )
        if target is None:
            return
        if target.resolve().is_relative_to(self.paths.data_dir.resolve()):
            dialogs.show_error(
                self,
                IlotError(
                    "Ne rangez pas la feuille de secours avec le fichier chiffré : elle permet de l'ouvrir. "
                    "Choisissez une clé USB ou un autre dossier, puis imprimez-la."
                ),
            )
            return
        try:
            write_recovery_sheet(target, self.code_page.code, self.today(), str(self.paths.data_dir))
        except IlotError as error:  # the safe writer's French reason (disk full, read-only, folder gone)
            dialogs.show_error(self, error)
            return
        except OSError:
            dialogs.show_error(
                self,
                IlotError(
                    "La feuille de secours n'a pas pu être enregistrée à cet endroit "
                    "(dossier en lecture seule ou disque plein). Choisissez un autre dossier."
                ),
            )
            return
        self.code_page.saved_label.setText(f"✓ Feuille enregistrée : {target}")

    def _demo_allowed(self) -> bool:
        """The demo from the start pages only (a file of one's own may exist already): never over an open
        file or a recovery code still on screen."""
        return self.session is None and self.stack.currentWidget() in (
            self.welcome,
            self.unlock_page,
            self.create_page,
        )

    def _update_demo_action(self, *_args) -> None:
        self.demo_action.setEnabled(self._demo_allowed())

    def _open_demo_from_menu(self) -> None:
        """The fictional people, even once the real file exists (training a colleague, a demonstration)."""
        if self._demo_allowed():
            self.open_demo()

    def open_demo(self) -> None:
        def work():
            from ilot_desktop.services.demo import open_or_create_demo  # the fictional people: loaded on demand

            self.session = open_or_create_demo(self.paths.demo_dir, self.today)
            self.is_demo = True
            self._enter_workspace()

        self._busy(work, lambda message: dialogs.show_error(self, IlotError(message)))

    def _code_seen(self) -> None:
        """The person ticked « J'ai noté le code » and went on: the key file stops saying it was never shown."""
        if self.session is not None and not self.is_demo:
            vault.confirm_recovery_code(self.session.folder)
        self._enter_workspace()

    def unlock(self, password: str) -> None:
        damaged = []

        def work():
            try:
                self.session = vault.unlock(self.paths.data_dir, password, self.today)
            except DamagedVaultError:
                damaged.append(True)
                raise
            self.is_demo = False
            self._enter_workspace()
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

    def recover(self, code: str, new_password: str) -> None:
        def work():
            self.session = vault.unlock_with_recovery_code(self.paths.data_dir, code, new_password, self.today)
            self.is_demo = False
            issued = self.session.issued_recovery_code
            if issued is not None:  # a file of format 1: the old code was its key, a new one replaces it
                self.code_page.show_code(issued)
                self.stack.setCurrentWidget(self.code_page)
            else:
                self._enter_workspace()
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

        self._busy(work, self.unlock_page.error.show_message)

    def _busy(self, work, show_message) -> bool:
        """Run a step with a wait cursor; known problems go to ``show_message``, bugs to a report.

        If the step fails after a vault was opened, the vault is closed again: nothing stays
        decrypted behind the start pages.
        """
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        except Exception as exc:
            QGuiApplication.restoreOverrideCursor()
            if self.session is not None and self.stack.currentWidget() is not self.workspace:
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

    # --- workspace --------------------------------------------------------------------------------

    def _enter_workspace(self) -> None:
        assert self.session is not None
        self.code_page.forget()
        self.create_page.reset()
        self.unlock_page.reset()
        self.form.set_service(self.session.participants)
        for page in self._pages():
            page.set_session(self.session)
        self.list_panel.set_filter_code(self.settings.get(LIST_FILTER))
        self.refresh_list()
        self.form.show_participant(None)
        self.tabs.setCurrentWidget(self.home)
        self.demo_banner.setVisible(self.is_demo)
        self.setWindowTitle(f"{APP_NAME} — Démonstration (données fictives)[*]" if self.is_demo else f"{APP_NAME}[*]")
        self._set_workspace_actions(True)
        self.stack.setCurrentWidget(self.workspace)
        self.list_panel.focus_search()
        self.watcher.restart()
        log.info("workspace opened%s", " (demo)" if self.is_demo else "")
        self.restore_drafts()
        # the day's backup (about 0.5 s on a ten-year file) once the window is on screen, not before it
        QTimer.singleShot(BACKUP_AFTER_MS, self.auto_backup)

    def refresh_list(self) -> None:
        if self.session is not None:
            self.list_panel.set_rows(self.session.participants.summaries())

    def _confirm_leave(self) -> bool:
        """True when the current file may be left (saved, discarded, or nothing to save)."""
        if not self.outcomes.confirm_leave():
            return False
        if not self.form.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, self.form.who())
        if answer is dialogs.Answer.SAVE:
            return self.form.save()
        if answer is dialogs.Answer.DISCARD:
            self.form._set_dirty(False)  # decided once: not asked again on the way out
            return True
        return False

    def _confirm_lock(self) -> bool:
        """Before quitting or restoring (not before locking, which keeps drafts): the participant file, an
        open appointment, an action being edited."""
        if not self._confirm_leave() or not self.actions_page.confirm_leave():
            return False
        for page in (self.week, self.timeline):
            dialog = page.dialog
            if dialog is not None and dialog.isVisible() and dialog.is_dirty():
                answer = dialogs.ask_unsaved(self, "Le rendez-vous en cours de saisie")
                if answer is dialogs.Answer.CANCEL or (answer is dialogs.Answer.SAVE and not dialog.save()):
                    return False
                dialog._dirty = False  # discarded: not kept as a draft either
        return True

    def _open_from_home(self, participant_id: int, section: str) -> None:
        """A line of Ma semaine: a late task opens the plan, anything else the participant file."""
        tab = self.barriers if section == "overdue" else self.dossier_tabs
        self.request_participant(participant_id, tab)

    def request_participant(self, participant_id: int, tab: QWidget | None = None) -> None:
        if not self._confirm_leave():
            # Stay on what the form shows now (it may be another file, opened as a duplicate).
            current = self.form.current
            self.list_panel.select(current.id if current else None, emit=False)
            return
        self.open_participant(participant_id, tab)

    def open_participant(self, participant_id: int, tab: QWidget | None = None) -> None:
        """Show a participant everywhere; stay on a per-person tab (Freins, Résultats) if one is showing."""
        try:
            participant = self.session.participants.get(participant_id)
        except IlotError as error:
            dialogs.show_error(self, error)
            self.refresh_list()
            return
        self.form.show_participant(participant)
        self.timeline.show_participant(participant)
        self.barriers.show_participant(participant)
        self.outcomes.show_participant(participant)
        self.session.audit.record("participant_viewed", participant_id)
        self.list_panel.select(participant_id, emit=False)
        if tab is None:
            current = self.tabs.currentWidget()
            tab = current if current in (self.dossier_tabs, self.barriers, self.results_tabs) else self.dossier_tabs
        self.tabs.setCurrentWidget(tab)

    def new_participant(self) -> None:
        if self.session is None or not self._confirm_leave():
            return
        self.list_panel.select(None, emit=False)
        self.form.show_participant(self.session.participants.new_draft())
        self.timeline.show_participant(None)
        self.barriers.show_participant(None)
        self.outcomes.show_participant(None)
        self.tabs.setCurrentWidget(self.dossier_tabs)
        self.dossier_tabs.setCurrentWidget(self.form)

    def _after_save(self, participant) -> None:
        """A file was saved: every view that shows names or dates of it redraws."""
        if participant.end_date is not None:
            self._offer_to_cancel_after(participant)
        self.refresh_list()
        self.list_panel.select(participant.id, emit=False)
        self.timeline.show_participant(participant)
        self.barriers.show_participant(participant)
        self.outcomes.show_participant(participant)
        self.home.refresh()
        self.week.refresh()
        self.actions_page.refresh()

    def _tab_changed(self, index: int) -> None:
        """Leaving the participant file with unsaved edits asks first (another tab may change the file)."""
        previous, self._previous_tab = self._previous_tab, index
        if self.tabs.widget(previous) is self.dossier_tabs and index != previous and not self._confirm_leave():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(previous)
            self.tabs.blockSignals(False)
            self._previous_tab = previous

    def _participant_changed_elsewhere(self, participant) -> None:
        """The Résultats tab closed, reopened or changed the rhythm of a file: everything shows it."""
        if participant.end_date is not None:
            self._offer_to_cancel_after(participant)
        self.refresh_list()
        self.form.show_participant(participant)
        self.timeline.show_participant(participant)
        self.barriers.show_participant(participant)
        self.list_panel.select(participant.id, emit=False)
        self.home.refresh()
        self.week.refresh()

    def _offer_to_cancel_after(self, participant) -> None:
        """A closed file keeps no planned appointment after its end, unless the caseworker wants it."""
        planned = self.session.followup.planned_after(participant.id, participant.end_date)
        if not planned:
            return
        count = len(planned)
        what = "le rendez-vous prévu" if count == 1 else f"les {count} rendez-vous prévus"
        if dialogs.confirm(
            self,
            "Accompagnement terminé",
            f"Annuler {what} après la fin d'accompagnement ({format_date(participant.end_date)}) ?",
            "Ils resteraient sinon dans la semaine et dans « Ma semaine ».",
            "Annuler les rendez-vous",
        ):
            self.session.followup.cancel_planned_after(participant.id, participant.end_date)

    def _after_followup_write(self) -> None:
        """An appointment or an action changed: every view showing follow-up redraws."""
        sender = self.sender()
        for page in (self.home, self.week, self.timeline, self.barriers.plan, self.bilan):
            if page is not sender and not (sender is self.barriers and page is self.barriers.plan):
                page.refresh()

    def show_action(self, action_id: int) -> None:
        self.tabs.setCurrentWidget(self.calendar_tabs)
        self.calendar_tabs.setCurrentWidget(self.actions_page)
        self.actions_page.request_action(action_id)

    def _open_existing(self, participant_id: int) -> None:
        self.open_participant(participant_id)

    # --- locking and closing ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self.stack.currentWidget() is self.code_page
            and not self.code_page.confirm.isChecked()
            and not dialogs.confirm(
                self,
                "Code de secours",
                "Le code de secours ne sera plus jamais affiché.",
                "Sans lui, un mot de passe oublié rend les dossiers illisibles. Avez-vous enregistré "
                "la feuille de secours ?",
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
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().toBase64()).decode("ascii"))
        self.settings.set(WINDOW_SPLITTER, bytes(self.splitter.saveState().toBase64()).decode("ascii"))
        self.settings.set(LIST_FILTER, self.list_panel.filter_code())

    def _restore_geometry(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        splitter = self.settings.get(WINDOW_SPLITTER)
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode("ascii")))


STORAGE = "ilot_desktop.storage.database"
BACKUP_AFTER_MS = 150  # after the workspace is painted
PRELOAD_AFTER_MS = 250  # once the start page is on screen


def _preload_storage(freeze: bool = True) -> None:
    """Once the start page is on screen, while the password is typed: what the start could do without.

    The storage layer (SQLAlchemy, Alembic: about 0.4 s) is imported here: the start pages do without it, so
    they show sooner, and the unlock finds it loaded. On the main thread, simply: keys typed meanwhile wait in
    Qt's queue, none is lost.

    Then, once per process and while no file is open, everything alive (modules, classes, the window's
    widgets: kept until the end) is set aside from the garbage collector's full passes (``gc.freeze``).
    Scanning these 100,000 objects made each full pass take 65-85 ms, in the middle of a search, a switch
    or a Bilan on a ten-year file; 4 to 20 ms without them.
    """
    importlib.import_module(STORAGE)  # nothing to do once loaded
    if freeze and not gc.get_freeze_count():
        gc.collect()  # garbage of the start is freed first, not frozen with the rest
        gc.freeze()
