"""The window's menus (Fichier, Dossier, Aide): their actions, shortcuts, and which ones need an open file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ilot_desktop.ui.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | None


class Menus:
    """Built once with the window; the commands run on the window (most need the workspace, built at the first
    unlock: they are enabled only while a file is open)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        file_menu = bar.addMenu("&Fichier")
        action = self._action
        self.new_action = action(file_menu, "&Nouveau dossier", QKeySequence.StandardKey.New, window.new_participant)
        self.save_action = action(file_menu, "&Enregistrer", QKeySequence.StandardKey.Save, self._save)
        file_menu.addSeparator()
        self.contact_action = action(file_menu, "Mes &coordonnées…", None, window.edit_contact)
        file_menu.addSeparator()
        self.funder_action = action(
            file_menu, "Fichier pour la &Ville de Paris…", None, lambda: window.open_funder_dialog()
        )
        self.import_action = action(file_menu, "&Importer un classeur d'équipe…", None, window.open_import_wizard)
        self.export_action = action(file_menu, "E&xporter tout (classeur)…", None, window.export_everything)
        file_menu.addSeparator()
        self.sync_action = action(
            file_menu, "Envoyer et recev&oir", QKeySequence("Ctrl+Shift+E"), window.send_and_receive
        )
        self.receive_action = action(file_menu, "Recevoir un &paquet d'équipe…", None, window.receive_team_package)
        self.handover_action = action(file_menu, "&Transmettre à une collègue…", None, window.hand_over)
        self.conflicts_action = action(file_menu, "Conflits à ré&gler…", None, window.open_conflicts)
        file_menu.addSeparator()
        self.backup_action = action(file_menu, "Sau&vegarder sur…", None, window.save_backup_to)
        self.restore_action = action(file_menu, "&Restaurer une sauvegarde…", None, window.open_restore)
        self.retention_action = action(file_menu, "Dossiers à &anonymiser…", None, window.open_retention)
        file_menu.addSeparator()
        file_menu.addSeparator()
        self.password_action = action(file_menu, "Changer le &mot de passe…", None, window.change_password)
        self.new_code_action = action(file_menu, "Nouveau code de &secours…", None, window.ask_new_recovery_code)
        action(file_menu, "Pré&férences…", None, window.edit_preferences)
        file_menu.addSeparator()
        self.lock_action = action(file_menu, "&Verrouiller", QKeySequence("Ctrl+L"), window.request_lock)
        self.quit_action = action(file_menu, "&Quitter", QKeySequence("Ctrl+Q"), window.close)
        person_menu = bar.addMenu("&Dossier")
        self.access_action = action(
            person_menu, "&Copie des données (droit d'accès)…", None, window.participant_access_copy
        )
        self.erase_action = action(person_menu, "&Effacer le dossier…", None, window.erase_participant)
        help_menu = bar.addMenu("&Aide")
        self.guide_action = action(help_menu, "&Guide d'utilisation", None, window.open_guide)
        self.tab_help_action = action(
            help_menu, "Aide sur l'écran &affiché", QKeySequence.StandardKey.HelpContents, window.open_guide_here
        )
        help_menu.addSeparator()
        self.demo_action = action(help_menu, "Essayer avec des données &fictives", None, window._open_demo_from_menu)
        help_menu.addSeparator()
        action(help_menu, "Signaler un &problème…", None, window._show_bug_report_help)
        action(help_menu, "À &propos d'Îlot desktop", None, window._show_about)
        self.set_file_open(False, is_demo=False)

    def _action(self, menu: QMenu, text: str, shortcut: Shortcut, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.window.addAction(action)
        return action

    def _save(self) -> None:
        """Ctrl+S saves what is shown: the collective action on its tab (or nothing, with a hint in the status
        bar, while none is chosen: never the hidden participant form), the participant file everywhere else."""
        workspace = self.window.workspace
        if workspace is None:
            return
        if workspace.actions_page.isVisible():
            if workspace.actions_page.action is not None:
                workspace.actions_page.save()
            else:
                self.window.statusBar().showMessage("Choisissez ou créez une action collective à enregistrer.", 5000)
        else:
            workspace.form.save()

    def set_file_open(self, enabled: bool, is_demo: bool) -> None:
        """The commands on the records while a file is open; restore and the password rules around the demo."""
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
        self.restore_action.setEnabled(not is_demo)
        for action in (self.sync_action, self.receive_action, self.handover_action, self.conflicts_action):
            action.setEnabled(enabled and not is_demo)  # fictional people never go to a team
        if not enabled:
            from ilot_desktop.ui.team_actions import hide_proposal

            hide_proposal(self.window)
        for action in (self.password_action, self.new_code_action):  # the demo's password is public
            action.setEnabled(enabled and not is_demo)
