"""argparse in French: its own words ("usage:", "options", errors) go through gettext's ``_``."""

from __future__ import annotations

import argparse

FRENCH = {
    "usage: ": "utilisation : ",
    # argparse writes "<title>:" ; the no-break space gives French "options :".
    "positional arguments": "commandes\u00a0",
    "options": "options\u00a0",
    "show this help message and exit": "affiche cette aide et quitte",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": ("option ambiguë : %(option)s peut être %(matches)s"),
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": ("choix invalide : %(value)r (possibles : %(choices)s)"),
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unexpected option string: %s": "option inattendue : %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    # --verbose=1: an option without a value given one
    "ignored explicit argument %r": "cette option ne prend pas de valeur (reçu %r)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande inconnue : %(parser_name)r (possibles : %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "subcommands": "commandes",
    # wordings of newer Pythons (3.11.9 and later: the Windows build's CPython)
    "show program's version number and exit": "affiche la version du programme et quitte",
    " (default: %(default)s)": " (par défaut\u00a0: %(default)s)",
    # the titles above end with their no-break space already: "options\u00a0" + ":"
    "%(heading)s:": "%(heading)s:",
    'argument "-" with mode %r': "argument « - » avec le mode %r",
    "argument '-' with mode %r": "argument « - » avec le mode %r",
    "option '%(option)s' is deprecated": "l'option « %(option)s » est dépréciée",
    "command '%(parser_name)s' is deprecated": "la commande « %(parser_name)s » est dépréciée",
    "argument '%(argument_name)s' is deprecated": "l'argument « %(argument_name)s » est déprécié",
}


def _french(message: str) -> str:
    return FRENCH.get(message, message)


def _french_plural(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "%s valeur attendue" if count == 1 else "%s valeurs attendues"
    return singular if count == 1 else plural


def install() -> None:
    """Make argparse speak French for this process (it looks ``_`` up at call time)."""
    argparse._ = _french  # type: ignore[attr-defined]
    argparse.ngettext = _french_plural  # type: ignore[attr-defined]
