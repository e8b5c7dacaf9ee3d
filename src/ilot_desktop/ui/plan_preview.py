"""Preview the printed action plan, print it (Qt's print dialog, in French) or save it as PDF."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ilot_desktop.domain.action_plan import ActionPlanDocument, plan_title, sensitive_warning, sensitive_words
from ilot_desktop.errors import IlotError, StorageEnvironmentError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import fit_to_screen

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ilot_desktop.services.plan import PlanService

log = logging.getLogger(__name__)
PREVIEW_WIDTH = 620
PRINT_DPI = 300


def load_pdf(data: bytes, parent: QObject) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over bytes in memory (the buffer must live as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page at the printer's resolution; returns the number of pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        raise StorageEnvironmentError("L'imprimante n'a pas pu être ouverte : vérifiez qu'elle est disponible.")
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRect(area.topLeft(), QSize(int(points.width() * scale), int(points.height() * scale)))
            # rendered at 300 dpi at most and scaled by the painter: a 1200 dpi page would need ~750 MB
            image_scale = min(scale, PRINT_DPI / 72)
            image = document.render(page, QSize(int(points.width() * image_scale), int(points.height() * image_scale)))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()


class PlanPreviewDialog(QDialog):
    """The plan of ``participant_id``: rendered, printed and saved through ``plans``, which logs each copy."""

    def __init__(
        self, plan: ActionPlanDocument, plans: PlanService, participant_id: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.plan = plan
        self._plans = plans
        self._participant_id = participant_id
        self.setWindowTitle(plan_title(plan.person_first_name))
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the plan and its pictures go with it
        fit_to_screen(self, PREVIEW_WIDTH + 80, 820)
        self.data = plans.render_document(plan)
        self.document, self._buffer = load_pdf(self.data, self)
        pages = QWidget(self)
        pages_layout = QVBoxLayout(pages)
        pages_layout.setSpacing(16)
        self.page_labels: list[QLabel] = []
        for page in range(self.document.pageCount()):
            points = self.document.pagePointSize(page)
            size = QSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * points.height() / points.width()))
            label = QLabel(pages)
            label.setPixmap(QPixmap.fromImage(self.document.render(page, size)))
            label.setStyleSheet("border: 1px solid #c8ccd0; background: white;")
            label.setAccessibleName(f"Aperçu de la page {page + 1}")
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        scroll = QScrollArea(self)
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        warning = sensitive_warning(sensitive_words(plan))
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px;")
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        self.print_button = QPushButton("Imprimer…", self)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_plan)
        self.save_button = QPushButton("Enregistrer en PDF…", self)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button = QPushButton("Fermer", self)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def print_plan(self) -> None:
        printer = dialogs.choose_printer(self)
        if printer is None:
            return
        try:
            pages = print_document(self.document, printer)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.status.setText(f"✓ Envoyé à l'impression ({pages} page{'s' if pages > 1 else ''}).")
        log.info("action plan printed")
        self._plans.record_printed(self._participant_id)

    def save_pdf(self) -> None:
        target = dialogs.choose_save_path(
            self,
            "Enregistrer le plan d'action",
            f"plan-d-action-{self.plan.printed_on:%Y-%m-%d}.pdf",
            "Document PDF (*.pdf)",
            sensitive=True,
        )
        if target is None:
            return
        try:
            self._plans.write_document(target, self._participant_id, self.plan)  # atomic, logged
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        except OSError:
            dialogs.show_error(
                self,
                StorageEnvironmentError(
                    "Le plan n'a pas pu être enregistré à cet endroit (dossier en lecture seule ou disque plein)."
                ),
            )
            return
        self.status.setText(f"✓ Enregistré : {target}")
