"""The result of checking a vault or a backup whole: what the window, the command line and the self-test show.

Shared by ``services.vault`` (an open vault) and ``services.backup`` (a copy, open or not), so that neither
imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckReport:
    schema_version: str | None
    counts: dict[str, int]
    problems: list[str]
    size_bytes: int

    @property
    def ok(self) -> bool:
        return not self.problems
