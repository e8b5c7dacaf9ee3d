"""The plan preview: rendered, printed and saved through the plan service, which logs each copy; the warning
about sensitive words comes from the domain."""

from __future__ import annotations

from ilot_desktop.domain.action_plan import Task, sensitive_warning
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.vocabulary import TaskOwner
from tests.factories import make_participant


def _printed(session) -> list[tuple[int | None, str]]:
    return [(e.participant_id, e.detail) for e in session.audit.events() if e.action == AuditAction.ACTION_PLAN_PRINTED]


def test_preview_warns_prints_and_saves_through_the_service(session, answers, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ilot_desktop.ui.plan_preview import PlanPreviewDialog

    p = session.participants.save(make_participant(planned_release_date=None))
    session.plan.save(Task(p.id, "Appeler le SPIP", TaskOwner.PERSON))
    document = session.plan.document(p.id)
    preview = PlanPreviewDialog(document, session.plan, p.id)
    qtbot.addWidget(preview)
    assert preview.data.startswith(b"%PDF") and preview.document.pageCount() >= 1
    assert preview.warning.text() == sensitive_warning(["SPIP"]) and not preview.warning.isHidden()
    assert _printed(session) == []  # looking is not a copy
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    answers.queue(printer)
    preview.print_plan()
    assert _printed(session) == [(p.id, "")]
    saved = tmp_path / "plan.pdf"
    answers.queue(saved)
    preview.save_pdf()
    assert saved.read_bytes().startswith(b"%PDF")
    assert _printed(session) == [(p.id, ""), (p.id, "")]
