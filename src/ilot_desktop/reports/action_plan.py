"""The printed action plan: what the person takes home at the end of a meeting.

"La personne repart toujours avec un plan d'action clair, un rendez-vous fixé, et une liste de tâches
partagées." One or two A4 pages for someone who may read little: large type (body 15 pt, headings 20 pt,
nothing under 13 pt), short sentences in the person's own voice (« Ce que je fais »), the next
appointment in a box, and each task on its own line with an empty square to tick.

Privacy: the sheet travels in a pocket and may be lost. It prints only what ``ActionPlanDocument``
holds, and of that only the person's first name: no last name (see ``action_plan_words.title``) and no
file number (an office reference that means nothing to the person and would tie a lost sheet to a file).
The document type has no barrier, diagnosis or justice field, so none can be printed: the tasks are the
caseworker's own words. Only tasks still to do are printed (not those done or dropped).

Names in any script: every word is drawn with the embedded DejaVu Sans; Arabic letters are joined and
right-to-left words put in drawing order by ``right_to_left.visual_order``.

This module lays out the pages (header, footer, « (suite) » on later pages) and writes the file; the
words are in ``action_plan_words``, the blocks (appointment box, sections of tasks) in ``action_plan_layout``.
"""

from __future__ import annotations

import pathlib
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from ilot_desktop import safe_files
from ilot_desktop.domain.action_plan import ActionPlanDocument
from ilot_desktop.reports.action_plan_layout import RULE, appointment_box, section, styles
from ilot_desktop.reports.action_plan_words import (
    NBSP,
    NO_APPOINTMENT,
    NO_TASK,
    TICK_HINT,
    caseworker_heading,
    clean,
    contact_line,
    long_date,
    office_line,
    open_tasks,
    organisation,
    title,
    user_text,
)
from ilot_desktop.reports.demo_mark import draw_pdf_mark
from ilot_desktop.reports.fonts import register_fonts, render_with_page_count
from ilot_desktop.reports.right_to_left import visual_order

__all__ = ["NO_APPOINTMENT", "NO_TASK", "render_action_plan", "visual_order", "write_action_plan"]

_PAGE = A4
_MARGIN_X = 18 * mm
_MARGIN_TOP = 14 * mm
_FRAME_PAD = 6  # a Frame's default padding on each side
_LATER_PAGE_HEADER = 12 * mm  # room for « Plan d'action de … (suite) » on pages 2 and after
_PAGE_NUMBER_ROOM = 30 * mm  # « Page 2 sur 3 », at the right of the footer's last line


def _story(doc: ActionPlanDocument, width: float) -> list[Flowable]:
    regular, _bold = register_fonts()
    st = styles()
    header = Table(
        [
            [
                Paragraph(user_text(organisation(doc)), st["org"]),
                Paragraph(f"Le {long_date(doc.printed_on)}", st["date"]),
            ]
        ],
        colWidths=[width * 0.6, width * 0.4],
    )
    header.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story: list[Flowable] = [
        header,
        Spacer(1, 10),
        Paragraph(user_text(title(doc)), st["title"]),
        Spacer(1, 10),
        appointment_box(doc, st, width),
        Spacer(1, 16),
    ]
    sections = [
        ("Ce que je fais", open_tasks(doc.person_tasks)),
        (caseworker_heading(doc.caseworker_first_name), open_tasks(doc.caseworker_tasks)),
        ("Ce que nous faisons ensemble", open_tasks(doc.shared_tasks)),
    ]
    sections = [(heading, tasks) for heading, tasks in sections if tasks]
    if not sections:
        story.append(Paragraph(NO_TASK, st["empty"]))
        return story
    story += [Paragraph(TICK_HINT, st["hint"]), Spacer(1, 8)]
    for index, (heading, tasks) in enumerate(sections):
        if index:
            story.append(Spacer(1, 14))
        story.append(section(heading, tasks, st, width, doc.printed_on))
    return story


def _footer(doc: ActionPlanDocument, st: dict[str, ParagraphStyle]) -> list[Paragraph]:
    """How to reach the caseworker, on every page: her name and phone, then the office's address."""
    lines: list[Paragraph] = []
    contact = user_text(contact_line(doc))
    if contact:
        lines.append(Paragraph(f"<b>Ma conseillère{NBSP}:</b> {contact}", st["contact"]))
    office = user_text(office_line(doc))
    if office:
        lines.append(Paragraph(office, st["contact" if clean(doc.office_address) else "footer"]))
    return lines


def _build(target: Any, doc: ActionPlanDocument, total_pages: int | None) -> int:
    regular, _bold = register_fonts()
    st = styles()
    page_w, page_h = _PAGE
    left = _MARGIN_X + _FRAME_PAD
    width = page_w - 2 * left
    footer = _footer(doc, st)
    # the last line leaves room at the right for « Page 1 sur 2 »
    widths = [width if i < len(footer) - 1 else width - _PAGE_NUMBER_ROOM for i in range(len(footer))]
    heights = [p.wrap(w, page_h)[1] for p, w in zip(footer, widths, strict=True)]
    footer_bottom = 10 * mm  # above the printer's dead zone
    footer_top = footer_bottom + sum(heights)
    bottom_margin = footer_top + 10 * mm - _FRAME_PAD
    heading = title(doc)
    later = Paragraph(f"{user_text(heading)} (suite)", st["later"])
    later_date = Paragraph(f"Le {long_date(doc.printed_on)}", st["page"])

    def on_page(canvas: Any, pdf: Any) -> None:
        if doc.demonstration:  # the demonstration's fictional people: every page says so, under the content
            draw_pdf_mark(canvas, _PAGE)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.line(left, footer_top + 10, page_w - left, footer_top + 10)
        y = footer_top
        for paragraph, w, h in zip(footer, widths, heights, strict=True):
            paragraph.wrap(w, page_h)
            paragraph.drawOn(canvas, left, y - h)
            y -= h
        if total_pages and total_pages > 1:
            # On the last footer line, at the right (the association's name is short).
            number = Paragraph(f"Page {pdf.page} sur {total_pages}", st["page"])
            _w, h = number.wrap(width, page_h)
            number.drawOn(canvas, left, footer_bottom)
        if pdf.page > 1:
            top = page_h - _MARGIN_TOP
            _w, h = later.wrap(width * 0.7, page_h)
            later.drawOn(canvas, left, top - h)
            _w, h = later_date.wrap(width * 0.3, page_h)
            later_date.drawOn(canvas, left + width * 0.7, top - h)
        canvas.restoreState()

    pdf = BaseDocTemplate(
        target,
        pagesize=_PAGE,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=bottom_margin,
        title=heading,
        author=clean(doc.association) or "Îlot desktop",
        subject="Plan d'action et prochain rendez-vous",
        creator="Îlot desktop",
        lang="fr-FR",
        displayDocTitle=True,
        initialFontName=regular,  # no stray, non-embedded Helvetica in the font resources
    )
    # Pages 2 and after start lower, under their « (suite) » line.
    frame_width, frame_height = page_w - 2 * _MARGIN_X, page_h - _MARGIN_TOP - bottom_margin
    first = Frame(_MARGIN_X, bottom_margin, frame_width, frame_height, id="first")
    rest = Frame(_MARGIN_X, bottom_margin, frame_width, frame_height - _LATER_PAGE_HEADER, id="rest")
    pdf.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first], onPage=on_page, autoNextPageTemplate="rest"),
            PageTemplate(id="rest", frames=[rest], onPage=on_page),
        ]
    )
    pdf.build(_story(doc, width))
    return pdf.page


def render_action_plan(doc: ActionPlanDocument) -> bytes:
    """The printed plan as PDF bytes (A4, French), for the on-screen preview and for printing."""
    return render_with_page_count(lambda target, pages: _build(target, doc, pages))


def write_action_plan(out: pathlib.Path, doc: ActionPlanDocument) -> None:
    """Write the printed plan to ``out``, in a folder that must exist (built in memory, then ``safe_files``).

    A mistyped folder is refused (StorageEnvironmentError) rather than created somewhere unexpected:
    the sheet carries a person's first name and tasks.
    """
    out = pathlib.Path(out)
    safe_files.require_folder(out.parent)
    safe_files.write_bytes(out, render_action_plan(doc))
