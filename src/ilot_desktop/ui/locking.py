"""Locking the window: at once, with no question over the records; what was being typed is kept encrypted.

Every editor that can hold unsaved typing (the participant file, an appointment's compte rendu, a collective
action, a result, a plan task, a barrier being added, the caseworker's details…) answers ``unsaved_draft()``
with a small dict (``kind``, a French ``label`` naming it, and its fields), or None. At lock they are found
among the window's widgets, kept in one encrypted entry of the vault, and after unlock put back where they
were (the page or the dialog, marked as not saved) with one message saying what was kept. Nothing of it is
saved as a record until the person saves.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Protocol, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ilot_desktop import APP_NAME
from ilot_desktop.errors import IlotError
from ilot_desktop.logs import forget_exception
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.window_base import WindowBase

log = logging.getLogger(__name__)
DRAFTS = "verrouillage"  # the list of drafts, one entry of the encrypted settings table
LEGACY_DRAFT = "participant"  # what versions before kept: the participant file alone
DRAFT_STYLE = "background: #fff3cd; color: #664d03; border: 1px solid #f0d58a; padding: 6px; font-weight: 600;"
DRAFT_NOTE = (
    "Brouillon retrouvé après le verrouillage\u00a0: rien n'est enregistré tant que vous n'avez pas cliqué sur "
    "«\u00a0Enregistrer\u00a0»."
)
# page drafts first (they choose the tab shown), dialogs last (they open over the page)
ORDER = ("participant", "outcome", "task", "barrier", "action", "contact", "appointment")


class _DraftEditor(Protocol):
    def unsaved_draft(self) -> dict[str, Any] | None: ...


class LockingMixin(WindowBase):
    """Part of MainWindow: locking, and the drafts put back after unlock."""

    # --- locking ------------------------------------------------------------------------------------

    def request_lock(self, *_args: object) -> None:
        """Ctrl+L, « Verrouiller » and the idle watcher: an open question box or file chooser is answered
        « Annuler » first, then the window locks as soon as the code that asked has had its answer."""
        if self.session is not None:
            dialogs.cancel_questions(then=self._lock_after_questions)

    def auto_lock(self) -> None:
        if self.session is not None:
            log.info("auto-lock after %d minutes without activity", self.watcher.minutes)
            self.request_lock()

    def lock(self) -> bool:
        """Keep what is being typed (encrypted), drop every decrypted thing and show the start page.

        Never asks anything. Called while a question's own event loop runs, it waits for that loop to
        return (the question is answered « Annuler ») and returns False."""
        if self.session is None:
            return True
        if dialogs.questions_open():
            dialogs.cancel_questions(then=self._lock_after_questions)
            return False
        for _ in range(5):  # menus and lists name people
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        kept_failed = self._keep_drafts()
        self._save_view_settings()
        self._close_record_dialogs()
        if self.workspace is not None:
            self.workspace.discard_edits()  # kept as drafts above: each page forgets it, however it holds it
            self.workspace.set_session(None)
        forget_exception()  # a bug reported before the lock keeps no frame (and its locals) alive
        self.session.close()
        self.session = None
        self.is_demo = False
        self.demo_banner.hide()
        self.setWindowTitle(APP_NAME)
        self.menus.set_file_open(False, is_demo=False)
        self.show_start()
        if kept_failed is not None:
            self.unlock_page.error.show_message(
                f"La saisie en cours n'a pas pu être gardée\u00a0: {kept_failed}"
                if isinstance(kept_failed, IlotError)
                else "La saisie en cours n'a pas pu être gardée (erreur inattendue)."
            )
        log.info("locked")
        return True

    def _lock_after_questions(self) -> None:
        self.lock()

    def unsaved_editors(self) -> list[QWidget]:
        """Every widget of the window that can hold unsaved typing: found, not listed by hand."""
        found = []
        for widget in self.findChildren(QWidget):
            if not callable(getattr(widget, "unsaved_draft", None)):
                continue
            if isinstance(widget, QDialog) and not widget.isVisible():
                continue  # closed, waiting for its deletion
            found.append(widget)
        return found

    def unsaved_drafts(self) -> list[dict[str, Any]]:
        drafts = []
        for editor in self.unsaved_editors():
            draft = cast(_DraftEditor, editor).unsaved_draft()  # found by that method
            if draft:
                drafts.append(draft)
        return drafts

    def _keep_drafts(self) -> Exception | None:
        """The drafts go into the encrypted file (none for the demonstration: its data is fictional)."""
        if self.is_demo or self.session is None:
            return None
        try:
            drafts = self.unsaved_drafts()
            if drafts:
                self.session.keep_draft(DRAFTS, json.dumps(drafts, ensure_ascii=False))
        except Exception as exc:  # a full disk or a read-only copy must not keep the records on screen
            log.error("drafts not kept at lock (%s)", type(exc).__name__)
            return exc
        return None

    def record_dialogs(self) -> list[QDialog]:
        """Every dialog open over the records, found rather than listed: the window's own (an appointment opened
        from the week, a result, the funder file…) and any other open window-dialog of the application (one
        opened without a parent)."""
        from shiboken6 import isValid

        found = [dialog for dialog in self.findChildren(QDialog) if isValid(dialog) and dialog.isVisible()]
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and isValid(widget) and widget.isVisible() and widget not in found:
                found.append(widget)
        return found

    def _close_record_dialogs(self) -> None:
        """Every dialog opened over the records closes, without a question (``done`` skips ``reject``)
        and is deleted: nothing decrypted stays on screen or in a hidden window."""
        from shiboken6 import isValid

        for dialog in self.record_dialogs():
            discard = getattr(dialog, "discard_edits", None)
            if callable(discard):
                discard()  # its draft is kept: closing it asks nothing
            dialog.blockSignals(True)  # no "after closing" work (a refresh, a file shown and logged) at lock
            dialog.done(0)
            dialog.deleteLater()
        for dialog in self.findChildren(QDialog):  # closed ones waiting for their deletion
            if isValid(dialog):
                dialog.deleteLater()
        for name, value in list(vars(self).items()):
            if isinstance(value, QDialog):
                setattr(self, name, None)

    # --- after unlock -------------------------------------------------------------------------------

    def restore_drafts(self) -> None:
        """After unlock: put back what the lock kept, then say what it was."""
        if self.session is None:
            return
        try:
            kept = self.session.take_draft(DRAFTS)
            legacy = self.session.take_draft(LEGACY_DRAFT)
        except IlotError as error:  # a read-only copy: the drafts stay in the file
            log.warning("drafts not read at unlock (%s)", type(error).__name__)
            return
        drafts: list[dict[str, Any]] = json.loads(kept) if kept else []
        if legacy:
            drafts.append({"kind": "participant", "label": "Fiche en cours de saisie", "snapshot": legacy})
        if not drafts:
            return
        drafts.sort(key=lambda d: ORDER.index(d.get("kind")) if d.get("kind") in ORDER else len(ORDER))
        found: list[str] = []
        lost: list[str] = []
        tab: QWidget | None = None
        for draft in drafts:
            restore = getattr(self, f"_restore_{draft.get('kind')}", None)
            try:
                shown = restore(draft) if restore is not None else False
            except Exception as exc:  # gone meanwhile (IlotError) or unreadable: said, never a crash at unlock
                log.warning("draft not restored (%s)", type(exc).__name__)
                shown = False
            if shown is False:
                lost.append(draft.get("label", ""))
                continue
            found.append(draft.get("label", ""))
            if tab is None and isinstance(shown, QWidget):
                tab = shown
        if tab is not None:
            self.ws.show_tab(tab)
        QTimer.singleShot(0, lambda: self._tell_drafts(found, lost))

    def _tell_drafts(self, found: list[str], lost: list[str]) -> None:
        if self.session is None:
            return
        parts = []
        if found:
            parts.append("\n".join(f"• {label}" for label in found))
            parts.append("Rien de cela n'est encore enregistré\u00a0: vérifiez, puis enregistrez.")
        if lost:
            parts.append(
                "N'a pas pu être remis à l'écran (l'enregistrement n'existe plus)\u00a0:\n"
                + "\n".join(f"• {label}" for label in lost)
            )
        dialogs.inform(
            self,
            "Saisie retrouvée",
            "Ce qui était en cours de saisie au verrouillage a été gardé (chiffré) et remis à l'écran\u00a0:"
            if found
            else "Ce qui était en cours de saisie au verrouillage a été gardé (chiffré), mais n'a pas pu être "
            "remis à l'écran.",
            "\n\n".join(parts),
        )

    def _show_person(self, participant_id: int) -> None:
        """The participant a draft belongs to, everywhere (once: a restored form is not reloaded)."""
        workspace, session = self.ws, self.session
        assert session is not None
        current = workspace.form.current
        if current is not None and current.id == participant_id:
            return
        session.participants.get(participant_id)  # erased meanwhile: IlotError, the draft is lost
        workspace.open_participant(participant_id, workspace.tabs.currentWidget())

    def _restore_participant(self, draft: dict[str, Any]) -> QWidget:
        snapshot = draft["snapshot"]
        participant_id = json.loads(snapshot).get("id")
        form = self.ws.form
        if participant_id is not None:
            self._show_person(participant_id)
        else:
            self.ws.show_new_file()
        form.restore(snapshot)
        return form

    def _restore_outcome(self, draft: dict[str, Any]) -> QWidget:
        self._show_person(draft["participant_id"])
        self.ws.outcomes.restore_draft(draft)
        return self.ws.outcomes

    def _restore_task(self, draft: dict[str, Any]) -> QWidget:
        self._show_person(draft["participant_id"])
        self.ws.barriers.plan.restore_draft(draft)
        return self.ws.barriers

    def _restore_barrier(self, draft: dict[str, Any]) -> QWidget:
        self._show_person(draft["participant_id"])
        self.ws.barriers.restore_draft(draft)
        return self.ws.barriers

    def _restore_action(self, draft: dict[str, Any]) -> QWidget | bool:
        actions_page = self.ws.actions_page
        return actions_page if actions_page.restore_draft(draft) else False

    def _restore_contact(self, draft: dict[str, Any]) -> bool:
        dialog = self.edit_contact()
        if dialog is None:
            return False
        dialog.restore_draft(draft)
        return True

    def _restore_appointment(self, draft: dict[str, Any]) -> bool:
        from ilot_desktop.ui.appointment_dialog import AppointmentDialog

        session = self.session
        assert session is not None  # drafts are put back into an open file
        appointment = AppointmentDialog.draft_appointment(session, draft)
        self.ws.week.open_appointment(appointment).restore_draft(draft)
        return True
