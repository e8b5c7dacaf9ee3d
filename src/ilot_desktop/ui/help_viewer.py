"""« Guide d'utilisation »: the French user guide in a window of its own, offline, with its pictures.

The guide's Markdown is shown by a ``QTextBrowser`` (``setMarkdown``), its pictures found beside it
(``docs/images/`` in the source tree, ``resources/guide/images/`` in the bundle) and scaled to the window's
width. On the left the sections (« Sommaire »): a click or Entrée shows one at the top of the text. Ctrl+F goes
to the search field (Entrée: next match, Maj+Entrée: previous); Échap closes the window. F1 in the main window
opens it at the section about the tab shown (``help_guide.TAB_SECTIONS``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop import APP_NAME
from ilot_desktop.ui.help_guide import Heading, anchor_of, headings
from ilot_desktop.ui.widgets import fit_to_screen

WINDOW_TITLE = f"Guide d'utilisation — {APP_NAME}"
NOT_FOUND = "Introuvable dans le guide."
_IMAGE_MARGIN = 40  # room for the scroll bar and the document's margins
_IMAGE_MIN_WIDTH = 320


class GuideBrowser(QTextBrowser):
    """The guide's text. Its pictures are read from their files, their format named by their suffix: Qt's
    guess from the bytes alone fails once QtPdf's image plugin is loaded (from the first unlock on, it claims
    PNG data and refuses it as too large), which left a broken-picture icon in place of every screenshot."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder.resolve()
        self.image_width = 660  # the widest a picture is drawn: the text's width (set by HelpWindow)
        self._images: dict[str, QImage] = {}

    def clear_images(self) -> None:
        self._images.clear()

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return super().loadResource(kind, name)
        url = QUrl(name)
        key = url.toString()
        if key not in self._images:
            self._images[key] = self._read_image(url)
        return self._images[key]

    def _read_image(self, name: QUrl) -> QImage:
        relative = name.toLocalFile() if name.isLocalFile() else name.path()
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():  # the guide's own pictures only
            return QImage()
        reader = QImageReader(str(path), path.suffix.lstrip(".").lower().encode("ascii"))
        image = reader.read()
        if image.width() > self.image_width:  # as wide as the text at most, proportions kept
            image = image.scaledToWidth(self.image_width, Qt.TransformationMode.SmoothTransformation)
        return image


class HelpWindow(QDialog):
    """The guide, non-modal, beside the main window (kept open while working; closed at lock like any window)."""

    def __init__(self, guide: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)  # its own window: minimise, maximise, beside the main one
        self.setWindowTitle(WINDOW_TITLE)
        self.setAccessibleName(WINDOW_TITLE)
        self.guide = guide
        markdown = guide.read_text(encoding="utf-8")
        self.sections: list[Heading] = headings(markdown)
        self._pending: str | None = None
        self._refit_queued = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Un mot, par exemple « sauvegarde »")
        self.search.setAccessibleName("Rechercher dans le guide")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Rechercher\u00a0:", self)
        search_label.setBuddy(self.search)
        self.next_button = QPushButton("&Suivant", self)
        self.next_button.setAccessibleName("Occurrence suivante")
        self.found_label = QLabel("", self)
        self.found_label.setAccessibleName("Résultat de la recherche")
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(lambda _text: self.found_label.clear())
        self.next_button.clicked.connect(self.find_next)
        QShortcut(QKeySequence("Shift+Return"), self.search, self.find_previous)
        QShortcut(QKeySequence("Shift+Enter"), self.search, self.find_previous)

        self.contents = QListWidget(self)
        self.contents.setAccessibleName("Sommaire du guide")
        self.contents.setWordWrap(True)  # long headings on two lines rather than cut
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for heading in self.sections:
            if heading.level == 1:
                continue
            item = QListWidgetItem(("      " if heading.level == 3 else "") + heading.text)
            item.setData(Qt.ItemDataRole.UserRole, heading.anchor)
            self.contents.addItem(item)
        self.contents.itemActivated.connect(self._item_chosen)
        self.contents.itemClicked.connect(self._item_chosen)

        self.browser = GuideBrowser(guide.parent, self)
        self.browser.setAccessibleName("Texte du guide")
        self.browser.setOpenLinks(False)  # the guide links nowhere outside itself; the network is never used
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.setSearchPaths([str(guide.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(guide.parent) + "/"))
        self.browser.document().setDefaultStyleSheet("h1, h2 { color: #1D4E89; }")
        self.markdown = markdown
        self._render()
        self.browser.viewport().installEventFilter(self)
        self.title = self.sections[0].text if self.sections else WINDOW_TITLE

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 740])
        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.next_button)
        bar.addWidget(self.found_label)
        close = QPushButton("&Fermer", self)
        close.setAccessibleName("Fermer le guide")
        close.setAutoDefault(False)
        self.next_button.setAutoDefault(False)
        close.clicked.connect(self.close)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self.setTabOrder(self.search, self.next_button)
        self.setTabOrder(self.next_button, close)
        self.setTabOrder(close, self.contents)
        self.setTabOrder(self.contents, self.browser)
        fit_to_screen(self, 1040, 720)

    # --- sections -------------------------------------------------------------------------------------

    def show_section(self, anchor: str | None) -> None:
        """Show the section ``anchor`` at the top (the beginning for None); once shown if not yet laid out."""
        self._pending = anchor or ""  # "": the beginning; None: nothing asked, the text stays where it is
        if self.isVisible() and not self._refit_queued:
            self._scroll_to_pending()

    def current_section(self) -> str | None:
        """The anchor of the section shown: the heading at the top of the text, or the last one above it."""
        block = self.browser.cursorForPosition(QPoint(4, 4)).block()  # as laid out and painted
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                return anchor_of(block.text())
            block = block.previous()
        return None

    def top_text(self) -> str:
        """The text of the block at the top of the text shown."""
        return self.browser.cursorForPosition(QPoint(4, 4)).block().text()

    def heading_block_top(self, anchor: str) -> float | None:
        """Where the heading of ``anchor`` starts in the document, in pixels (None if the guide has none)."""
        block = self._heading_block(anchor)
        if block is None:
            return None
        return self.browser.document().documentLayout().blockBoundingRect(block).top()

    def _heading_block(self, anchor: str):  # -> QTextBlock | None
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and anchor_of(block.text()) == anchor:
                return block
            block = block.next()
        return None

    def _render(self) -> None:
        self.browser.clear_images()
        self.browser.setMarkdown(self.markdown)  # never changed in place after: Qt would then leave the blocks
        # after a changed one unlaid (no lines, drawn as nothing), so the pictures come scaled from loadResource

    def _scroll_to_pending(self) -> None:
        anchor, self._pending = self._pending, None
        if anchor is None:
            return
        block = self._heading_block(anchor) if anchor else None
        if block is None:
            self.browser.verticalScrollBar().setValue(0)
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            return
        self.browser.setTextCursor(QTextCursor(block))
        layout = self.browser.document().documentLayout()
        layout.blockBoundingRect(self.browser.document().lastBlock())  # laid out to the end: the scroll range is
        self.browser.verticalScrollBar().setValue(int(layout.blockBoundingRect(block).top()))  # final
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == anchor:
                self.contents.setCurrentRow(row)

    def _item_chosen(self, item: QListWidgetItem) -> None:
        self.show_section(item.data(Qt.ItemDataRole.UserRole))

    def _link_clicked(self, url: QUrl) -> None:
        if url.hasFragment():
            self.show_section(url.fragment())

    # --- search ---------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        text = self.search.text().strip()
        if not text:
            return False
        found = self.browser.find(text, flags)
        if not found:  # from the other end, once
            self.browser.moveCursor(
                QTextCursor.MoveOperation.End
                if flags & QTextDocument.FindFlag.FindBackward
                else QTextCursor.MoveOperation.Start
            )
            found = self.browser.find(text, flags)
        self.found_label.setText("" if found else NOT_FOUND)
        return found

    # --- pictures -------------------------------------------------------------------------------------

    def image_names(self) -> list[str]:
        """The pictures of the document as it shows them."""
        names: list[str] = []
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    names.append(fmt.toImageFormat().name())
                it += 1
            block = block.next()
        return names

    def load_image(self, name: str) -> QImage:
        """The picture ``name`` as the browser loads it (a null image if it cannot)."""
        data = self.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        return data if isinstance(data, QImage) else QImage()

    # --- events ---------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._refit_queued:
            self._refit_queued = True
            QTimer.singleShot(0, self, self._refit)  # cancelled if the window is deleted first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The text's width changes (the window resized, the splitter moved, the first showing): the section at
        the top is noted before the text is wrapped again, then the pictures refitted and that section shown."""
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize and self.isVisible():
            if self._pending is None:
                self._pending = self.current_section()
            if not self._refit_queued:
                self._refit_queued = True
                QTimer.singleShot(0, self, self._refit)  # cancelled if the window is deleted first
        return super().eventFilter(watched, event)

    def _refit(self) -> None:
        """The pictures drawn again at the text's new width (the guide read again: Qt lays out a document
        whose pictures were resized in place only in part), then the section noted shown again."""
        self._refit_queued = False
        width = max(_IMAGE_MIN_WIDTH, self.browser.viewport().width() - _IMAGE_MARGIN)
        if abs(width - self.browser.image_width) > _IMAGE_MARGIN // 2:
            self.browser.image_width = width
            self._render()
        self._scroll_to_pending()
