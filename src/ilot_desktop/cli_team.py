"""The team commands: ``team-export``, ``team-import``, ``team-sync``, ``team-conflicts`` (issue 15).

Split from ``cli.py`` (which dispatches to them and turns an ``IlotError`` into its exit code). The vault
password is read as for every command (``$ILOT_PASSPHRASE`` or the first line of standard input); the team
passphrase comes from ``$ILOT_TEAM_PASSPHRASE`` or the next line of standard input (the second when the password
comes there too). Without one, the team key stored in the vault is used (typed once per laptop); on a terminal it
is asked only when the vault has none.

Exit codes (shared/design/team.md): 0 done; 3 wrong password or team passphrase; 5 not a package, damaged, or
from another team; 6 taken in, with conflicts left for a person to settle (listed on standard output). The
conflicts name people: they go to standard output only, never to the log, whose lines carry counts.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ilot_desktop.errors import EXIT_INVALID, EXIT_OK, EXIT_WRONG_PASSWORD, IlotError, WrongPasswordError
from ilot_desktop.paths import AppPaths

if TYPE_CHECKING:
    from ilot_desktop.services.team import Conflict, ImportResult
    from ilot_desktop.services.vault import VaultSession

ENV_TEAM_PASSPHRASE = "ILOT_TEAM_PASSPHRASE"
EXIT_CONFLICTS = 6  # team.md: taken in, conflicts left (the same number as « data folder in use » for the others)
T = TypeVar("T")
log = logging.getLogger(__name__)


def read_team_passphrase() -> str | None:
    """From $ILOT_TEAM_PASSPHRASE, else the next line of a redirected standard input, else None (the key kept
    in the vault is used). Read after the vault password."""
    value = os.environ.get(ENV_TEAM_PASSPHRASE)
    if value:
        return value
    try:
        if sys.stdin is None or sys.stdin.isatty():
            return None
        line = sys.stdin.readline().rstrip("\r\n")
    except (OSError, ValueError):  # standard input closed or unreadable: the stored key, if any
        return None
    return line or None


def _open(paths: AppPaths, team_passphrase: bool = True) -> tuple[VaultSession, str | None]:
    from ilot_desktop.cli import read_password
    from ilot_desktop.services import vault

    password = read_password(confirm=False)
    passphrase = read_team_passphrase() if team_passphrase else None  # the line after the password
    return vault.unlock(paths.data_dir, password), passphrase


def _with_passphrase(given: str | None, action: Callable[[str | None], T]) -> T:
    """Run ``action``; on a terminal, when no passphrase was given and the vault holds no team key (or the team's
    passphrase changed), ask for it once and run again (nothing was taken in the first time)."""
    from ilot_desktop.services.team_keys import RetiredKeyError

    try:
        result = action(given)
        if not getattr(result, "needs_passphrase", False) or given is not None or not _terminal():
            return result
    except RetiredKeyError:
        raise  # a replaced passphrase: typing one changes nothing
    except WrongPasswordError:
        if given is not None or not _terminal():
            raise
    typed = getpass.getpass("Phrase de passe d'équipe : ")
    if not typed:
        raise WrongPasswordError("Aucune phrase de passe d'équipe saisie.")
    return action(typed)


def _terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _day(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y") if moment is not None else "date inconnue"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def cmd_team_export(args: argparse.Namespace, paths: AppPaths) -> int:
    """The package of what changed since the last one (or everything, ``--all``), sealed, written to ``--out``."""
    out = Path(args.out)
    if not out.parent.is_dir():
        raise IlotError(f"Le dossier du fichier à écrire n'existe pas\u00a0: {out.parent}")
    if out.is_dir():
        raise IlotError(f"Un dossier porte déjà ce nom\u00a0: {out}. Donnez le nom du paquet à écrire.")
    session, passphrase = _open(paths)
    try:
        result = _with_passphrase(
            passphrase, lambda given: session.team.export_package(out, everything=args.all, passphrase=given)
        )
    finally:
        session.close()
    log.info("team-export: %d records, %d tombstones", result.records, result.tombstones)
    what = "complet" if args.all else "des changements"
    print(f"Paquet d'équipe {what} écrit (chiffré)\u00a0: {result.path}")
    print(f"  {_plural(result.records, 'enregistrement')}, {_plural(result.tombstones, 'effacement')}")
    return EXIT_OK


def cmd_team_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """Take one package in, whole or not at all; the conflicts it leaves are listed (exit 6)."""
    path = Path(args.package)
    if not path.is_file():
        raise IlotError(f"Paquet introuvable\u00a0: {path}")
    session, passphrase = _open(paths)
    try:
        result = _with_passphrase(passphrase, lambda given: session.team.import_package(path, passphrase=given))
        _say_received(result)
        return _conflicts_left(session)
    finally:
        session.close()


def cmd_team_sync(args: argparse.Namespace, paths: AppPaths) -> int:
    """Take in every colleague's new package from the team folder (a refused one never stops the rest), then send
    this laptop's changes there."""
    folder = Path(args.folder) if args.folder else None
    if folder is not None and not folder.is_dir():
        raise IlotError(f"Le dossier d'équipe n'existe pas ou n'est pas joignable\u00a0: {folder}")
    session, passphrase = _open(paths)
    try:
        result = _with_passphrase(passphrase, lambda given: session.team.sync(folder, passphrase=given))
        for received in result.received:
            _say_received(received)
        if not result.received:
            print("Aucun nouveau paquet reçu.")
        if result.sent is not None:
            sent = result.sent
            log.info("team-sync: sent %d records, %d tombstones", sent.records, sent.tombstones)
            print(
                f"Envoyé\u00a0: {_plural(sent.records, 'enregistrement')}, {_plural(sent.tombstones, 'effacement')}"
                f" ({sent.path.name})"
            )
        else:
            print("Rien de nouveau à envoyer.")
        for name, message in result.refused:
            print(f"Paquet refusé ({name})\u00a0: {message}", file=sys.stderr)
        log.info("team-sync: %d packages taken in, %d refused", len(result.received), len(result.refused))
        left = _conflicts_left(session)
    finally:
        session.close()
    if result.needs_passphrase and not result.received:
        print(
            "Saisissez la phrase de passe d'équipe (ILOT_TEAM_PASSPHRASE)\u00a0: sans elle, ces paquets ne peuvent "
            "pas être pris.",
            file=sys.stderr,
        )
        return EXIT_WRONG_PASSWORD
    if result.refused:
        print(
            f"{_plural(len(result.refused), 'paquet')} refusé{'s' if len(result.refused) > 1 else ''}, "
            "les autres ont été reçus.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return left


def cmd_team_conflicts(args: argparse.Namespace, paths: AppPaths) -> int:
    """List the conflicts waiting for a choice: exit 0 when none, 6 when some wait."""
    session, _none = _open(paths, team_passphrase=False)  # listing needs no team key
    try:
        conflicts = session.team.conflicts()
    finally:
        session.close()
    if not conflicts:
        print("Aucun conflit à régler.")
        return EXIT_OK
    print_conflicts(conflicts)
    return EXIT_CONFLICTS


def _say_received(result: ImportResult) -> None:
    log.info(
        "team package from %s: %d new, %d updated, %d unchanged, %d conflicts, %d renumbered, %d erased, "
        "%d anonymised, %d actions joined%s",
        result.from_code,
        result.new,
        result.updated,
        result.unchanged,
        result.conflicts,
        len(result.renumbered),
        result.erased,
        result.anonymised,
        result.joined_actions,
        " (already taken in)" if result.already_taken else "",
    )
    for line in result.summary_lines():
        print(line)


def _conflicts_left(session: VaultSession) -> int:
    conflicts = session.team.conflicts()
    if not conflicts:
        return EXIT_OK
    print_conflicts(conflicts)
    return EXIT_CONFLICTS


def print_conflicts(conflicts: Sequence[Conflict]) -> None:
    """Each conflict field by field, this laptop's value first: on standard output only (it names people)."""
    count = len(conflicts)
    print(f"{_plural(count, 'conflit')} à régler (dans la fenêtre\u00a0: Fichier → Conflits à régler…)\u00a0:")
    for number, conflict in enumerate(conflicts, start=1):
        what = " (supprimé d'un côté, modifié de l'autre)" if conflict.deletion else ""
        print(f"{number}. {conflict.person} — {conflict.record_label} — {conflict.field_label}{what}")
        for value in conflict.values:
            side = "Sur cet ordinateur" if value.here else f"Reçu de {value.by_code} le {_day(value.at)}"
            text = value.text if value.text.strip() else "(vide)"
            lines = text.splitlines() or [text]
            print(f"   {side}\u00a0: {lines[0]}")
            for more in lines[1:]:
                print(f"      {more}")
