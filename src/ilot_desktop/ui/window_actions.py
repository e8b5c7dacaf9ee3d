"""The window's menu commands and the security flows (password, recovery code); locking is in locking.py."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from ilot_desktop.errors import IlotError
from ilot_desktop.services import vault
from ilot_desktop.settings import AUTO_LOCK_MINUTES
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.window_base import WindowBase

if TYPE_CHECKING:
    from ilot_desktop.ui.about_dialog import AboutDialog
    from ilot_desktop.ui.backup_dialogs import RestoreDialog
    from ilot_desktop.ui.contact_dialog import ContactDialog
    from ilot_desktop.ui.exchange_dialogs import ImportWizard
    from ilot_desktop.ui.funder_dialog import FunderDialog
    from ilot_desktop.ui.help_viewer import HelpWindow
    from ilot_desktop.ui.preferences_dialog import PreferencesDialog
    from ilot_desktop.ui.privacy_dialogs import RetentionDialog
    from ilot_desktop.ui.security_dialogs import ChangePasswordDialog, NewCodeDialog
    from ilot_desktop.ui.team_actions import TeamProposal
    from ilot_desktop.ui.team_conflicts import ConflictsDialog
    from ilot_desktop.ui.team_dialogs import HandOverDialog, TeamSummaryDialog

log = logging.getLogger(__name__)


class WindowActionsMixin(WindowBase):
    """Part of MainWindow: the menu commands. After a write they say what changed on the session-events hub
    (``self.events``); the pages redraw themselves. The dialogs are kept as attributes only so that tests and
    scripts can reach them: locking finds and closes every open dialog without this list."""

    funder_dialog: FunderDialog | None = None
    import_wizard: ImportWizard | None = None
    contact_dialog: ContactDialog | None = None
    about_dialog: AboutDialog | None = None
    help_window: HelpWindow | None = None
    restore_dialog: RestoreDialog | None = None
    retention_dialog: RetentionDialog | None = None
    password_dialog: ChangePasswordDialog | None = None
    code_dialog: NewCodeDialog | None = None
    preferences_dialog: PreferencesDialog | None = None
    team_summary: TeamSummaryDialog | None = None
    conflicts_dialog: ConflictsDialog | None = None
    handover_dialog: HandOverDialog | None = None
    team_proposal: TeamProposal | None = None

    def open_funder_dialog(self) -> None:
        from ilot_desktop.ui.funder_dialog import FunderDialog

        if self.session is None:
            return
        bilan = self.ws.bilan
        year = bilan.year.currentData() if self.sender() is bilan else None
        as_of = bilan.as_of.text() if year is not None else None
        self.funder_dialog = FunderDialog(self.session, self.today, self, initial_year=year, as_of_text=as_of)
        self.funder_dialog.open()

    def open_import_wizard(self) -> None:
        from ilot_desktop.ui.exchange_dialogs import ImportWizard

        if self.session is None or not self._confirm_leave():
            return
        self.import_wizard = wizard = ImportWizard(self.session, self)
        wizard.finished.connect(lambda *_args: self._import_wizard_closed(wizard))
        wizard.open()

    def _import_wizard_closed(self, wizard: ImportWizard) -> None:
        """The rows read (names, birth dates) are not kept once the wizard is closed; the lists redraw only
        if something was imported."""
        wizard.checked = None
        if wizard.imported:
            self._after_import()

    def _after_import(self, *_args: object) -> None:
        """Many files written at once (an import, an anonymisation): every list of people redraws, and the
        person shown is shown again."""
        if self.session is None:
            return
        self.events.participants_changed.emit(None)
        current = self.ws.form.current
        if current is not None and current.id is not None:
            self.ws.open_participant(current.id)

    # --- team work (ui/team_actions.py) -----------------------------------------------------------------

    def send_and_receive(self) -> None:
        from ilot_desktop.ui import team_actions

        team_actions.send_and_receive(self)

    def receive_team_package(self) -> None:
        from ilot_desktop.ui import team_actions

        team_actions.receive_package(self)

    def hand_over(self) -> None:
        from ilot_desktop.ui import team_actions

        team_actions.hand_over(self)

    def open_conflicts(self) -> None:
        from ilot_desktop.ui import team_actions

        team_actions.open_conflicts(self)

    def propose_team_sync(self) -> None:
        """At unlock, once the window is on screen: « Envoyer et recevoir » offered when the team folder is
        reachable (in the status bar, never forced; not for the demonstration)."""
        from ilot_desktop.ui import team_actions

        team_actions.propose_at_unlock(self)

    def export_everything(self) -> None:
        from ilot_desktop.ui.exchange_dialogs import export_everything

        if self.session is not None and self._confirm_leave():
            export_everything(self.session, self)

    def edit_contact(self) -> ContactDialog | None:
        from ilot_desktop.ui.contact_dialog import ContactDialog

        if self.session is None:
            return None
        dialog = self.contact_dialog = ContactDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- help ---------------------------------------------------------------------------------------

    def _show_about(self) -> None:
        from ilot_desktop.ui.about_dialog import AboutDialog

        dialog = self.about_dialog = AboutDialog(self.paths, vault.library_versions(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_guide(self) -> HelpWindow | None:
        """Aide → Guide d'utilisation: the guide from its beginning."""
        return self._show_guide(None)

    def open_guide_here(self) -> HelpWindow | None:
        """F1: the guide at the section about what the window shows (the tab, or the start page)."""
        from ilot_desktop.ui.help_guide import START_SECTIONS, TAB_SECTIONS

        shown = self.stack.currentWidget()
        workspace = self.workspace
        if workspace is not None and shown is workspace:
            page = workspace.tabs.currentWidget()
            if isinstance(page, QTabWidget) and page.currentWidget() is not None:
                page = page.currentWidget()  # Dossier, Calendrier, Résultats: the sub-tab shown
            name = next((n for n in TAB_SECTIONS if getattr(workspace, n, None) is page), "")
            return self._show_guide(TAB_SECTIONS.get(name))
        name = next((n for n in START_SECTIONS if getattr(self, n, None) is shown), "")
        return self._show_guide(START_SECTIONS.get(name))

    def _show_guide(self, section: str | None) -> HelpWindow | None:
        from ilot_desktop.ui.help_guide import GuideMissingError, guide_file
        from ilot_desktop.ui.help_viewer import HelpWindow

        window = self.help_window
        if window is None:
            try:
                window = HelpWindow(guide_file(), self)
            except (GuideMissingError, OSError):
                log.warning("user guide not found")
                dialogs.inform(
                    self,
                    "Guide d'utilisation",
                    "Le guide d'utilisation est introuvable\u00a0: l'installation est incomplète.",
                    "Réinstallez l'application, ou demandez le guide à l'équipe qui la maintient.",
                )
                return None
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(self._guide_closed)
            self.help_window = window
        window.show_section(section)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _guide_closed(self, *_args: object) -> None:
        self.help_window = None

    def _show_bug_report_help(self) -> None:
        dialogs.inform(
            self,
            "Signaler un problème",
            "Décrivez ce que vous faisiez et joignez le dernier rapport d'erreur, s'il y en a un.",
            f"Les rapports (sans données personnelles) sont rangés ici :\n{self.paths.crash_dir}\n\n"
            f"Journal de l'application :\n{self.paths.log_file}",
        )

    # --- backups and the person's rights ---------------------------------------------------------------

    def save_backup_to(self) -> None:
        from ilot_desktop.ui.backup_dialogs import save_to

        if self.session is not None:
            save_to(self.session, self)

    def open_restore(self) -> None:
        """Restoring replaces the file: lock first (asking about unsaved edits: a draft kept in the replaced
        file would not come back), then choose and check."""
        from ilot_desktop.ui.backup_dialogs import RestoreDialog

        if self.is_demo or not vault.status(self.paths.data_dir).exists:
            return
        if self.session is not None and not (self._confirm_lock() and self.lock()):
            return
        dialog = self.restore_dialog = RestoreDialog(self.paths.data_dir, self)
        dialog.restored.connect(self._after_restore)
        dialog.open()

    def _after_restore(self, previous: Path | None) -> None:
        kept = f"\n\nLe fichier remplacé est gardé ici :\n{previous}" if previous else ""
        dialogs.inform(
            self, "Sauvegarde restaurée", "La sauvegarde est en place : déverrouillez avec son mot de passe." + kept
        )
        self.show_start()

    def auto_backup(self) -> None:
        """At unlock and at close, at most once a day; a failure is said in the status bar, never blocking."""
        if self.session is None or self.is_demo:
            return
        try:
            written = self.session.backups.auto_if_due()
        except IlotError as error:
            log.warning("automatic backup failed (%s)", type(error).__name__)
            self.statusBar().showMessage(f"Sauvegarde automatique impossible : {error}", 15_000)
            return
        if written is not None:
            self.statusBar().showMessage("✓ Sauvegarde automatique faite.", 8_000)

    def offer_latest_backup(self, password: str) -> None:
        """The file is damaged: offer the newest backup that opens with this password and passes its check."""
        from ilot_desktop.services import backup

        found = backup.latest_good_backup(self.paths.data_dir, password=password)
        if found is None:
            return
        info, _report = found
        when = f"{info.created:%d/%m/%Y à %H:%M}"
        if dialogs.confirm(
            self,
            "Fichier endommagé",
            f"Restaurer la sauvegarde du {when} ?",
            "Elle est vérifiée et s'ouvre avec ce mot de passe. Le fichier endommagé est gardé de côté.",
            "Restaurer",
        ):
            try:
                previous = backup.restore(self.paths.data_dir, info.path, password=password)
            except IlotError as error:
                dialogs.show_error(self, error)
                return
            self._after_restore(previous)

    def participant_access_copy(self) -> None:
        from ilot_desktop.ui.privacy_dialogs import access_copy

        current = self.ws.form.current if self.workspace is not None else None
        if self.session is not None and current is not None and current.id is not None:
            access_copy(self.session, current, self)

    def erase_participant(self) -> None:
        from ilot_desktop.ui.privacy_dialogs import erase

        current = self.ws.form.current if self.workspace is not None else None
        if self.session is None or current is None or current.id is None:
            return
        if erase(self.session, current, self):
            self.ws.forget_shown()

    def open_retention(self) -> None:
        from ilot_desktop.ui.privacy_dialogs import RetentionDialog

        if self.session is None or not self._confirm_leave():
            return
        dialog = self.retention_dialog = RetentionDialog(self.session, self)
        dialog.accepted.connect(self._after_import)
        dialog.open()

    # --- security --------------------------------------------------------------------------------------

    def change_password(self) -> None:
        from ilot_desktop.services import backup
        from ilot_desktop.ui.security_dialogs import ChangePasswordDialog

        if self.session is None or self.is_demo:
            return
        count = len(backup.list_backups(self.paths.data_dir))
        dialog = self.password_dialog = ChangePasswordDialog(self.paths.data_dir, count, self)
        dialog.chosen.connect(self.apply_password_change)
        dialog.open()

    def apply_password_change(self, current: str, new: str, policy: str) -> bool:
        """Lock (what is being typed is kept as drafts), re-key the file under the new password, reopen it, and
        say what became of the backups; a new recovery code (files of format 1) is shown once."""
        if not self.lock():
            return False

        def work() -> None:
            change = vault.change_password(self.paths.data_dir, current, new, old_backups=vault.OldBackups(policy))
            self.session = vault.unlock(self.paths.data_dir, new, self.today)
            self.is_demo = False
            if change.recovery_code is not None:
                self.code_page.show_code(change.recovery_code)
                self.stack.setCurrentWidget(self.code_page)
            else:
                self._enter_workspace()
            lines = change.summary_lines()
            dialogs.inform(self, "Mot de passe changé", lines[0], "\n".join(lines[1:]))

        return self._busy(work, self.unlock_page.show_error)

    def ask_new_recovery_code(self) -> None:
        from ilot_desktop.ui.security_dialogs import NewCodeDialog

        if self.session is None or self.is_demo:
            return
        dialog = self.code_dialog = NewCodeDialog(self)
        dialog.chosen.connect(self.make_new_recovery_code)
        dialog.finished.connect(lambda _r: setattr(self, "code_dialog", None))
        dialog.open()

    def make_new_recovery_code(self, password: str) -> bool:
        """Lock, re-key the file, unlock again and show the new code once."""
        if not self.lock():
            return False

        def work() -> None:
            self.session, code = vault.renew_recovery_code(self.paths.data_dir, password, self.today)
            self.is_demo = False
            self.code_page.show_code(code)
            self.stack.setCurrentWidget(self.code_page)

        return self._busy(work, self.unlock_page.show_error)

    def edit_preferences(self) -> None:
        from ilot_desktop.ui.preferences_dialog import PreferencesDialog

        people = self.session.participants if self.session is not None else None  # the laptop code: a file open
        team = getattr(self.session, "team", None) if not self.is_demo else None
        dialog = self.preferences_dialog = PreferencesDialog(
            self.settings.get(AUTO_LOCK_MINUTES),
            self,
            laptop_code=people.laptop_code() if people is not None else None,
            next_number=people.proposed_number if people is not None else None,
            team=team,
        )
        dialog.accepted.connect(lambda: self.save_preferences(dialog))
        dialog.open()

    def save_preferences(self, dialog: PreferencesDialog) -> None:
        self.set_auto_lock_minutes(dialog.minutes.value())
        code = dialog.chosen_code()
        if code is not None and self.session is not None:
            try:
                self.session.participants.set_laptop_code(code)  # the numbers already given stay as they are
            except IlotError as error:
                dialogs.show_error(self, error)
            self.invite_laptop_code()
        if dialog.team_section is not None and self.session is not None:
            from ilot_desktop.ui.team_actions import save_team_preferences

            save_team_preferences(self, dialog.team_section)

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.settings.set(AUTO_LOCK_MINUTES, minutes)
        self.settings.save()
        self.watcher.set_minutes(minutes)
