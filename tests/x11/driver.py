"""A person at the keyboard of a real X11 window: clicks and key presses, the question boxes answered as they
come, and at every step the checks of ``checks.py`` and a screenshot of the whole screen.

Nothing waits a fixed time: every wait is for a condition, with a deadline.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEvent, QPoint, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog, QMessageBox, QWidget

from tests.x11 import checks


@dataclass(frozen=True)
class Finding:
    step: str
    kind: str  # "fit", "buttons", "english", "wheel", "scenario"
    text: str

    def __str__(self) -> str:
        return f"[{self.step}] {self.text}"


class Driver:
    def __init__(self, app: QApplication, out: Path) -> None:
        self.app = app
        self.out = out
        self.window: QWidget | None = None
        self.findings: list[Finding] = []
        self.shots: list[Path] = []
        self.actions: Counter[str] = Counter()
        self._counting: list[str] = []
        self._number = 0
        self._expected: list[tuple[str, Callable[[QWidget], None]]] = []
        self._poll = QTimer()
        self._poll.setInterval(20)
        self._poll.timeout.connect(self._answer_dialog)
        self._poll.start()
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):
            old.unlink()

    # --- waiting ---------------------------------------------------------------------------------------------

    def wait(self, condition: Callable[[], object], what: str | Callable[[], str], seconds: float = 20) -> None:
        """``what`` says what was awaited (a callable: said as it is when the time is up)."""
        deadline = QDeadlineTimer(int(seconds * 1000))
        while not condition():
            if deadline.hasExpired():
                said = what() if callable(what) else what
                raise AssertionError(f"attendu en {seconds} s et jamais vu : {said}")
            self.app.processEvents()
            QThread.msleep(10)
        self.app.processEvents()

    def settle(self, widget: QWidget | None = None) -> None:
        """Until the window manager and the layouts are done: the same frame and size three polls running."""
        target = widget or self.window
        assert target is not None
        self.wait(lambda: target.isVisible() and target.windowHandle() is not None, "la fenêtre affichée")
        last, same = None, 0
        deadline = QDeadlineTimer(3000)
        while same < 3 and not deadline.hasExpired():
            self.app.processEvents()
            QThread.msleep(15)
            now = (target.frameGeometry().getRect(), target.size().toTuple(), target.minimumSizeHint().toTuple())
            same = same + 1 if now == last else 0
            last = now

    # --- input -----------------------------------------------------------------------------------------------

    @contextmanager
    def counting(self, scenario: str) -> Iterator[None]:
        """Key presses and clicks from here are counted for ``scenario`` (the closing note's figures), and for
        the scenarios around it."""
        self._counting.append(scenario)
        try:
            yield
        finally:
            self._counting.pop()

    def _count(self, n: int = 1) -> None:
        for scenario in self._counting:
            self.actions[scenario] += n

    def click(self, widget: QWidget, pos: QPoint | None = None, double: bool = False) -> None:
        self.wait(lambda: widget.isVisible() and widget.isEnabled(), f"{checks._name(widget)} cliquable")
        at = pos if pos is not None else widget.rect().center()
        if double:  # a press and release, then the double click (as the X server sends them)
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
            QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
        self._count()
        self.app.processEvents()

    def key(self, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(widget, key, modifier)
        self._count()
        self.app.processEvents()

    def type(self, widget: QWidget, text: str) -> None:
        """Text typed into a field (counted as one action: a field filled, whatever its length)."""
        widget.setFocus()
        for char in text:
            if char.isascii():
                QTest.keyClick(widget, char)
            else:  # QTest knows only ASCII keys: the key event a French keyboard sends, with its text
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        self._count()
        self.app.processEvents()

    def choose(self, combo: QComboBox, text: str) -> None:
        """A drop-down opened and one line chosen (two clicks): the first line that starts with ``text``."""
        index = next((i for i in range(combo.count()) if combo.itemText(i).startswith(text)), -1)
        if index < 0:
            raise AssertionError(f"« {text} » absent de la liste {checks._name(combo)}")
        combo.setFocus()
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
        self._count(2)
        self.app.processEvents()

    def xdotool(self, *args: str, count: int = 1) -> None:
        """Real input through the X server (the window manager sees it too)."""
        subprocess.run(["xdotool", *args], check=True, timeout=20)
        self._count(count)
        self.app.processEvents()

    def x_key(self, keys: str) -> None:
        """One key or chord (``ctrl+l``) pressed on the keyboard: XTEST, to whatever has the focus."""
        self.xdotool("key", "--clearmodifiers", keys)

    def x_type(self, text: str) -> None:
        self.xdotool("type", "--delay", "5", text)

    # --- question boxes and file choosers ------------------------------------------------------------------

    def expect(self, what: str, handler: Callable[[QWidget], None]) -> None:
        """The next box that opens modally (``exec``) is checked, shot and answered by ``handler``."""
        self._expected.append((what, handler))

    def answering(self, trigger: Callable[[], object]) -> None:
        """Run ``trigger`` (it may block in a box's own loop); every expected box must have come."""
        waiting = [what for what, _handler in self._expected]
        trigger()
        try:
            self.wait(lambda: not self._expected, f"les fenêtres attendues ({', '.join(waiting)})", seconds=20)
        finally:
            self._expected.clear()

    def _answer_dialog(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.property("x11_answered") or not dialog.isVisible():
            return
        # Only the boxes that run their own loop (``exec``): the record dialogs (``open``) are driven in order.
        if not (isinstance(dialog, (QMessageBox, QFileDialog)) or dialog.inherits("QPrintDialog")):
            return
        dialog.setProperty("x11_answered", True)  # (not its id(): a later box may be given the same one)
        self._poll.stop()  # the handler may open another box: answered by this same timer, restarted below
        try:
            if not self._expected:
                text = dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
                self.findings.append(Finding(self.current, "scenario", f"fenêtre inattendue : « {text[:120]} »"))
                self.step("inattendue", dialog)
                dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
                return
            what, handler = self._expected.pop(0)
            self.step(what, dialog)
            handler(dialog)
        except Exception as error:
            self.findings.append(Finding(self.current, "scenario", f"{type(error).__name__}: {error}"))
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
        finally:
            self._poll.start()

    def button(self, dialog: QWidget, text: str) -> QWidget:
        for candidate in checks.visible_buttons(dialog):
            if candidate.text().replace("&", "") == text:
                return candidate
        shown = [b.text() for b in checks.visible_buttons(dialog)]
        raise AssertionError(f"pas de bouton « {text} » dans {checks._name(dialog)} (boutons : {shown})")

    def press(self, text: str) -> Callable[[QWidget], None]:
        return lambda dialog: self.click(self.button(dialog, text))

    def save_as(self, path: Path) -> Callable[[QWidget], None]:
        """A file chooser: the name typed in its field, then Entrée."""

        def answer(dialog: QWidget) -> None:
            from PySide6.QtWidgets import QLineEdit

            field = dialog.findChild(QLineEdit, "fileNameEdit")
            assert field is not None, "le champ du nom de fichier"
            field.selectAll()
            self.type(field, str(path))
            self.key(field, Qt.Key.Key_Return)

        return answer

    # --- a step: settle, check, shoot -----------------------------------------------------------------------

    current = "début"

    def step(self, name: str, dialog: QWidget | None = None) -> None:
        self._number += 1
        label = f"{self._number:02d}-{name}"
        if dialog is None:
            self.current = label
        assert self.window is not None
        self.settle()
        if dialog is not None:
            self.settle(dialog)
        for root in (self.window, dialog):
            if root is None:
                continue
            for text in checks.window_fits(root):
                self.findings.append(Finding(label, "fit", text))
            for text in checks.cut_buttons(root):
                self.findings.append(Finding(label, "buttons", text))
            for text in checks.english_texts(root):
                self.findings.append(Finding(label, "english", text))
        screen = QGuiApplication.primaryScreen()
        path = self.out / f"{label}.png"
        screen.grabWindow(0).save(str(path))
        self.shots.append(path)

    def stop(self) -> None:
        self._poll.stop()
