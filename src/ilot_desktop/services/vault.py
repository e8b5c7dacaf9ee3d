"""Create, unlock and lock a vault; the handle the window and the CLI hold while it is open."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ilot_desktop.domain import audit as audit_actions
from ilot_desktop.domain.password import check_password
from ilot_desktop.errors import DamagedVaultError, StorageEnvironmentError, ValidationError
from ilot_desktop.storage import keys
from ilot_desktop.storage import vault as storage_vault
from ilot_desktop.storage.vault import VaultPaths

if TYPE_CHECKING:  # imported when a vault is opened: SQLAlchemy and Alembic are not needed to show the start pages
    from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)

Clock = Callable[[], date]


@dataclass(frozen=True)
class VaultStatus:
    """What the first screen needs to know about a folder, without opening anything."""

    folder: Path
    exists: bool
    has_keyfile: bool


@dataclass(frozen=True)
class CheckReport:
    schema_version: str | None
    counts: dict[str, int]
    problems: list[str]
    size_bytes: int

    @property
    def ok(self) -> bool:
        return not self.problems


class VaultSession:
    """An unlocked vault. ``close()`` drops every decrypted handle (used by locking)."""

    def __init__(self, database: Database, clock: Clock = date.today):
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

        self._database = database
        self.folder = database.paths.folder
        self.clock = clock
        self.participants = ParticipantService(database, clock)
        self.followup = FollowUpService(database, clock)
        self.actions = ActionService(database, clock)
        self.barriers = BarrierService(database, clock)
        self.plan = PlanService(database, clock)
        self.outcomes = OutcomeService(database, clock)
        self.exchange = ExchangeService(database, clock)
        self.indicators = IndicatorService(database, clock)
        self.funder = FunderService(database, clock)
        self.backups = BackupService(database)
        self.audit = AuditService(database, clock)
        self.privacy = PrivacyService(database, clock)
        self._audited = False  # the opening was logged: the closing will be too

    @property
    def is_open(self) -> bool:
        return self._database.engine is not None

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

    def close(self) -> None:
        if self._audited and self.is_open:
            self._audited = False
            try:
                self.audit.record(audit_actions.VAULT_LOCKED)
            except Exception as exc:  # locking must always drop the decrypted state
                log.warning("access log: closing not recorded (%s)", type(exc).__name__)
        self._database.close()

    def _start_audit(self, action: str, detail: str = "") -> None:
        """At unlock: purge the access log of events older than 12 months, then log the opening.

        A copy on read-only media still opens, without its log being written.
        """
        try:
            self.audit.purge()
        except StorageEnvironmentError:
            log.warning("access log not written at unlock (read-only file?)")
            return
        self._audited = self.audit.record(action, detail=detail)


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
    action: str = audit_actions.VAULT_OPENED,
    detail: str = "",
) -> VaultSession:
    from ilot_desktop.storage.database import Database

    session = VaultSession(Database.open(paths, key), clock)
    if quick_check:
        problems = session._database.integrity_problems(full=False)
        if problems:
            session.close()
            log.warning("quick check failed at unlock (%d problems)", len(problems))
            raise DamagedVaultError(
                "Le fichier de données est endommagé (contrôle d'intégrité en échec). Ne le modifiez pas : "
                "gardez une copie du dossier et prévenez l'équipe qui maintient l'application."
            )
    try:
        session._start_audit(action, detail)  # after the migrations and the check: never into a damaged file
    except Exception:
        session.close()
        raise
    return session


def create(
    folder: Path, password: str, clock: Clock = date.today, kdf: keys.KdfParams | None = None
) -> tuple[VaultSession, str]:
    """A new empty vault; returns the open session and the recovery code to show once."""
    verdict = check_password(password)
    if not verdict.acceptable:
        raise ValidationError({"password": verdict.summary()})
    paths = VaultPaths(folder)
    key, code = storage_vault.create_vault(paths, password, kdf)
    return _open(paths, key, clock, quick_check=False, action=audit_actions.VAULT_CREATED), code


def unlock(folder: Path, password: str, clock: Clock = date.today) -> VaultSession:
    paths = VaultPaths(folder)
    return _open(paths, storage_vault.unlock_with_password(paths, password), clock, quick_check=True)


def unlock_with_recovery_code(
    folder: Path,
    code: str,
    new_password: str | None = None,
    clock: Clock = date.today,
    kdf: keys.KdfParams | None = None,
) -> VaultSession:
    """Open with the printed code; with ``new_password``, also set it (a new ``ilot.key``)."""
    paths = VaultPaths(folder)
    if new_password is not None:
        verdict = check_password(new_password)
        if not verdict.acceptable:
            raise ValidationError({"password": verdict.summary()})
    key = storage_vault.unlock_with_recovery_code(paths, code)
    # damaged or newer: refused before any change
    session = _open(paths, key, clock, quick_check=True, detail="avec le code de secours")
    if new_password is not None:
        try:
            storage_vault.set_password(paths, key, new_password, kdf)
        except Exception:
            session.close()
            raise
        session.audit.record(audit_actions.PASSWORD_CHANGED, detail="avec le code de secours")
    return session


def change_password(folder: Path, current: str, new: str, kdf: keys.KdfParams | None = None) -> None:
    """A new password (the current one first): only ``ilot.key`` is rewritten, never the records."""
    verdict = check_password(new)
    if not verdict.acceptable:
        raise ValidationError({"password": verdict.summary()})
    paths = VaultPaths(folder)
    key = storage_vault.unlock_with_password(paths, current)
    storage_vault.set_password(paths, key, new, kdf)


def new_recovery_code(folder: Path, password: str, kdf: keys.KdfParams | None = None) -> str:
    """Re-key the (closed) vault: the old recovery sheet stops opening it. Returns the new code to show once."""
    paths = VaultPaths(folder)
    key = storage_vault.unlock_with_password(paths, password)
    _new_key, code = storage_vault.rekey(paths, key, password, kdf)
    return code
