"""The printed action plan: what the person takes home at the end of a meeting.

"La personne repart toujours avec un plan d'action clair, un rendez-vous fixé, et une liste de tâches
partagées." One or two A4 pages for someone who may read little: large type (body 15 pt, headings 20 pt,
nothing under 13 pt), short sentences in the person's own voice (« Ce que je fais »), the next
appointment in a box, and each task on its own line with an empty square to tick.

Privacy: the sheet travels in a pocket and may be lost. It prints only what ``ActionPlanDocument``
holds, and of that only the person's first name: no last name (see ``_title``) and no file number
(an office reference that means nothing to the person and would tie a lost sheet to a file). The
document type has no barrier, diagnosis or justice field, so none can be printed: the tasks are the
caseworker's own words. Only tasks still to do are printed (not those done or dropped).

Names in any script: every word is drawn with the embedded DejaVu Sans. Arabic letters must be joined
and written right to left: ``visual_order`` replaces them by their Unicode presentation forms (which
DejaVu Sans has) and puts right-to-left words in the order they are drawn. reportlab's own shaping
(``uharfbuzz``) is not used: it turns on discretionary ligatures, which draw French « st » as a
historical ligature with DejaVu Sans, and without ``rlbidi`` it leaves right-to-left words in the wrong
order.
"""

from __future__ import annotations

import pathlib
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ilot_desktop import safe_files
from ilot_desktop.domain.action_plan import ActionPlanDocument, PlanAppointment, Task
from ilot_desktop.domain.dates import MONTHS, WEEKDAYS, format_date
from ilot_desktop.domain.vocabulary import TaskStatus
from ilot_desktop.reports.fonts import INK, register_fonts, render_with_page_count

# No-break space before « : ; ! ? » and inside « guillemets » (see recovery_sheet.py for why not U+202F).
NBSP = "\u00a0"
NO_APPOINTMENT = "Ma conseillère m'appellera pour fixer le prochain rendez-vous."
NO_TASK = "Pas de tâche en cours."
TICK_HINT = "Cochez la case quand c'est fait."

_PAGE = A4
_MARGIN_X = 18 * mm
_MARGIN_TOP = 14 * mm
_FRAME_PAD = 6  # a Frame's default padding on each side
_ACCENT = colors.HexColor("#1D4E89")  # dark blue: 8.6:1 on white
_BOX_FILL = colors.HexColor("#EAF1FA")
_RULE = colors.HexColor("#B8C4D2")
_ROW_RULE = colors.HexColor("#DCE3EB")
_TICK_SIZE = 19.0
_TICK_COLUMN = 34.0
_LATER_PAGE_HEADER = 12 * mm  # room for « Plan d'action de … (suite) » on pages 2 and after

_VOWELS = set("AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


# ---------------------------------------------------------------------------------------------------
# Text: French typography, escaping, and names in right-to-left scripts


def _clean(text: str) -> str:
    """One line: runs of spaces and line breaks become one space."""
    return " ".join((text or "").split())


def _typo(text: str) -> str:
    """No-break space before « : ; ! ? » and inside « guillemets », as French prints them."""
    text = re.sub(r"\s+([:;!?»])", NBSP + r"\1", text)
    return re.sub(r"«\s*", "«" + NBSP, text)


def _is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _has_rtl(text: str) -> bool:
    return any(_is_rtl_char(c) for c in text)


# Arabic joining: letter -> (isolated, final, initial, medial) presentation forms; a letter with only
# two forms joins the letter before it, never the one after (alef, dal, reh, waw...).
_FORMS: dict[str, tuple[int, ...]] = {
    "\u0621": (0xFE80,),
    "\u0622": (0xFE81, 0xFE82),
    "\u0623": (0xFE83, 0xFE84),
    "\u0624": (0xFE85, 0xFE86),
    "\u0625": (0xFE87, 0xFE88),
    "\u0626": (0xFE89, 0xFE8A, 0xFE8B, 0xFE8C),
    "\u0627": (0xFE8D, 0xFE8E),
    "\u0628": (0xFE8F, 0xFE90, 0xFE91, 0xFE92),
    "\u0629": (0xFE93, 0xFE94),
    "\u062a": (0xFE95, 0xFE96, 0xFE97, 0xFE98),
    "\u062b": (0xFE99, 0xFE9A, 0xFE9B, 0xFE9C),
    "\u062c": (0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0),
    "\u062d": (0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4),
    "\u062e": (0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8),
    "\u062f": (0xFEA9, 0xFEAA),
    "\u0630": (0xFEAB, 0xFEAC),
    "\u0631": (0xFEAD, 0xFEAE),
    "\u0632": (0xFEAF, 0xFEB0),
    "\u0633": (0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4),
    "\u0634": (0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8),
    "\u0635": (0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC),
    "\u0636": (0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0),
    "\u0637": (0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4),
    "\u0638": (0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8),
    "\u0639": (0xFEC9, 0xFECA, 0xFECB, 0xFECC),
    "\u063a": (0xFECD, 0xFECE, 0xFECF, 0xFED0),
    "\u0641": (0xFED1, 0xFED2, 0xFED3, 0xFED4),
    "\u0642": (0xFED5, 0xFED6, 0xFED7, 0xFED8),
    "\u0643": (0xFED9, 0xFEDA, 0xFEDB, 0xFEDC),
    "\u0644": (0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0),
    "\u0645": (0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4),
    "\u0646": (0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8),
    "\u0647": (0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC),
    "\u0648": (0xFEED, 0xFEEE),
    "\u0649": (0xFEEF, 0xFEF0),
    "\u064a": (0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4),
    # Persian and Urdu letters (presentation forms A).
    "\u067e": (0xFB56, 0xFB57, 0xFB58, 0xFB59),
    "\u0686": (0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D),
    "\u0698": (0xFB8A, 0xFB8B),
    "\u06a9": (0xFB8E, 0xFB8F, 0xFB90, 0xFB91),
    "\u06af": (0xFB92, 0xFB93, 0xFB94, 0xFB95),
    "\u06cc": (0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF),
}
_TATWEEL = "\u0640"  # joins on both sides, has no forms of its own
_LAM = "\u0644"
_LAM_ALEF = {
    "\u0622": (0xFEF5, 0xFEF6),
    "\u0623": (0xFEF7, 0xFEF8),
    "\u0625": (0xFEF9, 0xFEFA),
    "\u0627": (0xFEFB, 0xFEFC),
}


# Punctuation that stays in place around a right-to-left word.
_AROUND = "()[]{}«»\"'.,;:!?\u00a0-–—"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _joins_after(char: str) -> bool:
    """Can this letter connect to the letter that follows it (on its left)?"""
    return char == _TATWEEL or len(_FORMS.get(char, ())) == 4


def _joins_before(char: str) -> bool:
    """Can this letter connect to the letter before it (on its right)?"""
    return char == _TATWEEL or len(_FORMS.get(char, ())) >= 2


def _shape_arabic(word: str) -> list[str]:
    """The word's letters in presentation forms, as clusters (a letter and its marks), logical order."""
    clusters: list[list[str]] = []
    for char in word:
        if _is_mark(char) and clusters:
            clusters[-1].append(char)
        else:
            clusters.append([char])
    bases = [c[0] for c in clusters]
    out: list[str] = []
    i = 0
    while i < len(clusters):
        base, marks = bases[i], clusters[i][1:]
        prev_joins = i > 0 and _joins_after(bases[i - 1]) and _joins_before(base)
        if base == _LAM and i + 1 < len(clusters) and bases[i + 1] in _LAM_ALEF:
            # Lam followed by alef is always written as one ligature.
            iso, fin = _LAM_ALEF[bases[i + 1]]
            out.append(chr(fin if prev_joins else iso) + "".join(marks + clusters[i + 1][1:]))
            i += 2
            continue
        forms = _FORMS.get(base)
        if not forms:
            out.append("".join(clusters[i]))
            i += 1
            continue
        next_joins = i + 1 < len(clusters) and _joins_after(base) and _joins_before(bases[i + 1])
        if prev_joins and next_joins:
            form = forms[3]
        elif prev_joins:
            form = forms[1]
        elif next_joins:
            form = forms[2]
        else:
            form = forms[0]
        out.append(chr(form) + "".join(marks))
        i += 1
    return out


def _visual_word(word: str) -> str:
    """One right-to-left word written left to right, as it is drawn: letters joined and reversed.

    Digits keep their order, and punctuation around the word (« ( » « , » « : ») stays where it is.
    """
    core = word.strip(_AROUND)
    if not core:
        return word
    head = word[: word.index(core)]
    tail = word[len(head) + len(core) :]
    merged: list[str] = []
    for cluster in _shape_arabic(core):
        if merged and cluster[:1].isdigit() and merged[-1][-1:].isdigit():
            merged[-1] += cluster
        else:
            merged.append(cluster)
    return head + "".join(reversed(merged)) + tail


def visual_order(text: str) -> str:
    """Text as drawn from left to right, for a left-to-right French sheet.

    Each right-to-left word (Arabic, Hebrew) has its Arabic letters joined and is reversed; a run of
    such words is put in reverse order. A deliberately small bidi for short texts such as names and
    places: text without right-to-left letters is returned unchanged.
    """
    if not _has_rtl(text):
        return text
    words = text.split(" ")
    kinds = [_word_kind(w) for w in words]
    # A number between two right-to-left words belongs to their run (« شارع 12 ب »).
    for i, kind in enumerate(kinds):
        if kind == "N" and "R" in kinds[:i] and "R" in kinds[i + 1 :]:
            before = next(k for k in reversed(kinds[:i]) if k not in ("N", "r"))
            after = next(k for k in kinds[i + 1 :] if k != "N")
            if before == after == "R":
                kinds[i] = "r"
    out: list[str] = []
    run: list[str] = []
    for word, kind in zip(words, kinds, strict=True):
        if kind in ("R", "r"):
            run.append(_visual_word(word) if kind == "R" else word)
            continue
        out.extend(reversed(run))
        run.clear()
        out.append(word)
    out.extend(reversed(run))
    return " ".join(out)


def _word_kind(word: str) -> str:
    """« R » right-to-left word, « L » left-to-right word, « N » neither (numbers, punctuation)."""
    directions = {unicodedata.bidirectional(c) for c in word}
    if "L" in directions:
        return "L"
    return "R" if directions & {"R", "AL"} else "N"


def _user(text: str) -> str:
    """Text typed by someone, ready for a Paragraph: one line, French spacing, RTL ordered, escaped."""
    text = _typo(_clean(text))
    return escape(visual_order(text))


# ---------------------------------------------------------------------------------------------------
# Words of the sheet


def _long_date(day: date) -> str:
    """« 27 novembre 2026 » (1er for the first of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def _clock(moment: datetime) -> str:
    """« 10 h 00 », held together on one line."""
    return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"


def appointment_when(appointment: PlanAppointment) -> str:
    """« Lundi 30 novembre 2026 à 10 h 00 »."""
    start = appointment.start
    weekday = WEEKDAYS[start.weekday()].capitalize()
    return f"{weekday} {_long_date(start.date())} à {_clock(start)}"


def _of(name: str) -> str:
    """« de Karim », « d'Ahmed »."""
    return f"d'{name}" if name[:1].upper() in _VOWELS else f"de {name}"


def _title(doc: ActionPlanDocument) -> str:
    """« Plan d'action de Karim »: the first name only.

    The last name is left out on purpose. The person knows whose sheet it is; the caseworker prints it
    during the meeting and hands it over. A lost sheet that carries a full name next to the name of an
    association for people leaving prison tells a stranger more than the person chose to share.
    """
    first = _clean(doc.person_first_name)
    return f"Plan d'action {_of(first)}" if first else "Mon plan d'action"


def _caseworker_heading(first_name: str) -> str:
    first = _clean(first_name)
    return f"Ce que fait {first}, ma conseillère" if first else "Ce que fait ma conseillère"


def _contact_line(doc: ActionPlanDocument) -> str:
    """« Ariane · 01 00 00 00 00 · ariane@example.org » (the name is not repeated if already there)."""
    first = _clean(doc.caseworker_first_name)
    contact = _clean(doc.caseworker_contact)
    if first and contact.casefold().startswith(first.casefold()):
        return contact
    return " · ".join(p for p in (first, contact) if p)


def _organisation(doc: ActionPlanDocument) -> str:
    return " · ".join(p for p in (_clean(doc.association), _clean(doc.programme)) if p)


def _open_tasks(tasks: Sequence[Task]) -> list[Task]:
    """Tasks still to do, soonest first (tasks without a date last, in the order given)."""
    todo = [t for t in tasks if t.status is TaskStatus.TODO and _clean(t.description)]
    return sorted(todo, key=lambda t: (t.due_date is None, t.due_date or date.min))


# ---------------------------------------------------------------------------------------------------
# Layout


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()

    def style(name: str, **kw) -> ParagraphStyle:
        kw.setdefault("fontName", regular)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, **kw)

    return {
        "org": style("org", fontName=bold, fontSize=14, leading=18),
        "date": style("date", fontSize=14, leading=18, alignment=TA_RIGHT),
        "title": style("title", fontName=bold, fontSize=28, leading=34),
        "hint": style("hint", fontSize=14, leading=19),
        "box_title": style("box_title", fontName=bold, fontSize=20, leading=25, textColor=_ACCENT),
        "when": style("when", fontName=bold, fontSize=18, leading=23),
        "box_line": style("box_line", fontSize=15, leading=20),
        "heading": style("heading", fontName=bold, fontSize=20, leading=25, textColor=_ACCENT),
        "task": style("task", fontSize=15, leading=20),
        "due": style("due", fontName=bold, fontSize=14, leading=19),
        "empty": style("empty", fontSize=15, leading=20),
        "contact": style("contact", fontSize=14, leading=19),
        "footer": style("footer", fontSize=13, leading=17),
        "later": style("later", fontName=bold, fontSize=14, leading=18),
        "page": style("page", fontSize=13, leading=17, alignment=TA_RIGHT),
    }


class _TickBox(Flowable):
    """An empty square to tick by hand: drawn, so it never depends on a glyph of the font."""

    def __init__(self, size: float = _TICK_SIZE, top: float = 2.0) -> None:
        super().__init__()
        self.size = size
        self.top = top  # space above the square, to sit on the first line of the task

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.size, self.size + self.top
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setFillColor(colors.white)
        canvas.setLineWidth(1.6)
        canvas.roundRect(0, 0, self.size, self.size, 2.5, stroke=1, fill=1)
        canvas.restoreState()


class _Heading(Flowable):
    """A section heading underlined by a rule of the accent colour."""

    def __init__(self, text: str, style: ParagraphStyle, gap: float = 5.0, rule: float = 1.4) -> None:
        super().__init__()
        self.para = Paragraph(text, style)
        self.gap = gap
        self.rule = rule

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, h = self.para.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, h + self.gap + self.rule
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.para.drawOn(canvas, 0, self.gap + self.rule)
        canvas.saveState()
        canvas.setStrokeColor(_ACCENT)
        canvas.setLineWidth(self.rule)
        canvas.line(0, self.rule / 2, self.width, self.rule / 2)
        canvas.restoreState()


class _Section(Table):
    """A heading row and one row per task; on the next page the heading says « (suite) »."""

    continued: Flowable | None = None

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        if len(parts) == 2 and self.continued is not None and isinstance(parts[1], _Section):
            # A new row: the first part shares its row lists with the second.
            tail = parts[1]._cellvalues
            tail[0] = [self.continued, *tail[0][1:]]
            parts[1].continued = self.continued
        return parts


def _appointment_box(doc: ActionPlanDocument, st: dict[str, ParagraphStyle], width: float) -> Flowable:
    regular, _bold = register_fonts()
    rows: list[list[Flowable]] = [[Paragraph("Mon prochain rendez-vous", st["box_title"])]]
    appointment = doc.next_appointment
    if appointment is None:
        rows.append([Paragraph(NO_APPOINTMENT, st["box_line"])])
    else:
        rows.append([Paragraph(escape(appointment_when(appointment)), st["when"])])
        place = _user(appointment.place)
        if place:
            rows.append([Paragraph(place, st["box_line"])])
        with_whom = _user(appointment.with_whom)
        if with_whom:
            rows.append([Paragraph(f"avec {with_whom}", st["box_line"])])
    box = Table(rows, colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),  # else tables pull in Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), _BOX_FILL),
                ("BOX", (0, 0), (-1, -1), 2, _ACCENT),
                ("ROUNDEDCORNERS", [6, 6, 6, 6]),
                ("LEFTPADDING", (0, 0), (-1, -1), 16),
                ("RIGHTPADDING", (0, 0), (-1, -1), 16),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
            ]
        )
    )
    return KeepTogether([box])


def _section(heading: str, tasks: list[Task], st: dict[str, ParagraphStyle], width: float) -> Flowable:
    regular, _bold = register_fonts()
    heading_text = _user(heading)
    rows: list[list[object]] = [[_Heading(heading_text, st["heading"]), ""]]
    for task in tasks:
        cell: list[Flowable] = [Paragraph(_user(task.description), st["task"])]
        if task.due_date is not None:
            cell.append(Paragraph(f"pour le {format_date(task.due_date)}", st["due"]))
        rows.append([_TickBox(), cell])
    table = _Section(rows, colWidths=[_TICK_COLUMN, width - _TICK_COLUMN], repeatRows=1)
    table.continued = _Heading(f"{heading_text} (suite)", st["heading"])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("SPAN", (0, 0), (1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
                ("LINEABOVE", (0, 2), (-1, -1), 0.6, _ROW_RULE),
            ]
        )
    )
    return table


def _story(doc: ActionPlanDocument, width: float) -> list[Flowable]:
    regular, _bold = register_fonts()
    st = _styles()
    header = Table(
        [
            [
                Paragraph(_user(_organisation(doc)), st["org"]),
                Paragraph(f"Le {_long_date(doc.printed_on)}", st["date"]),
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
        Paragraph(_user(_title(doc)), st["title"]),
        Spacer(1, 10),
        _appointment_box(doc, st, width),
        Spacer(1, 16),
    ]
    sections = [
        ("Ce que je fais", _open_tasks(doc.person_tasks)),
        (_caseworker_heading(doc.caseworker_first_name), _open_tasks(doc.caseworker_tasks)),
        ("Ce que nous faisons ensemble", _open_tasks(doc.shared_tasks)),
    ]
    sections = [(heading, tasks) for heading, tasks in sections if tasks]
    if not sections:
        story.append(Paragraph(NO_TASK, st["empty"]))
        return story
    story += [Paragraph(TICK_HINT, st["hint"]), Spacer(1, 8)]
    for index, (heading, tasks) in enumerate(sections):
        if index:
            story.append(Spacer(1, 14))
        story.append(_section(heading, tasks, st, width))
    return story


def _footer(doc: ActionPlanDocument, st: dict[str, ParagraphStyle]) -> list[Paragraph]:
    lines: list[Paragraph] = []
    contact = _user(_contact_line(doc))
    if contact:
        lines.append(Paragraph(f"<b>Ma conseillère{NBSP}:</b> {contact}", st["contact"]))
    organisation = _user(_organisation(doc))
    if organisation:
        lines.append(Paragraph(organisation, st["footer"]))
    return lines


def _build(target, doc: ActionPlanDocument, total_pages: int | None) -> int:
    regular, _bold = register_fonts()
    st = _styles()
    page_w, page_h = _PAGE
    left = _MARGIN_X + _FRAME_PAD
    width = page_w - 2 * left
    footer = _footer(doc, st)
    heights = [p.wrap(width, page_h)[1] for p in footer]
    footer_bottom = 10 * mm  # above the printer's dead zone
    footer_top = footer_bottom + sum(heights)
    bottom_margin = footer_top + 10 * mm - _FRAME_PAD
    title = _title(doc)
    later = Paragraph(f"{_user(title)} (suite)", st["later"])
    later_date = Paragraph(f"Le {_long_date(doc.printed_on)}", st["page"])

    def on_page(canvas, pdf) -> None:
        canvas.saveState()
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.8)
        canvas.line(left, footer_top + 10, page_w - left, footer_top + 10)
        y = footer_top
        for paragraph, h in zip(footer, heights, strict=True):
            paragraph.wrap(width, page_h)
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
        title=title,
        author=_clean(doc.association) or "Îlot desktop",
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
