"""The yearly file for the Ville de Paris: figures only, pseudonymised rows only if asked for.

The figures are computed and the files written off the GUI thread, behind a progress dialog without « Annuler »
(the workbook and its PDF summary are written together)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import DateError, format_date
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import DateEdit, ErrorLabel, ok_cancel_row
from ilot_desktop.ui.workers import Progress, WorkCancelled, run_in_background

log = logging.getLogger(__name__)


def team_scope_text(session: Any) -> str:
    """Team work: which laptops' data the figures include, each as of its last package taken in here, and how many
    conflicts wait (their records count with this laptop's values until settled). "" for a laptop on its own."""
    team = getattr(session, "team", None)
    if team is None:
        return ""
    try:
        scope, status = team.programme_scope(), team.status()
    except IlotError:
        return ""
    peers = [peer for peer in scope[1:] if peer.last_package_at is not None]  # scope[0]: this laptop, as of now
    if not peers and not status.conflicts:
        return ""
    here = f"cet ordinateur ({status.laptop_code})" if status.laptop_code else "cet ordinateur"
    parts = [here] + [
        f"{peer.code}, jusqu'à son paquet du {format_date(peer.last_package_at.date())}" for peer in peers
    ]
    text = "Données comptées\u00a0: " + "\u00a0; ".join(parts) + "."
    if status.conflicts:
        waiting = "1 conflit attend" if status.conflicts == 1 else f"{status.conflicts} conflits attendent"
        text += (
            f" {waiting} un choix (Fichier → Conflits à régler…)\u00a0: les valeurs de cet ordinateur sont "
            "comptées d'ici là."
        )
    return text


class FunderDialog(QDialog):
    def __init__(
        self,
        session: Any,
        today: Callable[[], date],
        parent: QWidget | None = None,
        initial_year: int | None = None,
        as_of_text: str | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self._today = today
        self.written: tuple[Path, Path | None] | None = None
        self.setWindowTitle("Fichier annuel pour la Ville de Paris")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(
            "Le fichier (.xlsx) contient les indicateurs de l'année : file active, entrées, accès à l'emploi ou "
            "à la formation, abandons, entretiens, actions collectives, freins, profil. Aucun nom, aucune date de "
            "naissance, aucun téléphone, aucun texte libre.",
            self,
        )
        intro.setWordWrap(True)
        self.scope = QLabel(team_scope_text(session), self)  # team work: whose data, as of when
        self.scope.setWordWrap(True)
        self.scope.setAccessibleName("Ordinateurs dont les données sont comptées")
        self.scope.setVisible(bool(self.scope.text()))
        self.year = QComboBox(self)
        self.year.setAccessibleName("Année")
        current = today().year
        years = sorted(set(session.indicators.years()) | {current, current - 1}, reverse=True)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.currentIndexChanged.connect(self._year_changed)
        self.as_of = DateEdit("Date d'arrêté des chiffres", self)
        self.as_of_hint = QLabel(self)
        self.as_of_hint.setStyleSheet("color: #555;")
        self.with_pdf = QCheckBox("Joindre la synthèse en PDF (mêmes chiffres, avec graphiques)", self)
        self.with_pdf.setChecked(True)
        self.pseudonymised = QCheckBox("Ajouter une feuille de lignes pseudonymisées", self)
        self.pseudonymised.setChecked(False)
        pseudo_note = QLabel(
            "Désactivé par défaut. Seulement si la Ville le demande : une ligne par personne avec un code "
            "aléatoire, la tranche d'âge, le sexe, l'hébergement et la situation à l'entrée, les mois d'entrée et "
            "de sortie et les résultats — jamais de nom, de date de naissance, de numéro de dossier ni de date "
            "plus fine que le mois.",
            self,
        )
        pseudo_note.setWordWrap(True)
        pseudo_note.setStyleSheet("color: #555;")
        self.error = ErrorLabel(self)
        form = QFormLayout()
        for text, widget in (("Année", self.year), ("Chiffres arrêtés au", self.as_of)):
            label = QLabel(f"{text}\u00a0:", self)
            label.setBuddy(widget.edit if isinstance(widget, DateEdit) else widget)
            form.addRow(label, widget)
        form.addRow("", self.as_of_hint)
        buttons, self.write_button, _close = ok_cancel_row(self, "Enregistrer le fichier…", self.write, "Fermer")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scope)
        layout.addLayout(form)
        layout.addWidget(self.with_pdf)
        layout.addWidget(self.pseudonymised)
        layout.addWidget(pseudo_note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(620, self.sizeHint().height())
        if initial_year is not None and self.year.findData(initial_year) >= 0:
            self.year.setCurrentIndex(self.year.findData(initial_year))  # the Bilan's own year and date
        self._year_changed()
        if as_of_text:
            self.as_of.edit.setText(as_of_text)

    def _year_changed(self, *args: object) -> None:
        year = self.year.currentData()
        today = self._today()
        default = min(date(year, 12, 31), today) if year == today.year else date(year, 12, 31)
        self.as_of.set_value(default)
        self.as_of_hint.setText("Par défaut le 31 décembre ; pour l'année en cours, aujourd'hui.")

    def read(self) -> tuple[int, date] | None:
        year = self.year.currentData()
        try:
            as_of = self.as_of.value()
        except DateError as error:
            self.error.show_message(str(error))
            return None
        if as_of is None or as_of.year != year:
            self.error.show_message(f"La date d'arrêté doit être une date de l'année {year}.")
            return None
        self.error.show_message(None)
        return year, as_of

    def write(self) -> None:
        chosen = self.read()
        if chosen is None:
            return
        year, as_of = chosen
        target = dialogs.choose_save_path(
            self,
            "Enregistrer le fichier pour la Ville de Paris",
            f"bilan-dynamiques-emploi-{year}.xlsx",
            "Classeur Excel (*.xlsx)",
        )
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        pdf = target.with_suffix(".pdf") if self.with_pdf.isChecked() else None
        if (
            pdf is not None
            and pdf.exists()
            and not dialogs.confirm(
                self,
                "Fichier existant",
                f"Remplacer « {pdf.name} » ?",
                "La synthèse PDF porte le même nom.",
                "Remplacer",
            )
        ):
            return
        funder, pseudonymised = self.session.funder, self.pseudonymised.isChecked()

        def write(_progress: Progress) -> None:
            funder.write(year, as_of, target, pdf, pseudonymised=pseudonymised)

        try:
            run_in_background(self, self.windowTitle(), "Calcul des indicateurs et écriture du fichier…", write)
        except WorkCancelled:  # a lock under way: nothing was started
            return
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        except OSError:
            dialogs.show_error(
                self,
                IlotError(
                    "Le fichier n'a pas pu être enregistré à cet endroit (dossier en lecture seule ou disque plein)."
                ),
            )
            return
        self.written = (target, pdf)
        log.info("funder file written (year %s)", year)
        also = f"\net la synthèse :\n{pdf}" if pdf else ""
        dialogs.inform(
            self, "Fichier enregistré", f"Bilan {year} arrêté au {format_date(as_of)} enregistré ici :\n{target}{also}"
        )
        self.accept()
