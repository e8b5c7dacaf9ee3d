"""Bring a team's spreadsheet in (a wizard: choose, check, confirm) and export everything out.

Reading and checking the workbook, importing it and the full export run off the GUI thread behind a progress
dialog (``ui/workers.py``); the reading can be cancelled. The workbook is read once: the import writes what
was checked (``ExchangeService.check`` then ``apply``)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.exchange import ImportPreview, ImportProblem, ProblemList, more_problems_line
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import read_only_item
from ilot_desktop.ui.workers import WorkCancelled, run_in_background

if TYPE_CHECKING:  # types only: the service (and the database libraries) load when a vault is opened
    from ilot_desktop.services.exchange import CheckedWorkbook
    from ilot_desktop.ui.workers import Progress

log = logging.getLogger(__name__)
SHEET_ORDER = (
    "Participants",
    "Entretiens",
    "Freins",
    "Actions collectives",
    "Participations",
    "Résultats",
    "Historique des freins",
)


def _cell(text: str) -> QTableWidgetItem:
    return read_only_item(text)


_Index = QModelIndex | QPersistentModelIndex
PROBLEM_HEADERS = ("Feuille", "Ligne", "Colonne", "Problème")


class ProblemsModel(QAbstractTableModel):
    """The problems of a checked workbook (the first ``MAX_PROBLEMS``): sheet, row, column, message; replaced
    whole in one reset, not inserted row by row. Read-only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str]] = []

    def set_problems(self, problems: Iterable[ImportProblem]) -> None:
        self.beginResetModel()
        self._rows = [
            (problem.sheet, "" if problem.row is None else str(problem.row), problem.column or "", problem.message)
            for problem in problems
        ]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(PROBLEM_HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._rows[index.row()][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PROBLEM_HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ImportWizard(QDialog):
    """Three steps: choose the workbook, see what it would create and every problem, then confirm."""

    def __init__(self, session: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.checked: CheckedWorkbook | None = None  # what was read and checked: the import writes it
        self.imported = False
        self.setWindowTitle("Importer un classeur d'équipe")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 560)
        self.pages = QStackedWidget(self)

        # step 1
        choose = QWidget(self)
        intro = QLabel(
            "Choisissez le classeur (.xlsx) tenu par l'équipe. Il doit suivre le modèle d'échange : une feuille "
            "« Participants » au minimum, et si besoin « Entretiens », « Freins », « Actions collectives », "
            "« Participations », « Résultats », « Historique des freins ».\n\n"
            "Rien n'est importé avant votre confirmation, et un classeur "
            "comportant la moindre erreur n'est pas importé du tout : aucun import à moitié. Importer deux fois "
            "le même classeur ne crée pas de doublon.",
            choose,
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton("Choisir le classeur…", choose)
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton("Enregistrer un modèle vide…", choose)
        self.template_button.clicked.connect(self.save_template)
        step1 = QVBoxLayout(choose)
        step1.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.template_button)
        row.addStretch(1)
        row.addWidget(self.choose_button)
        step1.addLayout(row)
        step1.addStretch(1)

        # step 2
        check = QWidget(self)
        self.file_label = QLabel(check)
        self.file_label.setWordWrap(True)
        self.verdict = QLabel(check)
        self.verdict.setWordWrap(True)
        self.counts = QTableWidget(0, 3, check)
        self.counts.setHorizontalHeaderLabels(("Feuille", "À créer", "À mettre à jour"))
        self.counts.setAccessibleName("Ce que l'import va créer")
        self.counts.verticalHeader().hide()
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.counts.setFixedHeight((self.fontMetrics().height() + 8) * (len(SHEET_ORDER) + 1) + 6)
        self.problems_model = ProblemsModel(check)
        self.problems = QTableView(check)
        self.problems.setModel(self.problems_model)
        self.problems.setAccessibleName("Lignes refusées")
        self.problems.verticalHeader().hide()
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.warnings = QLabel(check)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        # likely duplicates (same name and birth date under another number): said first, never blocking
        self.duplicates = QLabel(check)
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.duplicates.setAccessibleName("Doublons probables")
        # only the first problems are listed (MAX_PROBLEMS); how many more there are is said below them
        self.more_problems = QLabel(check)
        self.more_problems.setStyleSheet("color: #b00020;")
        step2 = QVBoxLayout(check)
        step2.addWidget(self.file_label)
        step2.addWidget(self.verdict)
        step2.addWidget(self.duplicates)
        step2.addWidget(self.counts)
        step2.addWidget(self.warnings)
        step2.addWidget(self.problems, 2)
        step2.addWidget(self.more_problems)

        # step 3
        done = QWidget(self)
        self.done_label = QLabel(done)
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("color: #1b6e20; font-weight: 600;")
        step3 = QVBoxLayout(done)
        step3.addWidget(self.done_label)
        step3.addStretch(1)

        for page in (choose, check, done):
            self.pages.addWidget(page)
        self.back_button = QPushButton("Choisir un autre classeur", self)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.import_button = QPushButton("Importer", self)
        self.import_button.clicked.connect(self.apply)
        self.close_button = QPushButton("Fermer", self)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.pages.currentChanged.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self, *args: object) -> None:
        step = self.pages.currentIndex()
        self.back_button.setVisible(step == 1)
        self.import_button.setVisible(step == 1)
        self.import_button.setEnabled(step == 1 and self.preview is not None and self.preview.ok)
        self.close_button.setText("Terminer" if step == 2 else "Fermer")
        # Return: choose the workbook, then import it (or choose another when it cannot be), then close
        if step == 0:
            default = self.choose_button
        elif step == 1:
            default = self.import_button if self.import_button.isEnabled() else self.back_button
        else:
            default = self.close_button
        default.setDefault(True)

    def choose_file(self) -> None:
        path = dialogs.choose_open_path(self, "Choisir le classeur à importer", "Classeur Excel (*.xlsx)")
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        """Step 2: the workbook read once and checked off the GUI thread (« Annuler » stops the reading; nothing
        is ever written by a check), then what it would do and every problem."""
        exchange = self.session.exchange

        def read_and_check(progress: Progress) -> CheckedWorkbook:
            return exchange.check(path, progress)

        try:
            checked = run_in_background(
                self,
                self.windowTitle(),
                "Lecture et vérification du classeur…",
                read_and_check,
                cancellable=True,
                counting="lignes lues",
            )
        except WorkCancelled:
            return
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.checked = checked
        self.show_preview(path, checked.preview)

    def show_preview(self, path: Path, preview: ImportPreview) -> None:
        """Step 2's page for ``preview``: counts, likely duplicates, warnings and problems."""
        self.path = path
        self.preview = preview
        self.file_label.setText(f"Classeur : {path}")
        self.counts.setRowCount(0)
        for sheet in SHEET_ORDER:
            if sheet in preview.counts:
                create, update = preview.counts[sheet]
                row = self.counts.rowCount()
                self.counts.insertRow(row)
                for column, text in enumerate((sheet, str(create), str(update))):
                    self.counts.setItem(row, column, _cell(text))
        self.problems_model.set_problems(preview.problems)
        self.problems.setVisible(bool(preview.problems))
        more = more_problems_line(preview.problems)
        self.more_problems.setText(more)
        self.more_problems.setVisible(bool(more))
        duplicates = preview.duplicates
        heading = "Doublons probables : vérifiez ces dossiers avant d'importer (ils seront importés)."
        self.duplicates.setText("\n".join([heading, *duplicates]) if duplicates else "")
        self.duplicates.setVisible(bool(duplicates))
        self.warnings.setText("\n".join(preview.warnings))
        self.warnings.setVisible(bool(preview.warnings))
        if preview.ok:
            self.verdict.setText("Le classeur est correct. Vérifiez ce qui sera créé ou mis à jour, puis « Importer ».")
            self.verdict.setStyleSheet("color: #1b6e20;")
        else:
            count = preview.problem_count
            shown = len(preview.problems)
            listed = f" Les {shown} premiers sont listés ci-dessous." if shown < count else ""
            number = f"{count:,}".replace(",", " ")
            self.verdict.setText(
                f"{number} problème{'s' if count > 1 else ''} à corriger dans le classeur : rien ne sera importé."
                f"{listed} Corrigez les lignes indiquées puis choisissez à nouveau le classeur."
            )
            self.verdict.setStyleSheet("color: #b00020; font-weight: 600;")
        self.pages.setCurrentIndex(1)
        self._update_buttons()

    def apply(self) -> None:
        """Import what was checked, off the GUI thread; not cancellable (one transaction up to its commit)."""
        checked = self.checked
        if checked is None or self.preview is None or not self.preview.ok:
            return
        exchange = self.session.exchange

        def write(_progress: Progress) -> ImportPreview:
            return exchange.apply(checked)

        try:
            result = run_in_background(self, self.windowTitle(), "Import du classeur…", write)
        except WorkCancelled:  # a lock under way: nothing was started
            return
        except IlotError as error:
            problems = getattr(error, "problems", None)
            if problems:  # refused when written: what refused it, and nothing imported
                refused = ProblemList(problems)
                refused.total = max(refused.total, getattr(error, "total", 0))
                self.checked = None
                self.show_preview(checked.path, replace(checked.preview, problems=refused))
            else:
                dialogs.show_error(self, error)
            return
        created = sum(c for c, _u in result.counts.values())
        updated = sum(u for _c, u in result.counts.values())
        self.done_label.setText(
            f"✓ Import terminé : {created} enregistrement{'s' if created > 1 else ''} "
            f"créé{'s' if created > 1 else ''}, {updated} mis à jour."
        )
        self.imported = True
        log.info("workbook imported (%d created, %d updated)", created, updated)
        self.pages.setCurrentIndex(2)

    def save_template(self) -> None:
        target = dialogs.choose_save_path(
            self, "Enregistrer le modèle vide", "modele-dynamiques-emploi.xlsx", "Classeur Excel (*.xlsx)"
        )
        if target is None:
            return
        try:
            self.session.exchange.write_template(target)
        except (IlotError, OSError) as error:
            dialogs.show_error(
                self,
                error
                if isinstance(error, IlotError)
                else IlotError("Le modèle n'a pas pu être enregistré à cet endroit."),
            )
            return
        dialogs.inform(
            self,
            "Modèle enregistré",
            f"Le modèle vide est enregistré ici :\n{target}",
            "Chaque colonne à choix propose la liste des valeurs autorisées.",
        )


def export_everything(session: Any, parent: QWidget | None) -> bool:
    """Full export, names included: said clearly, confirmed, then written where the person chooses."""
    if not dialogs.confirm(
        parent,
        "Exporter tout",
        "Le classeur contiendra tous les dossiers EN CLAIR : noms, dates de naissance, situation judiciaire, "
        "santé, comptes rendus.",
        "Rangez-le sur un support chiffré ou supprimez-le dès qu'il a servi. Ne l'envoyez jamais par e-mail.",
        "Exporter quand même",
    ):
        return False
    target = dialogs.choose_save_path(
        parent, "Exporter tout", "export-dynamiques-emploi.xlsx", "Classeur Excel (*.xlsx)", sensitive=True
    )
    if target is None:
        return False
    exchange = session.exchange

    def export(_progress: Progress) -> dict[str, int]:
        return exchange.export_all(target)

    try:
        counts = run_in_background(parent, "Exporter tout", "Export de tous les dossiers…", export)
    except WorkCancelled:
        return False
    except (IlotError, OSError) as error:
        dialogs.show_error(
            parent,
            error
            if isinstance(error, IlotError)
            else IlotError(
                "L'export n'a pas pu être enregistré à cet endroit (dossier en lecture seule ou disque plein)."
            ),
        )
        return False
    total = sum(counts.values())
    dialogs.inform(
        parent,
        "Export terminé",
        f"{total} lignes exportées dans :\n{target}",
        "Ce fichier n'est pas chiffré : supprimez-le dès qu'il a servi.",
    )
    log.info("full export written (%d rows)", total)
    return True
