"""What a real screen shows, checked on the window and the dialog on screen (docs/real-window.md).

Each function returns sentences, one per problem, that say what is wrong and where: the harness collects them
step by step and the tests of ``week_x11.py`` fail with the whole list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

# Words of Qt's own English defaults and common English-only words: none may show in the French interface.
# (Words French shares with English, such as "Options", "Pages", "Type", "Date" or "File" (« file active »), are
# not listed.)
ENGLISH_WORDS = frozenset(
    [
        "Cancel",
        "Yes",
        "No",
        "Save",
        "Open",
        "Close",
        "Apply",
        "Browse",
        "Files",
        "Print",
        "Printer",
        "Discard",
        "Help",
        "Reset",
        "Abort",
        "Retry",
        "Ignore",
        "Look",
        "Folder",
        "Directory",
        "Settings",
        "Error",
        "Warning",
        "Search",
        "Name",
        "Size",
        "Modified",
        "Back",
        "Forward",
        "Show",
        "Hide",
        "Select",
        "Loading",
        "Undo",
        "Redo",
        "Cut",
        "Copy",
        "Paste",
        "Delete",
        "Clear",
        "Done",
        "Next",
        "Finish",
        "Previous",
        "Submit",
        "Quit",
        "Exit",
        "Edit",
        "View",
        "Window",
        "About",
        "Properties",
        "Preview",
        "Layout",
        "Portrait",
        "Landscape",
        "Copies",
        "Collate",
        "Reverse",
        "Current",
        "Selection",
        "Range",
        "Untitled",
        "the",
        "and",
        "of",
        "to",
        "with",
        "from",
        "please",
        "your",
        "you",
        "Today",
        "Tomorrow",
        "Yesterday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def _words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text).replace("&", "")
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # a folder's path is not English
    return re.findall(r"[A-Za-zÀ-ÿ]+", text)


def _name(widget: QWidget) -> str:
    """How a developer finds the widget: its class, its text or accessible name, and its parents' classes."""
    label = ""
    if isinstance(widget, QAbstractButton):
        label = widget.text().replace("&", "")
    label = label or widget.accessibleName() or widget.objectName()
    chain = []
    parent = widget.parentWidget()
    while parent is not None and len(chain) < 3:
        chain.append(type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__} « {label} » (dans {' < '.join(chain)})"


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _describe(rect: QRect) -> str:
    return f"x={rect.x()}…{rect.x() + rect.width()}, y={rect.y()}…{rect.y() + rect.height()}"


# --- the window fits the screen ---------------------------------------------------------------------------------


def window_fits(window: QWidget) -> list[str]:
    """The top-level window, its frame (the window manager's title bar and borders) included, lies within the
    screen's available geometry (the screen less the panels)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    if available.contains(frame):
        return []
    return [
        f"{type(window).__name__} « {window.windowTitle()} » dépasse l'écran : cadre {frame.width()}×{frame.height()} "
        f"en {_describe(frame)}, surface disponible {available.width()}×{available.height()} "
        f"({window.minimumSizeHint().width()}×{window.minimumSizeHint().height()} au minimum demandé par son contenu)"
    ]


# --- every button of the shown page is whole ---------------------------------------------------------------------


def visible_buttons(root: QWidget) -> Iterator[QAbstractButton]:
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.window() is root and button.width() > 0 and button.height() > 0:
            yield button


def _clipped_by_scroll_area(button: QAbstractButton, rect_in_viewport: QRect, area: QAbstractScrollArea) -> str:
    """A scroll area may hide a button the person can scroll to; not one it cannot reach (no scroll bar that
    way) nor one it cuts in two while nothing else is scrolled."""
    viewport = area.viewport()
    inside = viewport.rect()
    if inside.contains(rect_in_viewport):
        return ""
    horizontal = rect_in_viewport.left() < inside.left() or rect_in_viewport.right() > inside.right()
    vertical = rect_in_viewport.top() < inside.top() or rect_in_viewport.bottom() > inside.bottom()
    if horizontal and not area.horizontalScrollBar().isVisible():
        return f"coupé à droite ou à gauche par la zone défilante {type(area).__name__}, sans barre horizontale"
    if vertical and not area.verticalScrollBar().isVisible():
        return f"coupé en haut ou en bas par la zone défilante {type(area).__name__}, sans barre verticale"
    return ""


def cut_buttons(root: QWidget) -> list[str]:
    """Every visible button of ``root`` (a window or a dialog) is fully on screen: inside the window, inside each
    parent that holds it (a squeezed layout), not cut by a scroll area it cannot be scrolled into, and on the
    screen's available surface."""
    problems = []
    screen = root.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    window_rect = root.rect()
    for button in visible_buttons(root):
        if button.parentWidget() is not None and button.parentWidget().inherits("QTabBar"):
            continue  # a tab bar's scroll arrows: shown when the tabs do not fit, as they should be
        why, scrolled_away = "", False
        parent = button.parentWidget()
        child: QWidget = button
        while parent is not None and parent is not root:
            if isinstance(parent, QAbstractScrollArea) and child is parent.viewport():
                in_viewport = _rect_in(button, child)
                if not child.rect().contains(in_viewport):
                    why = _clipped_by_scroll_area(button, in_viewport, parent)
                    scrolled_away = not why  # the person scrolls to it: not shown now, not cut
                    break
            elif (
                not isinstance(parent, QAbstractScrollArea)
                and not isinstance(parent.parentWidget(), QAbstractScrollArea)  # a viewport: the area decides
                and not parent.rect().contains(_rect_in(button, parent))
            ):
                why = (
                    f"coupé par son parent {type(parent).__name__} « {parent.accessibleName()} » "
                    f"({_describe(_rect_in(button, parent))} dans {parent.width()}×{parent.height()})"
                )
                break
            child, parent = parent, parent.parentWidget()
        if scrolled_away:
            continue
        rect = _rect_in(button, root)
        if not why and not window_rect.contains(rect):
            why = f"hors de la fenêtre ({_describe(rect)} dans {window_rect.width()}×{window_rect.height()})"
        if not why:
            on_screen = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
            if not available.contains(on_screen):
                why = (
                    f"hors de l'écran ({_describe(on_screen)} pour une surface de "
                    f"{available.width()}×{available.height()})"
                )
        if not why and isinstance(button, QAbstractButton) and button.text() and not button.inherits("QCheckBox"):
            needed = button.minimumSizeHint().width()
            if button.width() + 2 < needed and not button.inherits("QToolButton"):
                why = f"trop étroit pour son texte ({button.width()} px pour {needed} px)"
        if why:
            problems.append(f"{_name(button)} : {why}")
    return problems


# --- no English on screen --------------------------------------------------------------------------------------


def _texts(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield widget.currentText()
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield widget.tabText(index)
    headers = []
    if isinstance(widget, QTableView):
        headers = [widget.horizontalHeader()] + (
            [widget.verticalHeader()] if widget.verticalHeader().isVisible() else []
        )
    elif isinstance(widget, QTreeView) and not widget.isHeaderHidden():
        headers = [widget.header()]
    for header in headers:
        if header.model() is None or not header.isVisible():  # (a table's row numbers are often hidden)
            continue
        for section in range(min(header.count(), 50)):
            value = header.model().headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value
    if widget.toolTip():
        yield widget.toolTip()
    if widget.isWindow():
        yield widget.windowTitle()


def english_texts(root: QWidget) -> list[str]:
    """Visible texts of ``root`` and its visible children that contain an English word (Qt's defaults:
    « Cancel », « Save », « Look in »...), with the widget that shows them."""
    problems = []
    widgets = [root, *root.findChildren(QWidget)]
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            words = [w for w in _words(action.text()) if w in ENGLISH_WORDS]
            if words:
                problems.append(f"menu « {action.text()} » : {', '.join(words)}")
    for widget in widgets:
        if not widget.isVisible():
            continue
        for text in _texts(widget):
            words = [w for w in _words(text or "") if w in ENGLISH_WORDS]
            if words:
                problems.append(f"{_name(widget)} montre « {text[:80]} » : mot anglais {', '.join(sorted(set(words)))}")
    return problems
