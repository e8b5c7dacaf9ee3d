"""What the window needs of an open file: a ``Protocol``, so that the UI is typed without depending on how the
file is opened. The concrete class is ``services.vault.VaultSession``; tests may hand any object with the same
attributes.

The services are named for the type checker only (``TYPE_CHECKING``): importing them here would load the
storage layer before the start page is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ilot_desktop.services.actions import ActionService
    from ilot_desktop.services.backup import BackupService
    from ilot_desktop.services.barriers import BarrierService
    from ilot_desktop.services.exchange import ExchangeService
    from ilot_desktop.services.followup import FollowUpService
    from ilot_desktop.services.funder import FunderService
    from ilot_desktop.services.indicators import IndicatorService
    from ilot_desktop.services.outcomes import OutcomeService
    from ilot_desktop.services.participants import ParticipantService
    from ilot_desktop.services.plan import PlanService
    from ilot_desktop.services.privacy import PrivacyService
    from ilot_desktop.services.team import TeamService


class Session(Protocol):
    """An unlocked file, as the pages and dialogs use it: one service per subject, drafts, closing.

    No access log here: the services record what they do (a file viewed, a sheet written); the window never
    writes the log itself (tests/unit/test_ui_rules.py holds it).

    Read-only members (properties), so that a session may hold a more precise type (a clock that also gives
    the moment, a subclass of a service)."""

    @property
    def folder(self) -> Path: ...

    @property
    def clock(self) -> Callable[[], date]: ...

    @property
    def issued_recovery_code(self) -> str | None: ...

    @property
    def is_demonstration(self) -> bool: ...

    @property
    def participants(self) -> ParticipantService: ...

    @property
    def followup(self) -> FollowUpService: ...

    @property
    def actions(self) -> ActionService: ...

    @property
    def barriers(self) -> BarrierService: ...

    @property
    def plan(self) -> PlanService: ...

    @property
    def outcomes(self) -> OutcomeService: ...

    @property
    def exchange(self) -> ExchangeService: ...

    @property
    def indicators(self) -> IndicatorService: ...

    @property
    def funder(self) -> FunderService: ...

    @property
    def backups(self) -> BackupService: ...

    @property
    def privacy(self) -> PrivacyService: ...

    @property
    def team(self) -> TeamService: ...

    @property
    def is_open(self) -> bool: ...

    def keep_draft(self, name: str, text: str) -> None:
        """What was being typed at lock, kept encrypted under ``name``."""
        ...

    def take_draft(self, name: str) -> str | None:
        """The draft kept under ``name`` (then forgotten), or None."""
        ...

    def write_recovery_sheet(self, out: Path, code: str) -> None:
        """The recovery sheet (PDF) written to ``out``, and the access log says so."""
        ...

    def recovery_sheet_pdf(self, code: str) -> bytes:
        """The same sheet as PDF bytes in memory, to print (never written to a file)."""
        ...

    def recovery_sheet_printed(self) -> None:
        """The access log says the recovery sheet was printed."""
        ...

    def close(self) -> None:
        """Drop every decrypted handle (locking)."""
        ...
