"""The command line's grammar: the commands, their options and their help, in French (``cli_french`` translates
argparse's own words). Split from ``cli.py``, which runs the commands; nothing happens at import time.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from ilot_desktop import __version__, cli_french
from ilot_desktop.errors import EXIT_USAGE
from ilot_desktop.paths import ENV_DATA_DIR

RECOVERY_CODE_HELP = "ouvrir avec le code de secours ($ILOT_RECOVERY_CODE ou entrée) plutôt que le mot de passe"


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # pragma: no cover - exercised through main()
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur d'utilisation : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    cli_french.install()
    parser = FrenchParser(
        prog="ilot-desktop",
        description="Îlot desktop : l'outil des chargées de mission du dispositif Dynamiques Emploi. "
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

    init = commands.add_parser("init", help="créer le fichier chiffré (mot de passe : $ILOT_PASSPHRASE ou entrée)")
    init.add_argument("--recovery-sheet", metavar="FICHIER.pdf", help="écrire aussi la feuille de secours en PDF")
    init.add_argument(
        "--laptop-code",
        metavar="CODE",
        default="",
        help="code de cet ordinateur dans les nouveaux numéros de dossier (DE-2026-AB-001) : 2 à 4 lettres "
        "majuscules, par exemple vos initiales, différent pour chaque collègue de l'équipe",
    )

    check = commands.add_parser("check", help="vérifier tout le fichier chiffré et afficher ce qu'il contient")
    check.add_argument("--backup", metavar="DOSSIER", help="vérifier cette sauvegarde (lue sans être modifiée)")
    check.add_argument("--recovery-code", action="store_true", help=RECOVERY_CODE_HELP)
    backup = commands.add_parser(
        "backup", help="écrire une sauvegarde chiffrée vérifiée (mot de passe comme pour check) et afficher où"
    )
    backup.add_argument(
        "--out", metavar="DOSSIER", help="dossier où la créer (une clé USB…) ; sinon dans sauvegardes/ du dossier"
    )
    restore = commands.add_parser(
        "restore",
        help="remettre une sauvegarde en place (vérifiée d'abord ; le fichier actuel est gardé dans sauvegardes/)",
    )
    restore.add_argument(
        "backup",
        metavar="DOSSIER",
        help="dossier de la sauvegarde (qui contient ilot.db)\u00a0; mot de passe actuel du fichier dans "
        "$ILOT_PASSPHRASE, et celui de l'époque de la sauvegarde dans $ILOT_BACKUP_PASSPHRASE si elle date d'avant "
        "un changement",
    )
    restore.add_argument("--recovery-code", action="store_true", help=RECOVERY_CODE_HELP)
    change = commands.add_parser(
        "change-password",
        help="changer le mot de passe (actuel\u00a0: $ILOT_PASSPHRASE ou 1re ligne\u00a0; nouveau\u00a0: "
        "$ILOT_NEW_PASSPHRASE ou 2e ligne de l'entrée)\u00a0; le fichier est rechiffré avec une nouvelle clé",
    )
    change.add_argument(
        "--anciennes-sauvegardes",
        choices=("rechiffrer", "supprimer", "garder"),
        default="rechiffrer",
        help="les sauvegardes de sauvegardes/ faites avec l'ancien mot de passe\u00a0: les rechiffrer avec le "
        "nouveau (par défaut), les supprimer, ou les garder (elles s'ouvrent avec l'ancien)",
    )

    demo = commands.add_parser("demo", help="créer un fichier chiffré rempli de personnes fictives")
    demo.add_argument("--recovery-sheet", metavar="FICHIER.pdf", help="écrire aussi la feuille de secours en PDF")

    plan = commands.add_parser(
        "action-plan", help="écrire en PDF le plan d'action d'une personne (mot de passe comme pour check)"
    )
    plan.add_argument(
        "file_number", metavar="N°_DOSSIER", help="numéro du dossier, par exemple DE-2026-001 ou DE-2026-AB-001"
    )
    plan.add_argument("--out", metavar="FICHIER.pdf", required=True, help="fichier PDF à écrire")

    funder = commands.add_parser(
        "funder-report",
        help="écrire le bilan annuel pour la Ville de Paris (.xlsx ; mot de passe comme pour check)",
    )
    funder.add_argument("--year", metavar="ANNÉE", required=True, help="année du bilan, par exemple 2025")
    funder.add_argument(
        "--as-of",
        metavar="DATE",
        help="date d'arrêté des chiffres (2025-11-30 ou 30/11/2025 ; par défaut le 31 décembre de l'année)",
    )
    funder.add_argument("--out", metavar="BILAN.xlsx", required=True, help="classeur .xlsx à écrire")
    funder.add_argument("--pdf", metavar="BILAN.pdf", help="écrire aussi la synthèse en PDF")
    funder.add_argument(
        "--pseudonymise",
        action="store_true",
        help="ajouter les lignes pseudonymisées (code aléatoire, tranche d'âge, mois ; non par défaut)",
    )

    imported = commands.add_parser(
        "import", help="importer un classeur d'échange .xlsx, tout ou rien (mot de passe comme pour check)"
    )
    imported.add_argument("workbook", metavar="CLASSEUR.xlsx", help="classeur à importer")
    exported = commands.add_parser(
        "export",
        help="exporter tous les dossiers EN CLAIR dans un classeur .xlsx (mot de passe comme pour check)",
    )
    exported.add_argument("workbook", metavar="CLASSEUR.xlsx", help="classeur à écrire")
    template = commands.add_parser("template", help="écrire le modèle vide du classeur d'échange (.xlsx)")
    template.add_argument("workbook", metavar="CLASSEUR.xlsx", help="classeur à écrire")
    add_team_commands(commands)
    commands.add_parser(
        "self-test",
        help="vérifier que l'installation fonctionne (fichier chiffré, PDF, classeurs, Qt), dans un dossier "
        "temporaire avec une personne fictive ; les données réelles ne sont pas touchées",
    )
    return parser


TEAM_PASSPHRASE_HELP = (
    "phrase de passe d'équipe\u00a0: $ILOT_TEAM_PASSPHRASE ou ligne suivant le mot de passe sur l'entrée\u00a0; "
    "sinon celle enregistrée sur cet ordinateur"
)


def add_team_commands(commands: argparse._SubParsersAction) -> None:
    """Team work between laptops (docs/team.md): sealed packages, a team folder, the conflicts to settle."""
    export = commands.add_parser(
        "team-export",
        help="écrire un paquet d'équipe chiffré de ce qui a changé depuis le dernier envoi (mot de passe comme "
        f"pour check\u00a0; {TEAM_PASSPHRASE_HELP})",
    )
    export.add_argument("--out", metavar="PAQUET", required=True, help="fichier du paquet à écrire (.ilotpkg)")
    export.add_argument(
        "--all", action="store_true", help="mettre tous les dossiers dans le paquet, pas seulement les changements"
    )
    received = commands.add_parser(
        "team-import",
        help="recevoir un paquet d'équipe, tout ou rien\u00a0; sortie 6 et liste des conflits s'il en reste",
    )
    received.add_argument("package", metavar="PAQUET", help="paquet d'équipe à recevoir (.ilotpkg)")
    sync = commands.add_parser(
        "team-sync",
        help="envoyer et recevoir par le dossier d'équipe (un paquet refusé n'arrête pas les autres\u00a0: sortie 5)",
    )
    sync.add_argument(
        "folder",
        metavar="DOSSIER",
        nargs="?",
        help="dossier d'équipe synchronisé (OneDrive, Nextcloud, partage réseau, clé USB)\u00a0; par défaut celui "
        "choisi dans Préférences",
    )
    commands.add_parser(
        "team-conflicts",
        help="lister les conflits à régler (sortie 0 s'il n'y en a aucun, 6 sinon)\u00a0; ils se règlent dans la "
        "fenêtre",
    )
