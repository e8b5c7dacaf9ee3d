"""Errors people can act on, each with a French message and a CLI exit code.

Anything else escaping is a bug: it is logged with a crash report, never shown as a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_WRONG_PASSWORD = 3
EXIT_DAMAGED = 4
EXIT_INVALID = 5


class IlotError(Exception):
    """Base class: ``str(error)`` is a French sentence safe to show (no personal data)."""

    exit_code = EXIT_INVALID


class WrongPasswordError(IlotError):
    exit_code = EXIT_WRONG_PASSWORD


class WrongRecoveryCodeError(IlotError):
    exit_code = EXIT_WRONG_PASSWORD


class DamagedVaultError(IlotError):
    """The database file is damaged, truncated, or not an Îlot file at all."""

    exit_code = EXIT_DAMAGED


class KeyFileMissingError(IlotError):
    """The side file holding the password-wrapped key is missing or unreadable."""

    exit_code = EXIT_DAMAGED


class NewerDatabaseError(IlotError):
    exit_code = EXIT_DAMAGED


class VaultExistsError(IlotError):
    exit_code = EXIT_INVALID


class NoVaultError(IlotError):
    exit_code = EXIT_INVALID


class StorageEnvironmentError(IlotError):
    """Disk full, read-only folder, file locked: the environment, not a bug."""

    exit_code = EXIT_DAMAGED


class ValidationError(IlotError):
    """Input refused; ``errors`` maps field names to French messages."""

    exit_code = EXIT_INVALID

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        first = next(iter(self.errors.values()), "Saisie invalide.")
        super().__init__(first if len(self.errors) == 1 else f"{len(self.errors)} champs à corriger. {first}")


class NotFoundError(IlotError):
    exit_code = EXIT_INVALID


class ConflictError(IlotError):
    """A record changed or disappeared between reading and saving."""

    exit_code = EXIT_INVALID


class ImportRejected(IlotError):
    """A workbook refused as a whole: nothing was imported. ``problems`` lists every ``ImportProblem``."""

    exit_code = EXIT_INVALID

    def __init__(self, problems: list):
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(
            f"Classeur refusé : {count} problème{'s' if count > 1 else ''} à corriger ; rien n'a été importé."
        )
