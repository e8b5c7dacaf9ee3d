"""Create, unlock and lock a vault; the handle the window and the CLI hold while it is open."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.password import check_password
from ilot_desktop.errors import (
    DamagedVaultError,
    KeyFileMissingError,
    StorageEnvironmentError,
    ValidationError,
    WrongRecoveryCodeError,
)
from ilot_desktop.paths import is_inside
from ilot_desktop.services.check_report import CheckReport
from ilot_desktop.services.clock import as_clock
from ilot_desktop.storage import keys
from ilot_desktop.storage import vault as storage_vault
from ilot_desktop.storage.vault import VaultPaths

if TYPE_CHECKING:  # imported when a vault is opened: SQLAlchemy and Alembic are not needed to show the start pages
    from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)

Clock = Callable[[], date]  # gives today's date; a services.clock.SessionClock also gives the moment


@dataclass(frozen=True)
class VaultStatus:
    """What the first screen needs to know about a folder, without opening anything."""

    folder: Path
    exists: bool
    has_keyfile: bool


class VaultSession:
    """An unlocked vault. ``close()`` drops every decrypted handle (used by locking)."""

    def __init__(self, database: Database, clock: Clock = date.today) -> None:
        from ilot_desktop.services.actions import ActionService
        from ilot_desktop.services.audit import AuditService
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

        self._database = database
        self.folder = database.paths.folder
        self.clock = clock = as_clock(clock)
        self.participants = ParticipantService(database, clock)
        self.followup = FollowUpService(database, clock)
        self.actions = ActionService(database, clock)
        self.barriers = BarrierService(database, clock)
        self.plan = PlanService(database, clock)
        self.outcomes = OutcomeService(database, clock)
        self.exchange = ExchangeService(database, clock)
        self.indicators = IndicatorService(database, clock)
        self.funder = FunderService(database, clock)
        self.backups = BackupService(database, clock)
        self.audit = AuditService(database, clock)
        self.privacy = PrivacyService(database, clock)
        self.team = TeamService(database, clock)
        self._audited = False  # the opening was logged: the closing will be too
        self.issued_recovery_code: str | None = None  # a new code drawn while opening, to show once

    @property
    def is_open(self) -> bool:
        return self._database.engine is not None

    @property
    def is_demonstration(self) -> bool:
        """The vault holds the demonstration's fictional people (its durable mark: ``services/demo_marker``)."""
        from ilot_desktop.services.demo_marker import is_demonstration

        return is_demonstration(self._database)

    @property
    def migration_backup(self) -> str | None:
        return self._database.migration_backup

    def check(self, full: bool = True) -> CheckReport:
        problems = self._database.integrity_problems(full=full)
        return CheckReport(
            schema_version=self._database.schema_version(),
            counts={} if problems else self._database.counts(),
            problems=problems,
            size_bytes=self._database.paths.db.stat().st_size,
        )

    def keep_draft(self, name: str, text: str) -> None:
        """Unsaved typing kept inside the encrypted file (auto-lock), to be offered back after unlock."""
        with self._database.unit_of_work() as uow:
            uow.settings.set(f"brouillon:{name}", text)
            uow.commit()

    def take_draft(self, name: str) -> str | None:
        """The kept draft, removed from the file as it is handed back."""
        with self._database.unit_of_work() as uow:
            text = uow.settings.get(f"brouillon:{name}")
            if text is not None:
                uow.settings.delete(f"brouillon:{name}")
                uow.commit()
        return text

    def write_recovery_sheet(self, out: Path, code: str) -> None:
        """The recovery sheet of this vault's code written to ``out`` (a USB key, a folder other than the data
        folder: ``require_sheet_outside``), and the access log says so. Every failure is an IlotError in French
        (the data folder refused, the safe writer's reason: disk full, read-only, folder gone)."""
        from ilot_desktop import safe_files
        from ilot_desktop.reports.recovery_sheet import write_recovery_sheet
        from ilot_desktop.services.audit import record_after

        require_sheet_outside(out, self.folder)
        try:
            write_recovery_sheet(out, code, self.clock(), str(self.folder))
        except OSError as exc:  # the writer already speaks French; anything else it let through, in its words
            raise safe_files.environment_error(exc, Path(out).parent) from exc
        record_after(self._database, self.clock, AuditAction.RECOVERY_SHEET_SAVED)

    def recovery_sheet_pdf(self, code: str) -> bytes:
        """The same recovery sheet as PDF bytes in memory, for printing: never written to any file (the code opens
        every record). The access log says a sheet was printed once the printer has it (``recovery_sheet_printed``)."""
        from ilot_desktop.reports.recovery_sheet import recovery_sheet_pdf

        return recovery_sheet_pdf(code, self.clock(), str(self.folder))

    def recovery_sheet_printed(self) -> None:
        from ilot_desktop.services.audit import record_after

        record_after(self._database, self.clock, AuditAction.RECOVERY_SHEET_PRINTED)

    def close(self) -> None:
        if self._audited and self.is_open:
            self._audited = False
            try:
                self.audit.record(AuditAction.VAULT_LOCKED)
            except Exception as exc:  # locking must always drop the decrypted state
                log.warning("access log: closing not recorded (%s)", type(exc).__name__)
        self.indicators.forget()  # the years' facts kept for the Bilan (services/indicators.py)
        self._database.close()

    def record_opening(self, detail: str = "") -> None:
        """For a session opened with ``audit=False``: the opening logged (and the log purged) now, once the
        caller's own verification has passed (``check``: the full integrity check)."""
        if not self._audited:
            self._start_audit(AuditAction.VAULT_OPENED, detail)

    def _start_audit(self, action: AuditAction, detail: str = "") -> None:
        """At unlock: purge the access log of events older than 12 months, then log the opening.

        A copy on read-only media still opens, without its log being written.
        """
        try:
            self.audit.purge()
        except StorageEnvironmentError:
            log.warning("access log not written at unlock (read-only file?)")
            return
        self._audited = self.audit.record(action, detail=detail)


SHEET_IN_DATA_FOLDER = (
    "Ne rangez pas la feuille de secours avec le fichier chiffré\u00a0: elle permet de l'ouvrir. Choisissez une "
    "clé USB ou un autre dossier (hors du dossier des données), puis imprimez-la."
)


def require_sheet_outside(out: Path, data_folder: Path) -> None:
    """The one rule for where a recovery sheet may go (the window and the console): never in the data folder
    nor under it, since it opens the file (links followed, ``..`` resolved, case ignored where the system
    ignores it: ``paths.is_inside``). ValidationError (``recovery_sheet``) otherwise."""
    if is_inside(out, data_folder):
        raise ValidationError({"recovery_sheet": SHEET_IN_DATA_FOLDER})


RECOVERY_CODE_CHARS = keys.CODE_GROUPS * 4  # without the dashes


def recovery_code_problem(code: str) -> str | None:
    """What is wrong with the form of a typed recovery code (its length, a character, a typo found by its
    checksum), in French; None once it is complete and well formed. Whether it opens this file is known only by
    trying it (``unlock_with_recovery_code``)."""
    try:
        keys.decode_recovery_code(code)
    except WrongRecoveryCodeError as error:
        return str(error)
    return None


def library_versions() -> dict[str, str]:
    """The encryption library's versions, for the "À propos" window and bug reports."""
    from ilot_desktop.storage.engine import library_versions as read

    return read()


def status(folder: Path) -> VaultStatus:
    paths = VaultPaths(folder)
    return VaultStatus(folder=folder, exists=paths.exists(), has_keyfile=paths.keyfile.exists())


def _open(
    paths: VaultPaths,
    key: bytes,
    clock: Clock,
    quick_check: bool,
    action: AuditAction = AuditAction.VAULT_OPENED,
    detail: str = "",
    audit: bool = True,
) -> VaultSession:
    from ilot_desktop.storage.database import Database

    session = VaultSession(Database.open(paths, key, as_clock(clock).now), clock)
    if quick_check:
        problems = session._database.integrity_problems(full=False)
        if problems:
            session.close()
            log.warning("quick check failed at unlock (%d problems)", len(problems))
            raise DamagedVaultError(
                "Le fichier de données est endommagé (contrôle d'intégrité en échec). Ne le modifiez pas : "
                "gardez une copie du dossier et prévenez l'équipe qui maintient l'application."
            )
    if not audit:
        return session
    try:
        session._start_audit(action, detail)  # after the migrations and the check: never into a damaged file
    except Exception:
        session.close()
        raise
    return session


def create(
    folder: Path,
    password: str,
    clock: Clock = date.today,
    kdf: keys.KdfParams | None = None,
    code_pending: bool = False,
) -> tuple[VaultSession, str]:
    """A new empty vault; returns the open session and the recovery code to show once. ``code_pending``: the
    key file says the code was not yet seen until ``confirm_recovery_code`` (the window and the console)."""
    _require_acceptable(password, clock())
    paths = VaultPaths(folder)
    key, code = storage_vault.create_vault(paths, password, kdf, code_pending)
    return _open(paths, key, clock, quick_check=False, action=AuditAction.VAULT_CREATED), code


def unlock(folder: Path, password: str, clock: Clock = date.today, audit: bool = True) -> VaultSession:
    """``audit=False``: nothing written at opening (``check`` logs it with ``record_opening`` once it has passed)."""
    paths = VaultPaths(folder)
    return _open(paths, storage_vault.unlock_with_password(paths, password), clock, quick_check=True, audit=audit)


def unlock_with_recovery_code(
    folder: Path,
    code: str,
    new_password: str | None = None,
    clock: Clock = date.today,
    kdf: keys.KdfParams | None = None,
    audit: bool = True,
) -> VaultSession:
    """Open with the printed code; with ``new_password``, also set it. ``audit`` as for ``unlock``.

    Setting a password re-keys the file like any password change (the forgotten one opens nothing written
    afterwards). When the file's code cannot survive that (a file of format 1, where the code is the data key),
    a new code is drawn: it is in ``session.issued_recovery_code`` and must be shown once.
    """
    paths = VaultPaths(folder)
    if new_password is not None:
        _require_acceptable(new_password, clock())
    secret = keys.decode_recovery_code(code)
    key = storage_vault.unlock_with_recovery_code(paths, code)
    issued: str | None = None
    if new_password is not None:
        # damaged or newer: refused before any change
        _open(paths, key, clock, quick_check=True, audit=False).close()
        public, issued = _recovery_target(paths, key, secret)
        key = storage_vault.rekey(paths, key, new_password, public, kdf, new_code=issued is not None)
    session = _open(
        paths,
        key,
        clock,
        quick_check=new_password is None,
        detail="avec le code de secours",
        audit=audit or new_password is not None,
    )
    session.issued_recovery_code = issued
    if new_password is not None:
        session.audit.record(AuditAction.PASSWORD_CHANGED, detail="avec le code de secours")
    return session


class OldBackups(StrEnum):
    """What a password change does with the backups made under the old password (they open with it)."""

    REENCRYPT = "rechiffrer"  # re-keyed to the new key: they open with the new password only
    DELETE = "supprimer"  # deleted, with any older one that the new password does not open
    KEEP = "garder"  # left as they are: the old password still opens them (and only them)


@dataclass(frozen=True)
class KeyChange:
    """The outcome of a password change, for the dialog and the command line."""

    recovery_code: str | None  # a new code to print once (None: the printed sheet stays valid)
    reencrypted: int = 0
    deleted: int = 0
    kept_under_old: int = 0  # backups that still open with an earlier password
    failed: int = 0  # backups that could not be re-encrypted or deleted (said, never fatal)

    def summary_lines(self) -> list[str]:
        """What the person is told (window and command line), first line first."""
        lines = [
            "Le nouveau mot de passe est enregistré et le fichier rechiffré avec une nouvelle clé\u00a0: l'ancien "
            "mot de passe n'ouvre plus rien de ce qui est écrit désormais."
        ]
        if self.recovery_code is not None:
            lines.append(
                "Le fichier passe au nouveau format de clé\u00a0: un nouveau code de secours a été créé. Imprimez "
                "la nouvelle feuille de secours et détruisez l'ancienne, qui n'ouvre plus le fichier."
            )
        else:
            lines.append("Le code de secours reste valable.")
        one = {
            "reencrypted": "1 sauvegarde rechiffrée\u00a0: elle s'ouvre avec le nouveau mot de passe.",
            "deleted": "1 sauvegarde supprimée.",
            "kept_under_old": "1 sauvegarde s'ouvre encore avec un ancien mot de passe, et seulement avec ce "
            "qu'elle contenait à sa date.",
            "failed": "1 sauvegarde n'a pas pu être traitée (support en lecture seule\u00a0?).",
        }
        many = {
            "reencrypted": "{n} sauvegardes rechiffrées\u00a0: elles s'ouvrent avec le nouveau mot de passe.",
            "deleted": "{n} sauvegardes supprimées.",
            "kept_under_old": "{n} sauvegardes s'ouvrent encore avec un ancien mot de passe, et seulement avec "
            "ce qu'elles contenaient à leur date.",
            "failed": "{n} sauvegardes n'ont pas pu être traitées (support en lecture seule\u00a0?).",
        }
        for name, text in one.items():
            number = getattr(self, name)
            if number:
                lines.append(text if number == 1 else many[name].format(n=number))
        return lines


def _require_acceptable(password: str, today: date) -> None:
    verdict = check_password(password, today)
    if not verdict.acceptable:
        raise ValidationError({"password": verdict.summary()})


def _recovery_target(paths: VaultPaths, old_key: bytes, secret: bytes | None = None) -> tuple[bytes, str | None]:
    """The recovery public key a new data key is sealed to, and a new code when the printed one cannot stay.

    The printed code stays valid unless it could be derived from the old key: a file of format 1, where the
    code *is* the data key, so that the old key file would yield it. Then a new code is drawn.
    """
    try:
        public = storage_vault.recovery_public(paths)
    except KeyFileMissingError:
        public = None
    if public is None and secret is not None and secret != old_key:
        public = keys.recovery_public_key(secret)
    if public is None or public == keys.recovery_public_key(old_key):
        fresh = keys.new_recovery_secret()
        return keys.recovery_public_key(fresh), keys.encode_recovery_code(fresh)
    return public, None


def code_survives_change(folder: Path) -> bool:
    """Does the printed recovery code stay valid through a password change? Not for a file of format 1 (its code
    is its data key), which gets a new code at its first change."""
    try:
        return storage_vault.recovery_public(VaultPaths(folder)) is not None
    except KeyFileMissingError:
        return False


def verify_password(folder: Path, password: str) -> None:
    """WrongPasswordError (or another reason) unless ``password`` opens the vault; nothing is changed."""
    storage_vault.unlock_with_password(VaultPaths(folder), password)


def change_password(
    folder: Path,
    current: str,
    new: str,
    kdf: keys.KdfParams | None = None,
    old_backups: OldBackups = OldBackups.REENCRYPT,
    clock: Clock = date.today,
) -> KeyChange:
    """A new password (the current one first) on a closed vault: a new data key, the file re-keyed.

    Neither the old password nor an old key file (a backup's, a copy on a USB key) opens anything written
    after this. The backups in ``sauvegardes/`` made under the old password are handled per ``old_backups``.
    """
    _require_acceptable(new, clock())
    paths = VaultPaths(folder)
    old_key = storage_vault.unlock_with_password(paths, current)
    _open(paths, old_key, clock, quick_check=True, audit=False).close()  # damaged or newer: nothing changes
    public, code = _recovery_target(paths, old_key)
    new_key = storage_vault.rekey(paths, old_key, new, public, kdf, new_code=code is not None)
    # The file is re-keyed: from here nothing may fail the change (a new code must reach the person).
    try:
        change = _settle_backups(paths, old_key, new_key, code, old_backups)
        detail = f"{change.reencrypted} sauvegarde(s) rechiffrée(s), {change.deleted} supprimée(s)"
        try:
            _record_closed(paths, new_key, clock, AuditAction.PASSWORD_CHANGED, detail)
        except Exception as exc:
            log.warning("access log: password change not recorded (%s)", type(exc).__name__)
    finally:
        _forget(old_key, new_key)  # the window reopens with the new password: no copy stays in memory
    return change


def _forget(*secrets: bytes) -> None:
    from ilot_desktop.storage.secret import wipe_immutable

    for secret in secrets:
        wipe_immutable(secret)


def _settle_backups(
    paths: VaultPaths, old_key: bytes, new_key: bytes, code: str | None, policy: OldBackups
) -> KeyChange:
    from ilot_desktop.storage import backup_keys

    try:
        counts = backup_keys.settle(paths, old_key, new_key, policy.value)
    except Exception as exc:  # the backups folder unreadable: the change itself stands
        log.warning("backups not settled after a password change (%s)", type(exc).__name__)
        return KeyChange(code, failed=len(backup_keys.list_backups(paths.backups)))
    return KeyChange(code, counts.reencrypted, counts.deleted, counts.kept_under_old, counts.failed)


def _record_closed(paths: VaultPaths, key: bytes, clock: Clock, action: AuditAction, detail: str = "") -> None:
    """An event in the access log of a closed vault (opened for that, then closed)."""
    from ilot_desktop.services.audit import record_after
    from ilot_desktop.storage.database import Database

    database = Database.open(paths, key, as_clock(clock).now)
    try:
        record_after(database, clock, action, detail=detail)
    finally:
        database.close()


def new_recovery_code(folder: Path, password: str, kdf: keys.KdfParams | None = None) -> str:
    """Re-key the (closed) vault under a new recovery code: the old sheet stops opening it (it still opens
    the backups made before). Returns the new code to show once."""
    paths = VaultPaths(folder)
    key = storage_vault.unlock_with_password(paths, password)
    secret = keys.new_recovery_secret()
    storage_vault.rekey(paths, key, password, keys.recovery_public_key(secret), kdf, new_code=True)
    return keys.encode_recovery_code(secret)


def renew_recovery_code(folder: Path, password: str, clock: Clock = date.today) -> tuple[VaultSession, str]:
    """The window's « Nouveau code de secours »: the closed vault re-keyed (``new_recovery_code``), opened
    again, and the access log says a new sheet is to be made. Returns the open session and the code to show
    once."""
    code = new_recovery_code(folder, password)
    session = unlock(folder, password, clock)
    try:
        session.audit.record(AuditAction.RECOVERY_SHEET, detail="nouveau code de secours")
    except BaseException:
        session.close()
        raise
    return session, code


def confirm_recovery_code(folder: Path) -> None:
    """Call once the person has seen the code shown after a creation or a re-key (printed, noted)."""
    storage_vault.confirm_code(VaultPaths(folder))


def recovery_code_pending(folder: Path) -> bool:
    """True when the file's recovery code was drawn and never confirmed as seen: a new one should be made."""
    return storage_vault.code_pending(VaultPaths(folder))
