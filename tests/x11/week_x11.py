"""The working week in a real X11 window (Xvfb + openbox): run by ``make test-x11``, not by ``make test``.

The application runs in this process on the real ``xcb`` platform, under a real window manager, so the frame,
the screen's available geometry and the window manager's answers to a growing window all apply. A person's
week is played with clicks and key presses (QTest on the real platform, xdotool through the X server for the
lock and the password); at every step the window and the dialog shown are checked (``checks.py``) and the whole
screen is saved under ``build/screens/<size>/``. See docs/real-window.md.

The scenario runs once (a module fixture) and collects what it finds; each test below fails with the findings
of one kind, so that one kind can be marked ``xfail`` while another helper's fix lands.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from tests.x11.driver import Driver, Finding

try:
    from ilot_desktop.services.clock import SessionClock
except ImportError:  # older code: the window's clock was a day function

    class SessionClock:  # type: ignore[no-redef]
        def __init__(self, today: Callable[[], date], now: Callable[[], datetime]) -> None:
            self.today, self.now = today, now


ROOT = Path(__file__).resolve().parents[2]
SIZE = os.environ.get("ILOT_X11_SIZE", "")
PASSWORD = "Mardi-Fresnes-2026!"
NEW_PASSWORD = "Jeudi-Nanterre-2027!"

if os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"):
    pytest.skip("make test-x11 only (a real X server: tests/x11/run.sh)", allow_module_level=True)


class Clock(SessionClock):
    """The window's day and hour: the week is played from Thursday morning to Monday afternoon."""

    def __init__(self, day: date, at: time) -> None:
        super().__init__(lambda: self.day, lambda: datetime.combine(self.day, self.at))
        self.day, self.at = day, at

    def __call__(self) -> date:
        return self.day


def _monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


MONDAY = _monday()
THURSDAY = MONDAY - timedelta(days=4)


def fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- the week ----------------------------------------------------------------------------------------------------


class Week:
    """The scenario, step by step; a step that raises is written in the findings and the next one goes on."""

    def __init__(self, driver: Driver, folder: Path, files: Path) -> None:
        from ilot_desktop.paths import app_paths
        from ilot_desktop.settings import LocalSettings
        from ilot_desktop.ui.main_window import MainWindow

        self.d = driver
        self.files = files
        self.clock = Clock(THURSDAY, time(9, 0))
        self.paths = app_paths(folder)
        self.window = MainWindow(self.paths, LocalSettings(self.paths.settings_file), today=self.clock)
        driver.window = self.window
        self.window.show()
        self.code = ""
        self.person_id: int | None = None
        self.people: dict[str, int] = {}

    def run(self, name: str, body: Callable[[], None]) -> None:
        try:
            body()
        except Exception as error:
            finding = Finding(f"{name} ({self.d.current})", "scenario", f"{type(error).__name__}: {error}")
            self.d.findings.append(finding)
            print(f"ÉCHEC {finding}", flush=True)
            for widget in QApplication.topLevelWidgets():  # a dialog left open by the failing step
                if widget is not self.window and widget.isVisible() and widget.isModal():
                    discard = getattr(widget, "discard_edits", None)
                    if callable(discard):
                        discard()
                    widget.close()

    # helpers ---------------------------------------------------------------------------------------------------

    def tab(self, tabs: QTabWidget, page: QWidget) -> None:
        """A click on the tab's title."""
        index = tabs.indexOf(page)
        assert index >= 0, f"{type(page).__name__} n'est pas un onglet de {type(tabs).__name__}"
        if tabs.currentIndex() != index:
            self.d.click(tabs.tabBar(), tabs.tabBar().tabRect(index).center())
        self.d.wait(lambda: tabs.currentWidget() is page, f"l'onglet {tabs.tabText(index)}")

    def date_field(self, field: QWidget, day: date) -> None:
        edit = field.edit
        edit.selectAll()
        self.d.type(edit, fr(day))

    def text_field(self, field: QWidget, text: str) -> None:
        field.selectAll() if hasattr(field, "selectAll") else None
        self.d.type(field, text)

    # the steps -------------------------------------------------------------------------------------------------

    def first_start(self) -> None:
        w, d = self.window, self.d
        d.wait(lambda: w.stack.currentWidget() is w.welcome, "la page d'accueil")
        d.step("accueil")
        d.click(w.welcome.create_button)
        page = w.create_page
        d.type(page.passwords.first, PASSWORD)
        d.type(page.passwords.second, PASSWORD)
        d.step("creation")
        d.click(page.create_button)
        d.wait(lambda: w.stack.currentWidget() is w.code_page, "le code de secours", seconds=40)
        self.code = w.code_page.code
        d.step("code-de-secours")
        sheet = self.files / "feuille-de-secours.pdf"
        d.expect("enregistrer-la-feuille", d.save_as(sheet))
        d.answering(lambda: d.click(w.code_page.save_button))
        d.wait(sheet.exists, "la feuille de secours enregistrée")
        d.key(w.code_page.confirm, Qt.Key.Key_Space)
        d.key(w.code_page.continue_button, Qt.Key.Key_Return)
        try:
            d.wait(lambda: w.stack.currentWidget() is w.workspace, "l'espace de travail après Entrée", seconds=5)
        except AssertionError as error:  # said, then « Continuer » clicked so that the week goes on
            d.findings.append(Finding(d.current, "scenario", f"Entrée sur « Continuer » : {error}"))
            d.click(w.code_page.continue_button)
        d.wait(lambda: w.stack.currentWidget() is w.workspace, "l'espace de travail")
        d.step("ma-semaine-vide")

    def caseload(self) -> None:
        """Five people already followed (written through the services: the week starts with a caseload) and
        Monday's appointment with one of them."""
        from ilot_desktop.domain.followup import Appointment
        from ilot_desktop.domain.vocabulary import AppointmentKind, JusticeSituation
        from tests.factories import make_participant

        session = self.window.session
        assert session is not None
        people = [
            ("NDIAYE", "Awa", JusticeSituation.OPEN_CUSTODY),
            ("MOREAU", "Karim", JusticeSituation.OPEN_CUSTODY),
            ("PETIT", "Sandrine", JusticeSituation.DETENTION),
            ("GARCIA", "Luis", JusticeSituation.OPEN_CUSTODY),
            ("ROUSSEAU", "Théo", JusticeSituation.OPEN_CUSTODY),
        ]
        for number, (last, first, situation) in enumerate(people, start=1):
            inside = situation is JusticeSituation.DETENTION
            saved = session.participants.save(
                make_participant(
                    file_number=f"DE-{MONDAY.year}-{number:03d}",
                    last_name=last,
                    first_name=first,
                    justice_situation=situation,
                    planned_release_date=MONDAY + timedelta(days=40) if inside else None,
                    entry_date=MONDAY - timedelta(days=90),
                    consent_date=MONDAY - timedelta(days=90),
                )
            )
            self.people[first] = saved.id
        session.followup.save(
            Appointment(
                participant_id=self.people["Awa"],
                start=datetime.combine(MONDAY, time(14, 0)),
                duration_min=60,
                kind=AppointmentKind.INDIVIDUAL,
                place="Locaux de L'Îlot",
            )
        )
        self.window.refresh_list()
        self.window.events.written.emit(None) if hasattr(self.window.events, "written") else None

    def maximise(self) -> None:
        """A double click on the window manager's title bar (openbox maximises)."""
        w, d = self.window, self.d
        frame, inner = w.frameGeometry(), w.geometry()
        title = QPoint(frame.center().x(), frame.top() + max((inner.top() - frame.top()) // 2, 3))
        ratio = w.screen().devicePixelRatio()  # (the window's own QPaintDevice method crashes on this mixin class)
        d.xdotool("mousemove", str(round(title.x() * ratio)), str(round(title.y() * ratio)), count=0)
        d.xdotool("click", "--repeat", "2", "--delay", "80", "1")
        d.wait(lambda: w.isMaximized(), "la fenêtre agrandie par openbox")
        d.step("fenetre-agrandie")

    def new_person(self) -> None:
        """Thursday: a new person referred by the SPIP, in detention, and the first month of weekly
        appointments from Dossier → Suivi et rendez-vous."""

        w, d = self.window, self.d
        with d.counting("nouvelle personne + premier mois"):
            d.click(w.list_panel.new_button)
            form = w.form
            d.wait(lambda: form.editors["last_name"].isVisible(), "la fiche vide")
            e = form.editors
            d.type(e["last_name"], "Lefèvre")
            d.type(e["first_name"], "Éric")
            d.choose(e["sex"], "Homme")
            self.date_field(e["birth_date"], date(1988, 5, 17))
            d.choose(e["referrer"], "SPIP")
            d.choose(e["justice_situation"], "Détention")
            d.type(e["facility"], "Centre pénitentiaire de Fresnes")
            self.date_field(e["planned_release_date"], MONDAY + timedelta(days=45))
            d.choose(e["housing_at_entry"], "Détention")
            d.step("fiche-remplie")
            d.key(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            d.wait(lambda: not form.is_dirty(), lambda: f"la fiche enregistrée ({form.error_summary.text()})")
            self.person_id = form.current.id
            d.step("fiche-enregistree")
            self.tab(w.dossier_tabs, w.timeline)
            d.step("suivi-premier-mois")
            with d.counting("premier mois seul (rendez-vous)"):
                self.first_month()
        appointments = w.session.followup.timeline(self.person_id)
        assert len(appointments) == 4, f"{len(appointments)} rendez-vous au lieu de 4"
        d.step("suivi-quatre-rendez-vous")
        self.tab(w.dossier_tabs, w.form)
        d.step("fiche-apres-suivi")

    def first_month(self) -> None:
        """Four weekly appointments from Monday, in prison (« Répéter » when the dialog has it)."""
        from ilot_desktop.domain.vocabulary import AppointmentKind

        w, d = self.window, self.d
        for week in range(4):
            d.click(w.timeline.new_button)
            d.wait(lambda: w.timeline.dialog is not None and w.timeline.dialog.isVisible(), "le rendez-vous")
            dialog = w.timeline.dialog
            self.date_field(dialog.date, MONDAY + timedelta(days=7 * week))  # the hour proposed is kept
            if dialog.kind.value() is not AppointmentKind.IN_DETENTION:
                d.choose(dialog.kind, AppointmentKind.IN_DETENTION.label)
            repeat = getattr(dialog, "repeat", None)
            if repeat is not None and repeat.isVisible():  # « Répéter »: the month in one dialog
                box = repeat.enabled
                d.click(box, QPoint(8, box.height() // 2))
                d.wait(lambda: repeat.body.isVisible(), "les dates de la série")  # noqa: B023
                d.step("rendez-vous-repetes", dialog)
                d.click(dialog.save_button)
                d.wait(lambda: w.timeline.dialog is None, "la série enregistrée")
                break
            if week == 0:
                d.step("rendez-vous", dialog)
            d.click(dialog.save_button)
            d.wait(
                lambda: w.timeline.dialog is None,
                lambda: f"le rendez-vous enregistré ({w.timeline.dialog and w.timeline.dialog.summary.text()})",
            )

    def wheel(self) -> None:
        """The Fiche scrolled with the mouse wheel (xdotool, through the X server) while the pointer passes over
        « Sécurité sociale / Carte Vitale »: the page scrolls, the answer stays (nothing marked modified)."""
        from ilot_desktop.domain.vocabulary import Right

        w, d = self.window, self.d
        self.tab(w.tabs, w.dossier_tabs)
        self.tab(w.dossier_tabs, w.form)
        form = w.form
        combo = form.right_combos[Right.SOCIAL_SECURITY]
        bar = form.scroll_area.verticalScrollBar()
        bar.setValue(0)
        form.scroll_area.ensureWidgetVisible(combo, 50, 50)
        d.settle()
        before, position = combo.currentText(), bar.value()
        centre = combo.mapToGlobal(combo.rect().center())
        ratio = w.screen().devicePixelRatio()
        d.xdotool("mousemove", str(round(centre.x() * ratio)), str(round(centre.y() * ratio)), count=0)
        d.xdotool("click", "--repeat", "3", "--delay", "40", "5", count=0)  # the wheel, three notches down
        d.wait(lambda: bar.value() != position or combo.currentText() != before, "la molette reçue")
        d.step("molette-sur-la-fiche")
        if combo.currentText() != before or form.is_dirty():
            d.findings.append(
                Finding(
                    d.current,
                    "wheel",
                    f"la molette a changé « {Right.SOCIAL_SECURITY.label} » de « {before} » à "
                    f"« {combo.currentText()} » (fiche modifiée : {form.is_dirty()})",
                )
            )
            form.discard_edits() if hasattr(form, "discard_edits") else None
        d.xdotool("mousemove", "5", "5", count=0)

    def barriers(self) -> None:
        """The checklist by keyboard: arrows to the line, Espace ticks, 2 sets « En cours »."""
        from ilot_desktop.domain.vocabulary import BarrierCategory
        from ilot_desktop.ui.barriers_model import COL_ITEM

        w, d = self.window, self.d
        self.tab(w.tabs, w.barriers)
        page = w.barriers
        d.wait(lambda: page.model.rowCount() > 0, "la liste des freins")
        d.step("freins")
        table = page.table
        table.setFocus()
        with d.counting("freins au clavier"):
            for category, item, status_key in (
                (BarrierCategory.HOUSING, "Sans abri", Qt.Key.Key_2),
                (BarrierCategory.DEBTS, "Bordereau des dettes", None),
                (BarrierCategory.MOBILITY, None, None),
            ):
                row = page.model.row_of(category, item) if item else None
                if row is None:
                    row = next(i for i, r in enumerate(page.model.rows) if r.category is category and not r.is_heading)
                # Bas until the line (the count is what a person presses)
                while table.currentIndex().row() != row:
                    d.key(table, Qt.Key.Key_Down if table.currentIndex().row() < row else Qt.Key.Key_Up)
                    if table.currentIndex().column() != COL_ITEM and table.currentIndex().row() == row:
                        break
                d.key(table, Qt.Key.Key_Space)
                if status_key is not None:
                    d.key(table, status_key)
        d.wait(lambda: len(w.session.barriers.for_participant(self.person_id)) == 3, "trois freins enregistrés")
        d.step("freins-coches")

    def tasks(self) -> None:
        from ilot_desktop.domain.vocabulary import TaskOwner

        w, d = self.window, self.d
        plan = w.barriers.plan
        tasks = [
            ("Demander le bordereau des dettes au Trésor public", TaskOwner.PERSON, 14),
            ("Appeler le SIAO pour une place à la sortie", TaskOwner.CASEWORKER, 7),
            ("Refaire la carte d'identité", TaskOwner.PERSON, 21),
            ("Préparer un CV avec l'atelier", TaskOwner.CASEWORKER, 10),
        ]
        with d.counting("quatre tâches"):
            for text, owner, days in tasks:
                d.type(plan.description, text)
                d.choose(plan.owner, owner.label)
                self.date_field(plan.due, THURSDAY + timedelta(days=days))
                d.key(plan.description, Qt.Key.Key_Return)
        d.wait(lambda: len(w.session.plan.tasks(self.person_id)) == 4, "quatre tâches au plan")
        d.step("plan-quatre-taches")

    def plan_print(self) -> None:
        w, d = self.window, self.d
        plan = w.barriers.plan
        d.click(plan.print_button)
        contact = getattr(plan, "contact_dialog", None)
        if contact is not None:  # « Mes coordonnées » asked at the first print
            d.wait(contact.isVisible, "mes coordonnées")
            if not contact.name.text():  # (proposed from the files' « Chargée de mission » when there is one)
                d.type(contact.name, "Ariane Morel")
            d.type(contact.phone, "01 44 00 00 00")
            d.type(contact.address, "L'Îlot, 12 rue de l'Exemple, 75011 Paris")
            d.step("mes-coordonnees", contact)
            d.click(contact.save_button)
        d.wait(lambda: plan.preview is not None and plan.preview.isVisible(), "l'aperçu du plan")
        preview = plan.preview
        d.step("apercu-du-plan", preview)
        printed = self.files / "plan-imprime.pdf"

        def print_to_pdf(dialog: QWidget) -> None:
            """« Imprimer dans un fichier (PDF) »: the output file's name typed, then « Imprimer »."""
            from PySide6.QtWidgets import QLineEdit

            field = next(e for e in dialog.findChildren(QLineEdit) if e.isVisible() and e.text().endswith(".pdf"))
            field.selectAll()
            d.type(field, str(printed))
            d.click(d.button(dialog, "Imprimer"))

        d.expect("imprimer", print_to_pdf)
        d.answering(lambda: d.click(preview.print_button))
        d.wait(lambda: printed.exists() and printed.read_bytes().startswith(b"%PDF"), "le plan imprimé en PDF")
        saved = self.files / "plan.pdf"
        d.expect("enregistrer-le-plan", d.save_as(saved))
        d.answering(lambda: d.click(preview.save_button))
        d.wait(lambda: saved.exists() and saved.read_bytes().startswith(b"%PDF"), "le plan enregistré")
        d.step("plan-enregistre", preview)
        d.click(preview.close_button)
        d.wait(lambda: plan.preview is None, "l'aperçu fermé")

    def monday(self) -> None:
        """Monday: Ma semaine; Éric's 10:00 appointment noted « Réalisé », Awa's 14:00 « Absent »."""
        from ilot_desktop.domain.vocabulary import AppointmentStatus

        w, d = self.window, self.d
        self.clock.day, self.clock.at = MONDAY, time(16, 30)  # the day's appointments are over
        self.tab(w.tabs, w.home)
        w.home.refresh()  # the window left open over the weekend: Ma semaine redrawn for the new day
        d.step("lundi-ma-semaine")
        home = w.home
        with d.counting("lundi : un réalisé, un absent"):
            for who, status in (("LEFÈVRE", AppointmentStatus.DONE), ("NDIAYE", AppointmentStatus.ABSENT)):
                self.tab(w.tabs, home)
                today = home.lists["today"]
                row = next(i for i in range(today.count()) if who in today.item(i).text().upper())
                rect = today.visualItemRect(today.item(row))
                if hasattr(home, "done_button"):  # recorded right there, in Ma semaine
                    d.click(today.viewport(), rect.center())
                    d.step("lundi-realise" if status is AppointmentStatus.DONE else "lundi-absent")
                    d.click(home.done_button if status is AppointmentStatus.DONE else home.absent_button)
                else:  # the person's file, Suivi et rendez-vous, the appointment, then the button
                    d.click(today.viewport(), rect.center(), double=True)
                    d.wait(lambda: w.tabs.currentWidget() is w.dossier_tabs, f"le dossier de {who}")
                    self.tab(w.dossier_tabs, w.timeline)
                    table = w.timeline.table
                    target = next(
                        r
                        for r in range(table.rowCount())
                        if table.item(r, 0) and MONDAY.strftime("%d/%m/%Y") in table.item(r, 0).text()
                    )
                    d.click(table.viewport(), table.visualItemRect(table.item(target, 0)).center())
                    d.step("lundi-realise" if status is AppointmentStatus.DONE else "lundi-absent")
                    d.click(w.timeline.done_button if status is AppointmentStatus.DONE else w.timeline.absent_button)
                d.wait(
                    lambda s=status, who=who: any(
                        v.appointment.status is s and v.appointment.start.date() == MONDAY
                        for v in w.session.followup.week(MONDAY, 1)[0]
                    ),
                    f"{who} noté",
                )
        self.tab(w.tabs, w.home)
        d.step("lundi-note")

    def workshop(self) -> None:
        """A collective action with five people (search and Entrée) and their attendance."""
        from ilot_desktop.domain.vocabulary import ActionType

        w, d = self.window, self.d
        with d.counting("atelier de 5 personnes + présence"):
            self.tab(w.tabs, w.calendar_tabs)
            self.tab(w.calendar_tabs, w.actions_page)
            page = w.actions_page
            d.click(page.new_button)
            d.type(page.title, "Atelier CV et lettre de motivation")
            d.choose(page.action_type, ActionType.TRE_WORKSHOP.label)
            self.date_field(page.date, MONDAY)  # the hour proposed is kept
            d.click(page.save_button)
            d.wait(lambda: page.state.text().startswith("✓"), lambda: f"l'action enregistrée ({page.state.text()})")
            box = page.people_box
            for name in ("Lefèvre", "Ndiaye", "Moreau", "Petit", "Garcia"):
                if hasattr(box, "search"):  # any part of the name, then Entrée
                    d.type(box.search, name)
                    d.key(box.search, Qt.Key.Key_Return)
                else:  # older code: the drop-down of every person, then « Inscrire »
                    d.choose(box.person, name.upper())
                    d.click(box.register_button)
            d.wait(lambda: box.registrations.rowCount() == 5, "cinq inscrits")
            d.step("atelier-inscrits")
            if hasattr(box, "all_present_button"):
                d.click(box.all_present_button)
            else:  # older code: each person's presence in their row
                for row in range(5):
                    d.choose(box.registrations.cellWidget(row, 2), "Présent")
        d.wait(lambda: page.list.item(0, 5) is not None and page.list.item(0, 5).text() == "5", "cinq présents")
        d.step("atelier-presences")

    def outcomes(self) -> None:
        """Karim signs a CDD (and goes to employment follow-up); Sandrine drops out."""
        from ilot_desktop.domain.vocabulary import DropoutReason, OutcomeType

        w, d = self.window, self.d
        w.list_panel.select(self.people["Karim"])
        d.wait(lambda: w.form.current is not None and w.form.current.id == self.people["Karim"], "Karim")
        self.tab(w.tabs, w.results_tabs)
        self.tab(w.results_tabs, w.outcomes)
        page = w.outcomes
        d.click(page.new_button)
        d.choose(page.outcome_type, OutcomeType.CDD_SHORT.label)
        self.date_field(page.on, MONDAY)
        d.type(page.employer, "Eiffage")
        d.step("resultat-emploi")
        d.expect("passer-en-suivi-emploi", d.press("Passer en suivi dans l'emploi"))
        d.answering(lambda: d.click(page.save_button))
        d.wait(lambda: page.table.rowCount() == 1, "le résultat enregistré")
        w.list_panel.select(self.people["Sandrine"])
        d.wait(lambda: page.table.rowCount() == 0, "le dossier de Sandrine")
        d.click(page.new_button)
        d.choose(page.outcome_type, OutcomeType.DROPOUT.label)
        self.date_field(page.on, MONDAY)
        d.choose(page.dropout_reason, DropoutReason.UNREACHABLE.label)
        d.step("abandon")
        d.click(page.save_button)
        d.wait(lambda: page.table.rowCount() == 1, "l'abandon enregistré")

    def bilan(self) -> None:
        w, d = self.window, self.d
        self.tab(w.results_tabs, w.bilan)
        d.click(w.bilan.compute_button)
        d.wait(lambda: w.bilan.table.rowCount() > 3, "les chiffres du bilan")
        table = w.bilan.table
        d.click(table.viewport(), table.visualItemRect(table.item(2, 0)).center())
        d.step("bilan")
        d.click(w.bilan.funder_button)
        d.wait(lambda: w.funder_dialog is not None and w.funder_dialog.isVisible(), "le fichier pour la Ville")
        dialog = w.funder_dialog
        d.step("fichier-ville", dialog)
        target = self.files / "bilan-ville.xlsx"
        d.expect("fichier-ville-enregistrer", d.save_as(target))
        d.expect("fichier-ville-enregistre", d.press("OK"))
        d.answering(lambda: d.click(dialog.write_button))
        d.wait(lambda: target.exists(), "le classeur pour la Ville")

    def lock_unlock_forgot(self) -> None:
        w, d = self.window, self.d
        w.activateWindow()
        d.wait(lambda: QApplication.activeWindow() is w, "la fenêtre active")
        d.x_key("ctrl+l")
        d.wait(lambda: w.stack.currentWidget() is w.unlock_page, "l'écran de déverrouillage")
        page = w.unlock_page
        d.wait(lambda: page.password.hasFocus(), "le curseur dans le mot de passe")
        d.step("verrouille")
        d.x_type(PASSWORD)
        d.x_key("Return")
        d.wait(lambda: w.stack.currentWidget() is w.workspace, "déverrouillé", seconds=30)
        d.step("deverrouille")
        d.x_key("ctrl+l")
        d.wait(lambda: w.stack.currentWidget() is w.unlock_page, "verrouillé de nouveau")
        d.click(page.forgot_button)
        d.type(page.code, self.code)
        d.type(page.new_passwords.first, NEW_PASSWORD)
        d.type(page.new_passwords.second, NEW_PASSWORD)
        d.step("mot-de-passe-oublie")
        d.expect("nouveau-mot-de-passe", d.press("OK"))
        d.answering(lambda: d.click(page.recover_button))
        d.wait(lambda: w.stack.currentWidget() is w.workspace, "ouvert avec le code de secours", seconds=30)
        d.step("ouvert-avec-le-code")

    def close(self) -> None:
        self.window.discard_edits()
        self.window.close()
        self.d.wait(lambda: not self.window.isVisible(), "la fenêtre fermée")


@pytest.fixture(scope="module")
def week(qapp, tmp_path_factory) -> Iterator[Driver]:
    from ilot_desktop.app import create_application
    from ilot_desktop.storage import database, keys
    from ilot_desktop.ui.window_actions import WindowActionsMixin

    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        patch.delenv("ILOT_DATA_DIR", raising=False)
        patch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1))
        patch.setattr(database, "forget_freed_memory", lambda: None)
        patch.setattr(WindowActionsMixin, "auto_backup", lambda self: None)
        from ilot_desktop.ui import dialogs

        patch.setattr(dialogs, "open_file", lambda path: None)  # no PDF viewer started
        create_application([sys.argv[0]])  # what ilot-desktop does: names, icon, French, what every window shares
        files = tmp_path_factory.mktemp("documents")
        driver = Driver(qapp, ROOT / "build" / "screens" / (SIZE or "x11"))
        scenario = Week(driver, tmp_path_factory.mktemp("donnees") / "IlotDesktop", files)
        scenario.run("premier lancement", scenario.first_start)
        scenario.run("dossiers suivis", scenario.caseload)
        scenario.run("fenêtre agrandie", scenario.maximise)
        scenario.run("nouvelle personne", scenario.new_person)
        scenario.run("molette", scenario.wheel)
        scenario.run("freins", scenario.barriers)
        scenario.run("tâches", scenario.tasks)
        scenario.run("plan imprimé", scenario.plan_print)
        scenario.run("lundi", scenario.monday)
        scenario.run("atelier", scenario.workshop)
        scenario.run("résultats", scenario.outcomes)
        scenario.run("bilan", scenario.bilan)
        scenario.run("verrou", scenario.lock_unlock_forgot)
        scenario.run("fermeture", scenario.close)
        driver.stop()
        report = ROOT / "build" / "screens" / f"{SIZE or 'x11'}.txt"
        lines = [f"{k}: {v} actions" for k, v in sorted(driver.actions.items())]
        lines += [f"{f.kind}: {f}" for f in driver.findings]
        report.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n" + "\n".join(lines))
        yield driver


def _of(driver: Driver, kind: str) -> list[str]:
    return [str(f) for f in driver.findings if f.kind == kind]


def test_the_week_goes_through(week):
    problems = _of(week, "scenario")
    assert not problems, "\n".join(problems)


def test_the_window_fits_the_screen_at_every_step(week):
    problems = _of(week, "fit")
    assert not problems, "\n".join(problems)


def test_every_button_shown_is_whole(week):
    problems = _of(week, "buttons")
    assert not problems, "\n".join(problems)


def test_the_wheel_changes_no_answer(week):
    problems = _of(week, "wheel")
    assert not problems, "\n".join(problems)


def test_no_english_on_screen(week):
    problems = _of(week, "english")
    assert not problems, "\n".join(problems)


def test_a_screenshot_per_step(week):
    assert len(week.shots) >= 25 and all(p.stat().st_size > 1000 for p in week.shots)


def test_the_checks_see_a_window_past_the_screen_a_cut_button_and_english(qapp):
    """The checks themselves, on a real screen: a window wider than the screen, a button off it, a button cut by
    a scroll area without a scroll bar, Qt's English « Cancel » (so that a silent check cannot pass the week)."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea

    from tests.x11 import checks

    available = qapp.primaryScreen().availableGeometry()
    window = QWidget()
    window.setWindowTitle("Essai")
    row = QHBoxLayout(window)
    row.addWidget(QPushButton("Cancel", window))
    area = QScrollArea(window)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QWidget()
    inner.setMinimumSize(900, 40)
    QPushButton("Coupé", inner).move(800, 5)
    area.setWidget(inner)
    area.setFixedWidth(300)
    row.addWidget(area)
    row.addStretch(1)
    row.addWidget(QPushButton("Hors de l'écran", window))
    window.setMinimumWidth(available.width() + 200)
    window.show()
    driver = Driver(qapp, ROOT / "build" / "screens" / "checks")
    driver.window = window
    driver.wait(lambda: window.frameGeometry().width() > available.width(), "la fenêtre plus large que l'écran")
    driver.settle()
    try:
        assert checks.window_fits(window), "the window past the screen is not seen"
        cut = "\n".join(checks.cut_buttons(window))
        assert "« Coupé »" in cut and "sans barre horizontale" in cut, cut
        assert "« Hors de l'écran »" in cut and "hors de l'écran" in cut, cut
        assert any("Cancel" in text for text in checks.english_texts(window))
    finally:
        driver.stop()
        window.close()
