"""Team work from the window's menus: « Envoyer et recevoir » (Ctrl+Maj+E), « Recevoir un paquet d'équipe… »,
« Transmettre à une collègue… », « Conflits à régler », and the proposal at unlock when the team folder is reachable.

The packages are sealed and opened off the GUI thread (``ui/workers.py``: Argon2id, AES, the merge in one
transaction); the window waits behind a progress dialog, then says in French what was sent and received. The team
passphrase is asked only when the service needs it (never typed on this laptop, or changed by the head of
programme); it is kept by the service as the derived key, never shown again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ilot_desktop.errors import IlotError, TeamPassphraseError
from ilot_desktop.services.team_keys import RetiredKeyError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.team_preferences import folder_problem

if TYPE_CHECKING:
    from ilot_desktop.ui.window_actions import WindowActionsMixin as MainWindow

log = logging.getLogger(__name__)
T = TypeVar("T")
TITLE = "Envoyer et recevoir"
PACKAGE_FILTER = "Paquet d'équipe Îlot (*.ilotpkg)"
ASK_FOR_NEW = (
    "Des paquets du dossier d'équipe sont scellés avec une phrase de passe que cet ordinateur ne connaît pas (la "
    "responsable du programme l'a peut-être changée, ou une collègue a envoyé avant d'avoir reçu)\u00a0: saisissez "
    "la phrase de passe d'équipe pour les prendre."
)
NEEDS_CODE = (
    "Choisissez d'abord le code de cet ordinateur (Fichier → Préférences…)\u00a0: le travail en équipe en a "
    "besoin pour distinguer vos dossiers de ceux de vos collègues."
)


def ask_passphrase(parent: QWidget | None, reason: str) -> str | None:
    """The team passphrase, asked in a dialog of its own (tests replace this function); None when cancelled."""
    from ilot_desktop.ui.team_dialogs import PassphraseDialog

    dialog = PassphraseDialog(reason, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # read once closed, then deleted here
    accepted = dialogs._run(dialog.exec, 0, dialog) == QDialog.DialogCode.Accepted.value
    passphrase = dialog.passphrase() if accepted else None
    dialog.field.clear()
    dialog.deleteLater()
    return passphrase


def _team(window: MainWindow) -> Any | None:
    session = window.session
    if session is None or window.is_demo:  # fictional people never go to a team
        return None
    return getattr(session, "team", None)


def _with_passphrase(
    window: MainWindow,
    title: str,
    text: str,
    work: Callable[[str | None], T],
    wants_passphrase: Callable[[T], bool] | None = None,
    merge: Callable[[T, T], T] | None = None,
) -> T | None:
    """``work(passphrase)`` off the GUI thread, first with the kept key; when the service needs the passphrase (or,
    ``wants_passphrase``, some packages could not be opened without it) it is asked **once** and the work run again:
    never a loop, whatever the packages of the folder. None when cancelled; an ``IlotError`` is shown."""
    from ilot_desktop.ui.workers import WorkCancelled, run_in_background

    def attempt(given: str | None) -> T:
        return run_in_background(window, title, text, lambda _progress: work(given))

    passphrase: str | None = None
    asked = False
    first: T | None = None  # what the exchange without the passphrase did (said too)
    while True:
        try:
            result = attempt(passphrase)
        except WorkCancelled:
            return None
        except TeamPassphraseError as error:
            if asked or isinstance(error, RetiredKeyError):
                dialogs.show_error(window, error)
                return None
            asked, passphrase = True, ask_passphrase(window, str(error))
            if passphrase is None:
                return None
            continue
        except IlotError as error:
            dialogs.show_error(window, error)
            return None
        if first is not None and merge is not None:
            return merge(first, result)
        if asked or wants_passphrase is None or not wants_passphrase(result):
            return result
        asked, typed = True, ask_passphrase(window, ASK_FOR_NEW)
        if typed is None:
            return result  # what could be done was done; the others wait for the next exchange
        first, passphrase = result, typed


def _both_runs(first: Any, second: Any) -> Any:
    """One exchange run without, then with the passphrase: everything both took in and sent, the second's refusals."""
    (before, _waiting), (after, waiting) = first, second
    merged = replace(
        after, sent=after.sent or before.sent, received=(*before.received, *after.received), needs_passphrase=False
    )
    return merged, waiting


def _needs_code(window: MainWindow) -> bool:
    session = window.session
    if session is not None and not session.participants.laptop_code():
        dialogs.inform(window, TITLE, NEEDS_CODE)
        return True
    return False


# --- Envoyer et recevoir ------------------------------------------------------------------------------------------


def send_and_receive(window: MainWindow) -> Any | None:
    """Send to and take in from the team folder (asked for when none is set); then the summary. The result."""
    team = _team(window)
    if team is None or _needs_code(window) or not window._confirm_leave():
        return None
    hide_proposal(window)
    folder = team.folder()
    if folder is None or folder_problem(folder) is not None:
        if folder is not None:
            dialogs.inform(
                window,
                TITLE,
                f"Le dossier d'équipe n'est pas accessible\u00a0: {folder_problem(folder)}",
                "Choisissez où envoyer et recevoir cette fois (une clé USB par exemple).",
            )
        folder = dialogs.choose_folder(window, "Dossier d'équipe ou clé USB où envoyer et recevoir")
        if folder is None:
            return None
    chosen = folder
    done = _with_passphrase(
        window,
        TITLE,
        "Envoi et réception des paquets d'équipe…",
        lambda p: _and_waiting(team, team.sync(chosen, p)),
        lambda done: bool(getattr(done[0], "needs_passphrase", False)),
        _both_runs,
    )
    if done is None:
        return None
    result, waiting = done
    log.info("team sync done (%d packages taken in, %d refused)", len(result.received), len(result.refused))
    window._after_import()
    from ilot_desktop.ui.team_dialogs import sync_lines

    show_summary(window, TITLE, sync_lines(result), waiting)
    return result


def receive_package(window: MainWindow) -> Any | None:
    """One package from a file (handed over on a USB key)."""
    team = _team(window)
    if team is None or _needs_code(window) or not window._confirm_leave():
        return None
    path = dialogs.choose_open_path(window, "Recevoir un paquet d'équipe", PACKAGE_FILTER)
    if path is None:
        return None
    done = _with_passphrase(
        window,
        "Recevoir un paquet",
        "Lecture du paquet d'équipe…",
        lambda p: _and_waiting(team, team.import_package(path, passphrase=p)),
    )
    if done is None:
        return None
    result, waiting = done
    window._after_import()
    from ilot_desktop.ui.team_dialogs import import_lines

    lines = ["Ce paquet avait déjà été reçu\u00a0: rien n'a changé."] if result.already_taken else import_lines(result)
    show_summary(window, "Paquet reçu", lines, waiting)
    return result


def _and_waiting(team: Any, result: T) -> tuple[T, int]:
    """In the worker thread: the result and how many conflicts wait (counting them reads every sync state)."""
    return result, team.status().conflicts


def show_summary(window: MainWindow, title: str, lines: list[str], waiting: int) -> None:
    from ilot_desktop.ui.team_dialogs import TeamSummaryDialog

    dialog = window.team_summary = TeamSummaryDialog(title, lines, waiting, window)
    dialog.show_conflicts.connect(lambda: open_conflicts(window))
    dialog.open()


# --- conflicts -------------------------------------------------------------------------------------------------


def open_conflicts(window: MainWindow) -> QDialog | None:
    from ilot_desktop.ui.team_conflicts import ConflictsDialog

    team = _team(window)
    if team is None or not window._confirm_leave():
        return None
    dialog = window.conflicts_dialog = ConflictsDialog(team, window, open_person=window.open_participant)
    dialog.settled.connect(window._after_import)
    dialog.open()
    return dialog


# --- Transmettre à une collègue ------------------------------------------------------------------------------------


def hand_over(window: MainWindow) -> QDialog | None:
    from ilot_desktop.services.team_package import package_name
    from ilot_desktop.ui.team_dialogs import HandOverDialog

    team = _team(window)
    session = window.session
    if team is None or session is None or _needs_code(window) or not window._confirm_leave():
        return None
    people = [p for p in session.participants.summaries() if not p.anonymised]
    people.sort(key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.file_number))
    current = window.ws.form.current if window.workspace is not None else None
    preselected = [current.id] if current is not None and current.id is not None else []
    dialog = window.handover_dialog = HandOverDialog(people, preselected, package_name(), window)
    dialog.accepted.connect(lambda: _do_hand_over(window, dialog))
    dialog.open()
    return dialog


def _do_hand_over(window: MainWindow, dialog: Any) -> None:
    team = _team(window)
    chosen = dialog.chosen()
    if team is None or chosen is None:
        return
    ids, to, out = chosen
    result = _with_passphrase(
        window,
        "Transmettre à une collègue",
        "Préparation du paquet chiffré…",
        lambda p: team.hand_over(ids, to, out, passphrase=p),
    )
    if result is None:
        return
    log.info("files handed over (%d)", len(ids))
    window._after_import()
    count = "1 dossier transmis" if len(ids) == 1 else f"{len(ids)} dossiers transmis"
    dialogs.inform(
        window,
        "Dossiers transmis",
        f"{count} à {to}. Le paquet chiffré est ici\u00a0:\n{out}",
        f"Remettez-le à {to}\u00a0: elle l'ouvre par Fichier → Recevoir un paquet d'équipe…, avec la phrase de "
        "passe d'équipe. Les dossiers restent sur cet ordinateur, avec la mention «\u00a0Transmis à\u00a0».",
    )


# --- the proposal at unlock -----------------------------------------------------------------------------------------


class TeamProposal(QWidget):
    """In the status bar, never in the way: « Dossier d'équipe accessible : Envoyer et recevoir | Plus tard »."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.label = QLabel(
            "Dossier d'équipe accessible\u00a0: envoyer et recevoir les paquets maintenant\u00a0?", self
        )
        self.go = QPushButton("Envoyer et recevoir", self)
        self.go.setAccessibleName("Envoyer et recevoir maintenant")
        self.later = QPushButton("Plus tard", self)
        self.later.setAccessibleName("Ne pas envoyer maintenant")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.addWidget(self.label)
        row.addWidget(self.go)
        row.addWidget(self.later)
        self.setStyleSheet("QWidget { background: #e7f1fb; } QLabel { color: #0b4f6c; }")
        self.go.clicked.connect(lambda: send_and_receive(window))
        self.later.clicked.connect(self.hide)


def propose_at_unlock(window: MainWindow) -> bool:
    """The team folder is set and reachable, the laptop has a code: offer to send and receive (True when offered)."""
    team = _team(window)
    session = window.session
    if team is None or session is None or not session.participants.laptop_code():
        return False
    try:
        folder = team.folder()  # the setting alone: status() would read every record's sync state
    except IlotError:
        return False
    if folder is None or folder_problem(Path(folder)) is not None:
        return False
    bar: TeamProposal | None = getattr(window, "team_proposal", None)
    if bar is None:
        bar = window.team_proposal = TeamProposal(window)
        window.statusBar().addPermanentWidget(bar)
    bar.show()
    return True


def hide_proposal(window: Any) -> None:
    bar = getattr(window, "team_proposal", None)
    if bar is not None:
        bar.hide()


# --- Préférences → Dossier d'équipe ------------------------------------------------------------------------------


def save_team_preferences(window: MainWindow, section: Any) -> bool:
    """The folder and the first passphrase chosen in Préférences, stored by the service (checked again there)."""
    from ilot_desktop.ui.workers import WorkCancelled, run_in_background

    team = _team(window)
    if team is None:
        return False
    passphrase = section.new_passphrase()
    section.forget()
    saved = True
    try:  # the passphrase first: typed once, it must not be lost to a folder that has just gone
        if passphrase is not None:
            run_in_background(
                window,
                "Phrase de passe d'équipe",
                "Calcul de la clé d'équipe…",
                lambda _p: team.set_passphrase(passphrase),
            )
    except WorkCancelled:
        return False
    except IlotError as error:
        dialogs.show_error(window, error)
        saved = False
    if section.folder_changed:
        try:
            team.set_folder(section.chosen_folder())
        except IlotError as error:
            dialogs.show_error(window, error)
            saved = False
    return saved
