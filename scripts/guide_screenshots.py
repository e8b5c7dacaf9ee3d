"""Screenshots of the user guide, made from the fictional demo data so they follow the code.

    make screenshots            (or: python scripts/guide_screenshots.py [--out docs/images])

Everything happens in a temporary folder (deleted at the end): a throwaway encrypted file for the first
start, the recovery code and the unlock page, then the demo data for the four tabs. Nothing touches the
user's data folders. Runs headless (offscreen Qt). The guide (docs/guide-utilisateur.md) shows the PNGs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Marché-Aligre-2026!"
# name -> (what it shows), in the order of the guide; a test checks the guide and this list agree.
SHOTS = {
    "01-accueil": "premier lancement",
    "02-creation": "création du fichier et mot de passe",
    "03-code-de-secours": "le code de secours, affiché une seule fois",
    "04-deverrouillage": "déverrouiller",
    "05-ma-semaine": "Ma semaine",
    "06-dossier": "le dossier d'une personne",
    "07-suivi": "suivi et rendez-vous de la personne",
    "08-freins-plan": "freins et plan d'action",
    "09-plan-imprime": "le plan d'action imprimé",
    "10-semaine": "le calendrier de la semaine",
    "11-rendez-vous": "un rendez-vous",
    "12-actions-collectives": "les actions collectives",
    "13-parcours": "résultats de la personne",
    "14-bilan": "bilan de l'année",
    "15-fichier-ville": "le fichier pour la Ville de Paris",
    "16-restaurer": "restaurer une sauvegarde",
    "17-a-propos": "À propos",
    "18-conflits": "les conflits à régler, côte à côte",
}


class Shooter:
    def __init__(self, app: QApplication, out: Path):
        self.app = app
        self.out = out
        self.written: list[str] = []

    def settle(self, rounds: int = 5) -> None:
        for _ in range(rounds):
            self.app.processEvents()

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
        from PySide6.QtCore import QDeadlineTimer, QThread

        deadline = QDeadlineTimer(int(seconds * 1000))
        while not condition():
            if deadline.hasExpired():
                raise RuntimeError(f"capture impossible : {what} n'est pas apparu")
            self.app.processEvents()
            QThread.msleep(20)
        self.settle()

    def shoot(self, name: str, widget: QWidget) -> None:
        assert name in SHOTS, name
        self.settle()
        save_png(widget.grab().toImage(), self.out / f"{name}.png")
        self.written.append(name)
        print(f"  {name}.png — {SHOTS[name]}")


def save_png(image: QImage, path: Path) -> None:
    """256 colours are plenty for a screen of widgets: a third of the size in the repository."""
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.PreferDither
    image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG")


def pdf_first_page(pdf: bytes, width: int = 900) -> QImage:
    """The first page of a PDF as the guide shows it (QtPdf, no external tool)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    size = document.pagePointSize(0)
    page = document.render(0, QSize(width, round(width * size.height() / size.width())))
    framed = QImage(page.width() + 2, page.height() + 2, QImage.Format.Format_RGB32)
    framed.fill(Qt.GlobalColor.gray)
    painter = QPainter(framed)
    painter.fillRect(1, 1, page.width(), page.height(), Qt.GlobalColor.white)  # the rendered page is transparent
    painter.drawImage(1, 1, page)
    painter.end()
    return framed


def take_all(out: Path, real_window: bool = False) -> list[str]:
    """``real_window``: on a real screen (make test-x11 GUIDE=1, 1366 × 768), the window maximised as a caseworker
    has it, rather than 1280 × 800 offscreen."""
    from ilot_desktop.app import create_application
    from ilot_desktop.paths import app_paths
    from ilot_desktop.settings import LocalSettings
    from ilot_desktop.ui import dialogs
    from ilot_desktop.ui.main_window import MainWindow

    app = create_application([sys.argv[0]])
    QGuiApplication.setFont(app.font())
    shooter = Shooter(app, out)
    # No message box may stop a headless run: answer "Continuer/OK" everywhere.
    dialogs.inform = lambda *args, **kwargs: None
    dialogs.confirm = lambda *args, **kwargs: True

    with tempfile.TemporaryDirectory(prefix="ilot-captures-") as scratch:
        paths = app_paths(Path(scratch) / "IlotDesktop")
        window = MainWindow(paths, LocalSettings(paths.settings_file))
        if real_window:
            window.showMaximized()
            shooter.wait_for(window.isMaximized, "la fenêtre agrandie")
        else:
            window.resize(1280, 800)
            window.show()
        shooter.shoot("01-accueil", window)

        window.welcome.create_button.click()
        page = window.create_page
        page.passwords.first.setText(PASSWORD)
        page.passwords.second.setText(PASSWORD)
        shooter.shoot("02-creation", window)
        page.create_button.click()
        shooter.wait_for(lambda: window.stack.currentWidget() is window.code_page, "le code de secours")
        shooter.shoot("03-code-de-secours", window)
        window.code_page.confirm.setChecked(True)
        window.code_page.continue_button.click()
        shooter.wait_for(lambda: window.stack.currentWidget() is window.workspace, "l'espace de travail")
        window.auto_backup()  # the backup the restore window lists
        window.lock()
        shooter.shoot("04-deverrouillage", window)

        window.open_restore()
        shooter.wait_for(lambda: window.restore_dialog is not None and window.restore_dialog.isVisible(), "restaurer")
        shooter.shoot("16-restaurer", window.restore_dialog)
        window.restore_dialog.reject()

        window.show_start()
        window.open_demo()
        shooter.wait_for(lambda: window.stack.currentWidget() is window.workspace, "la démonstration")
        window.tabs.setCurrentWidget(window.home)
        shooter.shoot("05-ma-semaine", window)

        person = _richest_person(window.session)
        window.open_participant(person, window.dossier_tabs)
        shooter.wait_for(lambda: window.form.current is not None and window.form.current.id == person, "le dossier")
        window.dossier_tabs.setCurrentWidget(window.form)
        shooter.shoot("06-dossier", window)
        window.dossier_tabs.setCurrentWidget(window.timeline)
        shooter.shoot("07-suivi", window)

        window.tabs.setCurrentWidget(window.barriers)
        shooter.shoot("08-freins-plan", window)
        plan = window.session.plan.document(person)
        from ilot_desktop.reports.action_plan import render_action_plan

        save_png(pdf_first_page(render_action_plan(plan)), out / "09-plan-imprime.png")
        shooter.written.append("09-plan-imprime")
        print(f"  09-plan-imprime.png — {SHOTS['09-plan-imprime']}")

        window.tabs.setCurrentWidget(window.calendar_tabs)
        window.calendar_tabs.setCurrentWidget(window.week)
        shooter.shoot("10-semaine", window)
        window.week.edit_appointment(_appointment_with_report(window))
        shooter.wait_for(lambda: window.week.dialog is not None and window.week.dialog.isVisible(), "le rendez-vous")
        shooter.shoot("11-rendez-vous", window.week.dialog)
        window.week.dialog.reject()
        window.calendar_tabs.setCurrentWidget(window.actions_page)
        window.actions_page.open_action(_past_action(window.session))
        shooter.shoot("12-actions-collectives", window)

        window.open_participant(person, window.results_tabs)
        window.tabs.setCurrentWidget(window.results_tabs)
        window.results_tabs.setCurrentWidget(window.outcomes)
        shooter.shoot("13-parcours", window)
        window.results_tabs.setCurrentWidget(window.bilan)
        window.bilan.refresh()
        shooter.shoot("14-bilan", window)
        window.open_funder_dialog()
        shooter.wait_for(lambda: window.funder_dialog.isVisible(), "le fichier pour la Ville")
        shooter.shoot("15-fichier-ville", window.funder_dialog)
        window.funder_dialog.reject()

        window._show_about()
        shooter.wait_for(lambda: window.about_dialog.isVisible(), "À propos")
        shooter.shoot("17-a-propos", window.about_dialog)
        window.about_dialog.reject()

        conflicts = _team_conflicts(window, Path(scratch))
        shooter.shoot("18-conflits", conflicts)
        conflicts.reject()

        window.lock()
        window.close()
        shooter.settle()
    return shooter.written


def _team_conflicts(window, scratch: Path) -> QWidget:
    """« Conflits à régler » over the demo: a colleague's laptop took the people in, then both laptops wrote the same
    person's notes and phone differently and the demo took the colleague's package in."""
    from dataclasses import replace

    from ilot_desktop.services import vault
    from ilot_desktop.ui.team_conflicts import ConflictsDialog

    team = "Phrase de passe de l'équipe de démonstration"
    here = window.session
    here.participants.set_laptop_code("AB")
    here.team.set_passphrase(team)
    person = here.participants.get(_richest_person(here))
    first = here.team.export_package(scratch / "premier.ilotpkg", everything=True)
    colleague, _code = vault.create(scratch / "collegue", PASSWORD)
    try:
        colleague.participants.set_laptop_code("CD")
        colleague.team.import_package(first.path, passphrase=team)
        there = colleague.participants.by_file_number(person.file_number)
        assert there is not None
        colleague.participants.save(
            replace(
                there,
                phone="07 61 42 18 90",
                notes="Vu au SPIP avec sa conseillère : préfère la logistique, le permis cariste est envisagé "
                "avec la mission locale.",
            )
        )
        back = colleague.team.export_package(scratch / "retour.ilotpkg")
    finally:
        colleague.close()
    here.participants.save(
        replace(
            here.participants.get(person.id),
            phone="06 18 27 36 45",
            notes="Entretien au parloir : projet de formation en cuisine, inscription au CAP à préparer avant la "
            "sortie.",
        )
    )
    here.team.import_package(back.path)
    dialog = ConflictsDialog(here.team, window)
    dialog.resize(1000, 620)  # as on a 1366 × 768 screen, also offscreen
    dialog.show()
    return dialog


def _richest_person(session) -> int:
    """The fictional person whose file shows the most: barriers, tasks, appointments and an outcome."""
    best, best_score = None, -1
    for summary in session.participants.summaries():
        pid = summary.id
        score = (
            len(session.barriers.for_participant(pid)) * 3
            + len(session.plan.tasks(pid)) * 3
            + min(len(session.followup.timeline(pid)), 8)
            + (5 if session.outcomes.for_participant(pid) else 0)
        )
        if score > best_score:
            best, best_score = pid, score
    if best is None:
        raise RuntimeError("capture impossible : la démonstration est vide")
    return best


def _appointment_with_report(window) -> int:
    """An appointment of the week shown, one already written up if there is one."""
    views, _actions = window.session.followup.week(window.week.monday, 7)
    if not views:
        raise RuntimeError("capture impossible : la semaine de démonstration est vide")
    views.sort(key=lambda view: (not view.appointment.report, view.appointment.start))
    return views[0].appointment.id


def _past_action(session) -> int:
    """The latest collective action already held, with the most people registered."""
    held = [action for action in session.actions.summaries() if action.action.start.date() <= date.today()]
    if not held:
        raise RuntimeError("capture impossible : aucune action collective de démonstration")
    held.sort(key=lambda summary: (summary.present > 0, summary.action.start))
    return held[-1].action.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Captures d'écran du guide, à partir des données fictives.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="dossier des images")
    parser.add_argument(
        "--fenetre-reelle", action="store_true", help="fenêtre agrandie sur l'écran réel (make test-x11 GUIDE=1)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"Captures dans {args.out} :")
    written = take_all(args.out, real_window=args.fenetre_reelle)
    missing = sorted(set(SHOTS) - set(written))
    if missing:
        print("Manquantes : " + ", ".join(missing), file=sys.stderr)
        return 1
    print(f"{len(written)} captures écrites.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
