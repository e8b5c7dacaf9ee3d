"""The team folder taken in (``TeamService.sync``): every package that can be, each one that cannot listed with its
French reason, none stopping the others (a damaged, half-copied, foreign or old-phrase package; one that needs the
passphrase; one whose author is joining this team).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ilot_desktop.errors import IlotError, StorageEnvironmentError, TeamPassphraseError
from ilot_desktop.services import team_package as tp
from ilot_desktop.services.team_keys import (
    NEW_SALT,
    OTHER_TEAM_ASK,
    JoinFailed,
    NoTeamKey,
    Superseded,
    TeamKeys,
    WaitingForTeam,
)

if TYPE_CHECKING:
    from ilot_desktop.storage.database import Database

WRONG = (
    "La phrase de passe d'équipe est incorrecte (elle n'ouvre aucun paquet du dossier, à moins qu'ils soient tous "
    "endommagés ou incomplets)\u00a0: rien n'a été pris en compte."
)


class _Taken(Protocol):
    @property
    def already_taken(self) -> bool: ...


Result = TypeVar("Result", bound=_Taken)  # services.team.ImportResult, named without importing it (no cycle)


def take_all(
    import_one: Callable[[Path, str | None, dict[Any, tp.TeamKey]], Result],
    paths: list[Path],
    passphrase: str | None,
    seen: set[str],
) -> tuple[list[Result], list[tuple[str, str]], bool]:
    """Every package of ``paths`` that can be taken in; each one that cannot is listed with its reason (none stops
    the others). Whether some wait only for the passphrase."""
    received: list[Result] = []
    refused: list[tuple[str, str]] = []
    not_joined: list[Path] = []  # no team key yet and the passphrase did not open them (wrong, or damaged)
    derived: dict[Any, tp.TeamKey] = {}
    waiting: set[Path] = set()
    while paths:
        path = paths.pop(0)
        try:
            result = import_one(path, passphrase, derived)
        except JoinFailed:
            not_joined.append(path)
            continue
        except (Superseded, WaitingForTeam) as exc:
            if isinstance(exc, Superseded):
                seen.add(path.name)  # its author's later, complete package was taken in
            elif path not in waiting:  # looked at again once the others are in: its author's later one may be
                waiting.add(path)
                paths.append(path)
            else:
                refused.append((path.name, str(exc)))
            continue
        except (NoTeamKey, StorageEnvironmentError):
            raise  # nothing can be opened nor sent without the passphrase; or the folder cannot be read
        except IlotError as exc:  # no single package ever stops the exchange
            refused.append((path.name, str(exc)))
            continue
        if not_joined:  # the passphrase opened this one: the team is joined, the others are looked at again
            paths[:0], not_joined = not_joined, []
        seen.add(path.name)
        if not result.already_taken:
            received.append(result)
    if not_joined:
        raise TeamPassphraseError(WRONG)  # the passphrase opened none of them
    needs = any(reason in (NEW_SALT, OTHER_TEAM_ASK) for _name, reason in refused)
    return received, refused, needs


def in_order(database: Database, paths: list[Path]) -> list[Path]:
    """The packages sealed under another salt first: a new passphrase given is adopted before the others are
    looked at (they are then those of the replaced one)."""
    with database.unit_of_work() as uow:
        team = TeamKeys(uow).stored()
    if team is None:
        return paths

    def ours(path: Path) -> bool:
        try:
            with path.open("rb") as handle:
                return tp.peek(handle.read(tp.HEADER_BYTES + tp.TAG_BYTES)).salt == team.salt
        except (OSError, IlotError):
            return True

    return sorted(paths, key=ours)
