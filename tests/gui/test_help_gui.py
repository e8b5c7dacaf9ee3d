"""Aide → Guide d'utilisation shows the French guide in the application, offline, with its pictures; F1 opens the
section about the tab shown; the frozen bundle carries the guide and its pictures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from ilot_desktop.ui.help_guide import (
    START_SECTIONS,
    TAB_SECTIONS,
    anchor_of,
    guide_file,
    headings,
    image_names,
)
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(make_window):
    window = make_window()
    window.create_vault(PASSWORD)
    window.code_page.confirm.setChecked(True)
    window.code_page.continue_button.click()
    return window


def leaf_pages(workspace):
    """Every page a tab shows: (top tab's label, sub-tab's label or "", page)."""
    for index in range(workspace.tabs.count()):
        page = workspace.tabs.widget(index)
        label = workspace.tabs.tabText(index).replace("&", "")
        if isinstance(page, QTabWidget):
            for sub in range(page.count()):
                yield label, page.tabText(sub).replace("&", ""), page.widget(sub)
        else:
            yield label, "", page


def test_the_menu_opens_the_guide_in_a_window_of_the_application(window, qtbot):
    action = window.menus.guide_action
    assert action.text().replace("&", "") == "Guide d'utilisation"
    action.trigger()
    viewer = window.help_window
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: viewer.browser.verticalScrollBar().value() == 0)
    assert viewer.windowTitle() == "Guide d'utilisation — Îlot desktop"
    assert viewer.title == "Guide de l'utilisatrice"
    first = viewer.browser.document().begin()
    assert first.text() == "Guide de l'utilisatrice" and first.blockFormat().headingLevel() == 1
    assert viewer.contents.count() >= 16  # the table of contents lists the sections
    assert viewer.contents.item(0).text().startswith("En bref")
    # a section chosen in the table of contents is shown at the top
    row = next(r for r in range(viewer.contents.count()) if "Sauvegardes" in viewer.contents.item(r).text())
    viewer.contents.setCurrentRow(row)
    viewer.contents.itemActivated.emit(viewer.contents.item(row))
    qtbot.waitUntil(lambda: viewer.current_section() == "sauvegardes")
    # Ctrl+F finds a word; a word that is not there says so
    viewer.search.setText("code de secours")
    assert viewer.find_next() and "code de secours" in viewer.browser.textCursor().selectedText().lower()
    viewer.search.setText("xylophone")
    assert not viewer.find_next() and viewer.found_label.text() == "Introuvable dans le guide."
    # the same window comes back on the next request; Échap closes it
    action.trigger()
    assert window.help_window is viewer
    qtbot.keyClick(viewer.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.help_window is None)


def test_f1_on_the_calendar_shows_the_calendar_section(window, qtbot):
    workspace = window.workspace
    workspace.tabs.setCurrentWidget(workspace.calendar_tabs)
    workspace.calendar_tabs.setCurrentWidget(workspace.week)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    viewer = window.help_window
    assert viewer is not None and viewer.isVisible()
    anchor = "le-calendrier-et-les-rendez-vous"
    qtbot.waitUntil(lambda: viewer.current_section() == anchor)
    qtbot.wait(200)  # and it stays there once the window has settled (shown, laid out, pictures fitted)
    assert viewer.current_section() == anchor
    top = viewer.heading_block_top(anchor)
    assert top is not None and top > 1000  # far down the guide, brought to the top of the text
    bar = viewer.browser.verticalScrollBar()
    assert abs(bar.value() - top) <= 2 or bar.value() == bar.maximum()
    assert viewer.browser.textCursor().block().text() == "7. Le calendrier et les rendez-vous"
    assert viewer.top_text() == "7. Le calendrier et les rendez-vous"  # the heading is what the text shows first
    assert viewer.contents.currentItem().text() == "7. Le calendrier et les rendez-vous"
    # the collective actions' sub-tab opens its own section, in the same window
    workspace.calendar_tabs.setCurrentWidget(workspace.actions_page)
    window.menus.tab_help_action.trigger()
    qtbot.waitUntil(lambda: viewer.current_section() == "les-actions-collectives")


def test_every_tab_has_its_section_in_the_guide(window, qtbot):
    markdown = guide_file().read_text(encoding="utf-8")
    anchors = {heading.anchor for heading in headings(markdown)}
    workspace = window.workspace
    pages = list(leaf_pages(workspace))
    assert len(pages) == 8  # Ma semaine, Fiche, Suivi, Freins, Semaine, Actions, Parcours, Bilan
    for top, sub, page in pages:
        name = next((n for n in TAB_SECTIONS if getattr(workspace, n) is page), None)
        assert name is not None, f"no section for the tab {top} {sub}"
        assert TAB_SECTIONS[name] in anchors, (top, sub, TAB_SECTIONS[name])
    for name, anchor in START_SECTIONS.items():
        assert getattr(window, name) is not None and anchor in anchors, name
    # and F1 reaches each of them in the window
    for _top, _sub, page in pages:
        parent = page.parentWidget().parentWidget()
        if isinstance(parent, QTabWidget) and parent is not workspace.tabs:
            workspace.tabs.setCurrentWidget(parent)
            parent.setCurrentWidget(page)
        else:
            workspace.tabs.setCurrentWidget(page)
        viewer = window.open_guide_here()
        expected = TAB_SECTIONS[next(n for n in TAB_SECTIONS if getattr(workspace, n) is page)]
        qtbot.waitUntil(lambda v=viewer, e=expected: v.current_section() == e)


def test_every_picture_of_the_guide_exists_and_shows(window, qtbot):
    guide = guide_file()
    written = image_names(guide.read_text(encoding="utf-8"))
    assert len(written) >= 15
    for name in written:
        assert (guide.parent / name).is_file(), name
    viewer = window.open_guide()
    shown = viewer.image_names()
    assert sorted(set(shown)) == sorted(set(written))
    for name in shown:
        image = viewer.load_image(name)
        assert not image.isNull() and image.width() > 100, name
    # scaled to the text's width: no picture wider than the text, once the window is narrower too
    for size in ((1040, 700), (700, 600)):
        viewer.resize(*size)
        qtbot.wait(100)
        width = viewer.browser.viewport().width()
        for name in shown:
            assert 0 < viewer.load_image(name).width() <= width, (size, name)
        assert viewer.browser.horizontalScrollBar().maximum() == 0
    # and the text is laid out whole, every paragraph on its lines (not only the pictures)
    layout = viewer.browser.document().documentLayout()
    block = viewer.browser.document().begin()
    while block.isValid():
        if block.text().strip():
            layout.blockBoundingRect(block)
            assert block.layout().lineCount() > 0, block.text()[:40]
        block = block.next()


def test_the_guide_is_found_from_the_source_tree_and_in_the_bundle(tmp_path, monkeypatch):
    assert guide_file() == ROOT / "docs" / "guide-utilisateur.md"
    spec = (ROOT / "installer" / "ilot-desktop.spec").read_text(encoding="utf-8")
    assert re.search(r'ROOT / "docs" / "guide-utilisateur\.md"\), "resources/guide"\)', spec)
    assert re.search(r'ROOT / "docs" / "images" / "\*\.png"\), "resources/guide/images"\)', spec)
    # the frozen program looks under sys._MEIPASS/resources/guide
    bundled = tmp_path / "resources" / "guide"
    (bundled / "images").mkdir(parents=True)
    (bundled / "guide-utilisateur.md").write_text("# Guide\n", encoding="utf-8")
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert guide_file() == bundled / "guide-utilisateur.md"


def test_anchors_ignore_numbers_accents_and_apostrophes():
    assert anchor_of("7. Le calendrier et les rendez-vous") == "le-calendrier-et-les-rendez-vous"
    assert anchor_of("10. Résultats et bilan") == "resultats-et-bilan"
    assert anchor_of("Bilan de l'année") == "bilan-de-l-annee"


def test_the_guide_closes_at_lock_and_opens_again_after(window, qtbot):
    """Locking closes every window of the application, the guide's too (it holds nothing personal); F1 after
    unlocking opens a new one."""
    from PySide6.QtCore import QCoreApplication, QEvent

    viewer = window.open_guide()
    assert viewer.isVisible()
    assert window.lock()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: window.help_window is None)
    window.unlock_page.password.setText(PASSWORD)
    window.unlock_page.unlock_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    again = window.open_guide_here()
    assert again is not None and again.isVisible()
    qtbot.waitUntil(lambda: again.current_section() == "ma-semaine")


def test_f1_before_any_file_is_open_shows_the_first_start(make_window, qtbot):
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    window.menus.tab_help_action.trigger()
    viewer = window.help_window
    assert viewer is not None
    qtbot.waitUntil(lambda: viewer.current_section() == "premier-lancement")
    assert viewer.top_text() == "1. Premier lancement"
