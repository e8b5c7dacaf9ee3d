"""One hub for "something changed in the open file": pages say what they wrote, and listen to what they show.

Before this hub, the window held the lists by hand ("after a save, refresh these five pages"), in five places
that disagreed. Now a page that writes emits the matching signal once, and every page that shows that subject
subscribes itself, in its ``bind_events(events)``. Nobody lists who shows what.

The follow-up signals carry their ``source`` (the widget that wrote, or None for the window and its dialogs):
a page does not redraw over itself after its own write, which would lose its selection or what it is typing.

The hub lives as long as the window; pages connect bound methods (not lambdas capturing a page), so that a
page deleted before the window is disconnected by Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session

Slot = Callable[[object], object]


class SessionEvents(QObject):
    """The open file's changes, as Qt signals; one instance per window, handed to every page."""

    # The person the window shows now (a Participant, or None: a new file or nobody); the per-person pages
    # (follow-up, barriers and plan, results) show the same.
    participant_shown = Signal(object)
    # One participant file was written: (Participant, source). The list, the pages that name people and the
    # per-person pages redraw; the source does not reload itself.
    participant_saved = Signal(object, object)
    # Many files at once, or one removed (import, anonymisation, erasure): (source). Everything that lists
    # people redraws.
    participants_changed = Signal(object)
    # The follow-up, each with its source: appointments (week, timeline, their dialog), collective actions and
    # their registrations, a person's barriers, the action plan's tasks, results (outcomes).
    appointments_changed = Signal(object)
    actions_changed = Signal(object)
    barriers_changed = Signal(object)
    plan_changed = Signal(object)
    outcomes_changed = Signal(object)

    def followup_signals(self) -> tuple[SignalInstance, ...]:
        """Every signal of a follow-up write (appointments, actions, barriers, plan, results)."""
        return (
            self.appointments_changed,
            self.actions_changed,
            self.barriers_changed,
            self.plan_changed,
            self.outcomes_changed,
        )

    def on_followup(self, slot: Slot, *, barriers: bool = True) -> None:
        """``slot(source)`` after any follow-up write (the views of the week, Ma semaine, the Bilan…).

        ``barriers=False`` leaves out the barriers themselves (a page that shows tasks, not barriers)."""
        for signal in self.followup_signals():
            if barriers or signal is not self.barriers_changed:
                signal.connect(slot)

    def on_any_write(self, redraw: Callable[[], None]) -> None:
        """``redraw()`` after any write at all, whoever made it (the views that count every record: Ma semaine,
        the Bilan)."""
        self.on_followup(lambda _source: redraw())
        self.participants_changed.connect(lambda _source: redraw())
        self.participant_saved.connect(lambda _participant, _source: redraw())


class EventPage(Protocol):
    """What the workspace asks of each page: subscribe itself to the hub, and forget what is being typed."""

    def set_session(self, session: Session | None) -> None:
        """Show an open file, or clear everything (None: locking)."""
        ...

    def bind_events(self, events: SessionEvents) -> None:
        """Connect the page's writes to the hub's signals, and the hub's signals to its redraws."""
        ...

    def discard_edits(self) -> None:
        """Forget unsaved typing (it was kept as a draft, or the person chose not to keep it): the page no
        longer counts as modified and asks nothing more. Called at lock, without knowing the page's fields."""
        ...
