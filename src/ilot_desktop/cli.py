"""Command line: no sub-command opens the window; sub-commands run headless jobs.

Exit codes: 0 done, 2 usage, 3 wrong password, 4 damaged or foreign file, 5 invalid input.
Messages go to stderr, in French, without personal data.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ilot_desktop import __version__, cli_french
from ilot_desktop.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, IlotError
from ilot_desktop.logs import setup_logging, write_crash_report
from ilot_desktop.paths import ENV_DATA_DIR, AppPaths, app_paths

ENV_PASSPHRASE = "ILOT_PASSPHRASE"
COUNT_LABELS = {
    "participants": "Participants",
    "appointments": "Rendez-vous",
    "collective_actions": "Actions collectives",
    "barriers": "Freins",
    "tasks": "Tâches",
    "outcomes": "Résultats",
}
log = logging.getLogger(__name__)


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str):  # pragma: no cover - exercised through main()
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur d'utilisation : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    cli_french.install()
    parser = FrenchParser(
        prog="ilot-desktop",
        description="Îlot desktop : l'outil des chargées de mission du dispositif Dynamiques Emploi. "
        "Sans commande, ouvre la fenêtre.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Îlot desktop {__version__}",
        help="affiche la version et quitte",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help=f"dossier des données (sinon ${ENV_DATA_DIR}, sinon le dossier habituel de l'utilisateur)",
    )
    parser.add_argument("--verbose", action="store_true", help="journal détaillé (sans données personnelles)")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)

    init = commands.add_parser(
        "init", help="créer le fichier chiffré (mot de passe : $ILOT_PASSPHRASE ou entrée)"
    )
    init.add_argument(
        "--recovery-sheet", metavar="FICHIER.pdf", help="écrire aussi la feuille de secours en PDF"
    )

    commands.add_parser("check", help="vérifier tout le fichier chiffré et afficher ce qu'il contient")

    demo = commands.add_parser("demo", help="créer un fichier chiffré rempli de personnes fictives")
    demo.add_argument(
        "--recovery-sheet", metavar="FICHIER.pdf", help="écrire aussi la feuille de secours en PDF"
    )

    plan = commands.add_parser(
        "action-plan", help="écrire en PDF le plan d'action d'une personne (mot de passe comme pour check)"
    )
    plan.add_argument("file_number", metavar="N°_DOSSIER", help="numéro du dossier, par exemple DE-2026-001")
    plan.add_argument("--out", metavar="FICHIER.pdf", required=True, help="fichier PDF à écrire")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = app_paths(args.data_dir)
    if os.name == "posix":
        os.umask(0o077)  # every file and folder this process creates is the user's alone
    setup_logging(paths.log_file, verbose=args.verbose)
    if args.command is None:
        from ilot_desktop.app import run_gui

        return run_gui(paths)
    handler = {"init": cmd_init, "check": cmd_check, "demo": cmd_demo, "action-plan": cmd_action_plan}[
        args.command
    ]
    try:
        return handler(args, paths)
    except IlotError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: report it without personal data
        report = write_crash_report(paths.crash_dir, exc)
        where = f" Rapport : {report}" if report else ""
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
        first = getpass.getpass("Mot de passe : ")
        if confirm and getpass.getpass("Confirmez le mot de passe : ") != first:
            raise IlotError("Les deux saisies du mot de passe sont différentes.")
        return first
    line = sys.stdin.readline()
    if not line:
        raise IlotError("Aucun mot de passe fourni (variable ILOT_PASSPHRASE ou entrée standard).")
    return line.rstrip("\r\n")


def _create(args: argparse.Namespace, paths: AppPaths, with_demo: bool) -> int:
    """Create the vault, then show the recovery code at once: whatever fails later, it is not lost."""
    from ilot_desktop.services import vault

    sheet = Path(args.recovery_sheet) if args.recovery_sheet else None
    if sheet is not None and not sheet.parent.is_dir():
        raise IlotError(f"Le dossier de la feuille de secours n'existe pas : {sheet.parent}")
    session, code = vault.create(paths.data_dir, read_password(confirm=True))
    try:
        print(f"Fichier chiffré créé dans {paths.data_dir}")
        print("Code de secours (à conserver dans le coffre du bureau, il ne sera plus affiché) :")
        print(code, flush=True)
        if sheet is not None:
            from ilot_desktop.reports.recovery_sheet import write_recovery_sheet

            try:
                write_recovery_sheet(sheet, code, date.today(), str(paths.data_dir))
            except OSError:
                print(
                    "Erreur : la feuille de secours n'a pas pu être écrite ; recopiez le code ci-dessus.",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            print(f"Feuille de secours écrite : {sheet}")
        if with_demo:
            from ilot_desktop.services.demo import fill_with_demo_data

            count = fill_with_demo_data(session)
            print(f"{count} dossiers fictifs créés.")
    finally:
        session.close()
    return EXIT_OK


def cmd_init(args: argparse.Namespace, paths: AppPaths) -> int:
    return _create(args, paths, with_demo=False)


def cmd_demo(args: argparse.Namespace, paths: AppPaths) -> int:
    return _create(args, paths, with_demo=True)


def cmd_check(args: argparse.Namespace, paths: AppPaths) -> int:
    from ilot_desktop.errors import EXIT_DAMAGED
    from ilot_desktop.services import vault

    session = vault.unlock(paths.data_dir, read_password(confirm=False))
    try:
        report = session.check(full=True)
    finally:
        session.close()
    print(f"Dossier : {paths.data_dir}")
    print(f"Version du schéma : {report.schema_version}")
    print(f"Taille du fichier : {report.size_bytes / 1024:.0f} Kio")
    for name, count in report.counts.items():
        print(f"{COUNT_LABELS.get(name, name)} : {count}")
    if report.ok:
        print("Intégrité : correcte.")
        return EXIT_OK
    print(f"Intégrité : {len(report.problems)} problème(s) détecté(s).", file=sys.stderr)
    for problem in report.problems[:20]:
        print(f"  - {problem}", file=sys.stderr)
    return EXIT_DAMAGED


def cmd_action_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    """The printed plan of one participant, found by file number, written as a PDF."""
    from ilot_desktop.errors import NotFoundError, StorageEnvironmentError
    from ilot_desktop.services import vault

    out = Path(args.out)
    if not out.parent.is_dir():
        raise IlotError(f"Le dossier du fichier à écrire n'existe pas : {out.parent}")
    session = vault.unlock(paths.data_dir, read_password(confirm=False))
    try:
        participant = session.participants.by_file_number(args.file_number)
        if participant is None:
            raise NotFoundError(f"Aucun dossier {args.file_number.strip()}.")
        document = session.plan.document(participant.id)
    finally:
        session.close()
    from ilot_desktop.reports.action_plan import write_action_plan

    try:
        write_action_plan(out, document)
    except OSError as exc:
        raise StorageEnvironmentError(f"Le plan d'action n'a pas pu être écrit ({exc.strerror}).") from exc
    print(f"Plan d'action écrit : {out}")
    return EXIT_OK
