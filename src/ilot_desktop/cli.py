"""Command line: no sub-command opens the window; sub-commands run headless jobs.

Exit codes: 0 done, 2 usage, 3 wrong password, 4 damaged or foreign file (or the disk, the medium, the rights),
5 invalid input, 6 a window is open on the data folder (for a command that writes the vault). The team commands
(``cli_team``) follow shared/design/team.md: 3 also a wrong team passphrase, 5 also a package refused (not a
package, damaged, another team), 6 also « taken in, conflicts left to settle » (listed on standard output).
Messages go to stderr, in French, without personal data.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from ilot_desktop import cli_documents, cli_team, safe_files
from ilot_desktop.cli_console import (
    ENVIRONMENT_ERRNOS,
    ConsoleStream,
    confirm_code_if_shown,
    hold_the_folder,
    utf8_when_redirected,
)
from ilot_desktop.cli_parser import build_parser
from ilot_desktop.errors import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    DataFolderError,
    IlotError,
    StorageEnvironmentError,
    ValidationError,
    os_error_text,
)
from ilot_desktop.logs import setup_logging, write_crash_report
from ilot_desktop.paths import AppPaths, app_paths, data_folder_problem

if TYPE_CHECKING:
    from ilot_desktop.services.vault import VaultSession

ENV_PASSPHRASE = "ILOT_PASSPHRASE"
ENV_RECOVERY_CODE = "ILOT_RECOVERY_CODE"
ENV_NEW_PASSPHRASE = "ILOT_NEW_PASSPHRASE"
ENV_BACKUP_PASSPHRASE = "ILOT_BACKUP_PASSPHRASE"  # restore: the password of the backup's time, if it differs
COUNT_LABELS = {
    "participants": "Participants",
    "appointments": "Rendez-vous",
    "collective_actions": "Actions collectives",
    "barriers": "Freins",
    "tasks": "Tâches",
    "outcomes": "Résultats",
}
log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run, answer in French. A reader that stops early (``| head``) only cuts the output: the work
    goes on to its end and its exit code, without a word about the pipe."""
    saved = sys.stdout, sys.stderr
    utf8_when_redirected(sys.stdout)
    utf8_when_redirected(sys.stderr)
    if sys.stdout is not None:  # None in a windowed build without a console
        sys.stdout = ConsoleStream(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = ConsoleStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, ConsoleStream):
                stream.flush()
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = app_paths(args.data_dir)
    if os.name == "posix":
        os.umask(0o077)  # every file and folder this process creates is the user's alone
    if args.command == "self-test":  # a temporary folder only: no log, no data in the user's folders
        from ilot_desktop.selftest import run_self_test

        return run_self_test(verbose=args.verbose)
    problem = data_folder_problem(paths.data_dir)
    if problem is not None:  # before anything tries to create a log or a vault there
        print(f"Erreur\u00a0: {problem}", file=sys.stderr)
        return DataFolderError.exit_code
    setup_logging(paths.log_file, verbose=args.verbose)
    if args.command is None:
        from ilot_desktop.app import run_gui

        return run_gui(paths)
    for line in safe_files.finish_interrupted_writes(paths.data_dir).messages():  # a write killed last time
        print(line, file=sys.stderr)
    handler = {
        "init": cmd_init,
        "check": cmd_check,
        "backup": cmd_backup,
        "restore": cmd_restore,
        "change-password": cmd_change_password,
        "demo": cmd_demo,
        "action-plan": cli_documents.cmd_action_plan,
        "funder-report": cli_documents.cmd_funder_report,
        "import": cmd_import,
        "export": cmd_export,
        "template": cmd_template,
        "team-export": cli_team.cmd_team_export,
        "team-import": cli_team.cmd_team_import,
        "team-sync": cli_team.cmd_team_sync,
        "team-conflicts": cli_team.cmd_team_conflicts,
    }[args.command]
    try:
        with hold_the_folder(args.command, paths):
            return handler(args, paths)
    except IlotError as error:
        print(f"Erreur\u00a0: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        if exc.errno not in ENVIRONMENT_ERRNOS:
            return _unexpected(exc, paths)
        log.warning("%s stopped by the environment (%s)", args.command, errno.errorcode.get(exc.errno or 0))
        text = os_error_text(exc)
        print(f"Erreur\u00a0: {text[0].upper()}{text[1:]}.", file=sys.stderr)
        return StorageEnvironmentError.exit_code
    except Exception as exc:  # a bug: report it without personal data
        return _unexpected(exc, paths)


def _unexpected(exc: BaseException, paths: AppPaths) -> int:
    report = write_crash_report(paths.crash_dir, exc)
    where = f" Rapport\u00a0: {report}" if report else ""
    print(f"Erreur inattendue (un défaut du programme).{where}", file=sys.stderr)
    return 1


def read_password(confirm: bool) -> str:
    """From $ILOT_PASSPHRASE, else standard input (asked twice on a terminal when creating)."""
    value = os.environ.get(ENV_PASSPHRASE)
    if value is not None:
        return value
    if sys.stdin is None:
        raise IlotError("Aucun mot de passe fourni (variable ILOT_PASSPHRASE ou entrée standard).")
    if sys.stdin.isatty():
        first = getpass.getpass("Mot de passe : ")
        if confirm and getpass.getpass("Confirmez le mot de passe : ") != first:
            raise IlotError("Les deux saisies du mot de passe sont différentes.")
        return first
    line = sys.stdin.readline()
    if not line:
        raise IlotError("Aucun mot de passe fourni (variable ILOT_PASSPHRASE ou entrée standard).")
    return line.rstrip("\r\n")


def _create(args: argparse.Namespace, paths: AppPaths, with_demo: bool, laptop_code: str = "") -> int:
    """Create the vault, then show the recovery code at once: whatever fails later, it is not lost."""
    from ilot_desktop.services import vault

    laptop_code = _checked_laptop_code(laptop_code)  # before anything is created
    sheet = Path(args.recovery_sheet) if args.recovery_sheet else None
    if sheet is not None and not sheet.parent.is_dir():
        raise IlotError(f"Le dossier de la feuille de secours n'existe pas : {sheet.parent}")
    if sheet is not None:
        try:
            vault.require_sheet_outside(sheet, paths.data_dir)  # the window's rule and message
        except ValidationError as error:
            raise ValidationError({"recovery_sheet": f"{error} Rien n'a été créé."}) from None
    session, code = vault.create(paths.data_dir, read_password(confirm=True), code_pending=True)
    try:
        # the code on the first line: whatever reads only the beginning (``| head -1``) still shows it
        print(f"Code de secours (à garder au coffre du bureau, il ne sera plus affiché)\u00a0: {code}", flush=True)
        print(f"Fichier chiffré créé dans {paths.data_dir}")
        confirm_code_if_shown(vault, paths.data_dir)
        if not with_demo:
            _say_laptop_code(session, laptop_code)
        if sheet is not None:
            try:
                session.write_recovery_sheet(sheet, code)  # and the access log says so
            except IlotError as error:  # the safe writer's French reason (disk full, read-only, folder gone)
                print(
                    f"Erreur\u00a0: la feuille de secours n'a pas pu être écrite\u00a0; recopiez le code ci-dessus. "
                    f"{error}",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            print(f"Feuille de secours écrite : {sheet}")
        if with_demo:
            from ilot_desktop.services.demo import fill_with_demo_data

            count = fill_with_demo_data(session)
            print(f"{count} dossiers fictifs créés.")
    finally:
        session.close()
    return EXIT_OK


def _say_laptop_code(session: VaultSession, code: str) -> None:
    """Store the code chosen with ``--laptop-code`` and show the first number it gives; without one, say how
    new files are numbered and where to choose a code."""
    if code:
        session.participants.set_laptop_code(code)
    first = session.participants.new_draft().file_number
    if code:
        print(f"Code de cet ordinateur\u00a0: {code} (premier numéro de dossier\u00a0: {first})")
    else:
        print(
            f"Sans code d'ordinateur, les nouveaux dossiers sont numérotés sans initiales ({first})\u00a0: en équipe, "
            "choisissez-en un dans la fenêtre (Fichier → Préférences…)."
        )


def _checked_laptop_code(text: str) -> str:
    """``--laptop-code`` cleaned (« ab » is ``AB``), or ValidationError in French: nothing is created then."""
    from ilot_desktop.domain.participant import clean_laptop_code, laptop_code_problem

    code = clean_laptop_code(text)
    problem = laptop_code_problem(code)
    if problem is not None:
        raise ValidationError({"laptop_code": f"{problem} Rien n'a été créé."})
    return code


def cmd_init(args: argparse.Namespace, paths: AppPaths) -> int:
    return _create(args, paths, with_demo=False, laptop_code=args.laptop_code)


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    return _create(args, paths, with_demo=True)


def cmd_change_password(args: argparse.Namespace, paths: AppPaths) -> int:
    """A new data key under the new password (the file re-keyed); the recovery code stays valid."""
    from ilot_desktop.services import vault

    current = read_password(confirm=False)
    new = os.environ.get(ENV_NEW_PASSPHRASE)
    if new is None:
        if sys.stdin is not None and sys.stdin.isatty():
            new = getpass.getpass("Nouveau mot de passe : ")
            if getpass.getpass("Confirmez le nouveau mot de passe : ") != new:
                raise IlotError("Les deux saisies du nouveau mot de passe sont différentes.")
        else:
            line = sys.stdin.readline() if sys.stdin is not None else ""
            if not line:
                raise IlotError("Aucun nouveau mot de passe fourni (ILOT_NEW_PASSPHRASE ou 2e ligne de l'entrée).")
            new = line.rstrip("\r\n")
    change = vault.change_password(
        paths.data_dir, current, new, old_backups=vault.OldBackups(args.anciennes_sauvegardes)
    )
    for line in change.summary_lines():
        print(line)
    if change.recovery_code is not None:
        print("Nouveau code de secours (à conserver dans le coffre du bureau, il ne sera plus affiché)\u00a0:")
        print(change.recovery_code, flush=True)
        confirm_code_if_shown(vault, paths.data_dir)
    return EXIT_OK


def read_recovery_code() -> str:
    """From $ILOT_RECOVERY_CODE, else standard input (hidden on a terminal)."""
    value = os.environ.get(ENV_RECOVERY_CODE)
    if value is not None:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("Code de secours : ")
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise IlotError("Aucun code de secours fourni (variable ILOT_RECOVERY_CODE ou entrée standard).")
    return line.rstrip("\r\n")


class _Secret(TypedDict, total=False):
    """What opens the vault, as keyword arguments: its password, or its recovery code."""

    password: str
    recovery_code: str


def _secret(args: argparse.Namespace) -> _Secret:
    if args.recovery_code:
        return {"recovery_code": read_recovery_code()}
    return {"password": read_password(confirm=False)}


def cmd_check(args: argparse.Namespace, paths: AppPaths) -> int:
    from ilot_desktop.errors import EXIT_DAMAGED
    from ilot_desktop.services import vault

    if args.backup:
        from ilot_desktop.services.backup import check_backup

        where = Path(args.backup)
        report = check_backup(where, vault_folder=paths.data_dir, **_secret(args))
    else:
        where = paths.data_dir
        # Nothing is written into the file before its full check has passed: the opening is logged after it.
        if args.recovery_code:
            session = vault.unlock_with_recovery_code(paths.data_dir, read_recovery_code(), audit=False)
        else:
            session = vault.unlock(paths.data_dir, read_password(confirm=False), audit=False)
        try:
            report = session.check(full=True)
            if vault.recovery_code_pending(paths.data_dir):
                print(
                    "Attention\u00a0: le code de secours de ce fichier n'a peut-être jamais été noté (arrêt pendant "
                    "son affichage). Créez-en un nouveau dans l'application (Fichier → Nouveau code de secours).",
                    file=sys.stderr,
                )
            if report.ok:
                session.record_opening("avec le code de secours" if args.recovery_code else "")
        finally:
            session.close()
    print(f"Dossier : {where}")
    print(f"Version du schéma : {report.schema_version}")
    print(f"Taille du fichier : {report.size_bytes / 1024:.0f} Kio")
    for name, count in report.counts.items():
        print(f"{COUNT_LABELS.get(name, name)} : {count}")
    if report.ok:
        print("Intégrité : correcte.")
        return EXIT_OK
    print(f"Intégrité : {len(report.problems)} problème(s) détecté(s).", file=sys.stderr)
    for problem in report.problems[:20]:
        print(f"  - {problem}", file=sys.stderr)
    return EXIT_DAMAGED


def cmd_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    """A verified encrypted copy: the same password and the same recovery code open it."""
    from ilot_desktop.services import vault

    out = Path(args.out) if args.out else None
    if out is not None and not out.is_dir():
        raise IlotError(f"Le dossier de la sauvegarde n'existe pas : {out}")
    session = vault.unlock(paths.data_dir, read_password(confirm=False))
    try:
        written = session.backups.write(out)
    finally:
        session.close()
    print(written)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    """Check a backup, keep the current file aside, put the backup in place."""
    from ilot_desktop.services.backup import restore

    kept = restore(
        paths.data_dir, Path(args.backup), backup_password=os.environ.get(ENV_BACKUP_PASSPHRASE), **_secret(args)
    )
    print("Sauvegarde vérifiée et remise en place, rechiffrée avec la clé actuelle du fichier.")
    print("Elle s'ouvre avec le mot de passe actuel et le code de secours actuel.")
    if kept is not None:
        print(f"Le fichier remplacé est gardé dans : {kept}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    """Import a team's workbook whole, or nothing: exit 5 and every problem on stderr when refused."""
    from ilot_desktop.errors import ImportRejected
    from ilot_desktop.services import vault

    session = vault.unlock(paths.data_dir, read_password(confirm=False))
    try:
        result = session.exchange.apply(Path(args.workbook))
    except ImportRejected as rejected:
        from ilot_desktop.domain.exchange import more_problems_line

        print(f"Erreur : {rejected}", file=sys.stderr)
        for problem in rejected.problems:  # the first 200; the others counted on the last line
            print(f"  - {problem}", file=sys.stderr)
        if more := more_problems_line(rejected.problems, rejected.total):
            print(f"  {more}", file=sys.stderr)
        return rejected.exit_code
    finally:
        session.close()
    for duplicate in result.duplicates:  # likely duplicates first: imported, but to check
        print(f"Doublon probable : {duplicate}", file=sys.stderr)
    for warning in result.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    print(f"Classeur importé : {result.created} enregistrement(s) créé(s), {result.updated} mis à jour.")
    for line in result.summary_lines():
        print(f"  {line}")
    return EXIT_OK


def _check_out_folder(out: Path) -> None:
    if not out.parent.is_dir():
        raise IlotError(f"Le dossier du fichier à écrire n'existe pas : {out.parent}")


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    """Everything in the clear: said on stderr, every time."""
    from ilot_desktop.services import vault

    out = Path(args.workbook)
    _check_out_folder(out)
    session = vault.unlock(paths.data_dir, read_password(confirm=False))
    try:
        counts = session.exchange.export_all(out)
    finally:
        session.close()
    print(
        "Attention : ce classeur contient les noms et des données sensibles EN CLAIR (dates de naissance, "
        "situation judiciaire, comptes rendus). Rangez-le sur un support chiffré ou supprimez-le dès qu'il a "
        "servi ; ne l'envoyez jamais par e-mail.",
        file=sys.stderr,
    )
    print(f"Classeur écrit : {out}")
    for sheet, count in counts.items():
        print(f"  {sheet} : {count} ligne(s)")
    return EXIT_OK


def cmd_template(args: argparse.Namespace, paths: AppPaths) -> int:
    """The blank workbook to fill by hand; no vault needed."""
    from ilot_desktop.reports.workbook import write_template

    out = Path(args.workbook)
    _check_out_folder(out)
    write_template(out)
    print(f"Modèle vide écrit : {out}")
    return EXIT_OK
