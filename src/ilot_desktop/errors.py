"""Errors people can act on, each with a French message and a CLI exit code.

Anything else escaping is a bug: it is logged with a crash report, never shown as a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_WRONG_PASSWORD = 3
EXIT_DAMAGED = 4
EXIT_INVALID = 5
EXIT_IN_USE = 6  # a window is open on the data folder: the command that would write it waits for it to close


class IlotError(Exception):
    """Base class: ``str(error)`` is a French sentence safe to show (no personal data)."""

    exit_code = EXIT_INVALID


class WrongPasswordError(IlotError):
    exit_code = EXIT_WRONG_PASSWORD


class BackupPasswordNeededError(WrongPasswordError):
    """A backup made before a password change: it opens only with the password of its time (or the code)."""


class WrongRecoveryCodeError(IlotError):
    exit_code = EXIT_WRONG_PASSWORD


class TeamPassphraseError(WrongPasswordError):
    """Team work: the team passphrase is wrong, has changed since this laptop last used it, or none was given."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "La phrase de passe d'équipe est incorrecte\u00a0: rien n'a été pris en compte.")


class TeamPackageError(IlotError):
    """Team work: the file is not a team package, is damaged or truncated, or comes from another team."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "Ce paquet d'équipe est endommagé\u00a0: rien n'a été pris en compte.")


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


class DataFolderInUseError(IlotError):
    """A live window holds the data folder's instance lock: a command that writes the vault is refused."""

    exit_code = EXIT_IN_USE


class DataFolderError(IlotError):
    """The chosen data folder cannot be one (a file in its place): a usage error."""

    exit_code = EXIT_USAGE


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
        self.total = getattr(problems, "total", len(self.problems))  # only the first ones may be kept
        count = self.total
        super().__init__(
            f"Classeur refusé : {count} problème{'s' if count > 1 else ''} à corriger ; rien n'a été importé."
        )


def os_error_text(exc: OSError) -> str:
    """What a system error means, in French (``strerror`` is the C library's English)."""
    import errno

    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "le disque est plein : libérez de la place puis réessayez"
    if code == errno.EROFS:
        return "le support est en lecture seule (clé USB verrouillée ?)"
    if code in (errno.EACCES, errno.EPERM):
        return "accès refusé : vérifiez les droits du dossier, ou fermez le fichier s'il est ouvert ailleurs"
    if code == errno.ENOENT:
        return "fichier ou dossier introuvable"
    if code in (errno.ENOTDIR, errno.EISDIR, errno.EEXIST):
        return "un fichier et un dossier portent le même nom à cet endroit"
    if code == errno.ENAMETOOLONG:
        return "le nom ou le chemin est trop long"
    if code in (errno.EIO, getattr(errno, "ENXIO", errno.EIO), getattr(errno, "ENODEV", errno.EIO)):
        return "le support ne répond pas (retiré ou défaillant ?)"
    name = errno.errorcode.get(code or 0)
    return f"erreur du système ({name})" if name else "erreur du système"
