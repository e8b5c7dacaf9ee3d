"""The access log: who opened and changed which file, and when (never what the file holds).

CNIL recommends keeping such a log for a limited time: twelve months here, purged at each unlock.
An event names the caseworker (the vault's "Mes coordonnées" name, else the last caseworker saved),
an action code, the participant's internal id (kept as a bare number when the file is erased) and a
short detail that never holds personal data: counts, a kind of record, a pseudonymous file number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.outcomes import add_months

RETENTION_MONTHS = 12
MAX_ACTOR = 200
MAX_DETAIL = 200
DEFAULT_ACTOR = "Utilisateur"

# Action codes (stable, stored) and their French labels (shown, printed in the right-of-access copy).
VAULT_CREATED = "vault_created"
VAULT_OPENED = "vault_opened"
VAULT_LOCKED = "vault_locked"
PARTICIPANT_VIEWED = "participant_viewed"
PARTICIPANT_CREATED = "participant_created"
PARTICIPANT_UPDATED = "participant_updated"
PARTICIPANT_DELETED = "participant_deleted"
PARTICIPANT_ERASED = "participant_erased"
PARTICIPANT_ANONYMISED = "participant_anonymised"
ACTION_PLAN_PRINTED = "action_plan_printed"
ACCESS_COPY = "access_copy"
EXPORT_FULL = "export_full"
EXPORT_FUNDER = "export_funder"
IMPORT = "import"
BACKUP = "backup"
RESTORE = "restore"
PASSWORD_CHANGED = "password_changed"
RECOVERY_SHEET = "recovery_sheet"
WEEK_PRINTED = "week_printed"

ACTION_LABELS: dict[str, str] = {
    VAULT_CREATED: "Fichier créé",
    VAULT_OPENED: "Fichier ouvert",
    VAULT_LOCKED: "Fichier verrouillé ou fermé",
    PARTICIPANT_VIEWED: "Dossier consulté",
    PARTICIPANT_CREATED: "Dossier créé",
    PARTICIPANT_UPDATED: "Dossier modifié",
    PARTICIPANT_DELETED: "Dossier supprimé",
    PARTICIPANT_ERASED: "Dossier effacé (droit à l'effacement)",
    PARTICIPANT_ANONYMISED: "Dossier anonymisé (durée de conservation atteinte)",
    ACTION_PLAN_PRINTED: "Plan d'action imprimé ou enregistré",
    ACCESS_COPY: "Copie des données remise (droit d'accès)",
    EXPORT_FULL: "Export complet en clair (classeur d'échange)",
    EXPORT_FUNDER: "Bilan annuel pour le financeur",
    IMPORT: "Import d'un classeur",
    BACKUP: "Sauvegarde",
    RESTORE: "Restauration d'une sauvegarde",
    PASSWORD_CHANGED: "Mot de passe changé",
    RECOVERY_SHEET: "Feuille de secours refaite",
    WEEK_PRINTED: "Semaine imprimée ou enregistrée (initiales et n° de dossier)",
}


@dataclass(frozen=True)
class AuditEvent:
    """One line of the access log. ``file_number`` is the file's current number, None once erased."""

    at: datetime
    actor: str
    action: str
    participant_id: int | None = None
    detail: str = ""
    file_number: str | None = None
    id: int | None = None

    @property
    def label(self) -> str:
        """The action in French (the code itself for an action this version does not know)."""
        return ACTION_LABELS.get(self.action, self.action)

    def describe(self) -> str:
        """``27/11/2026 10:02 · Ariane Morel · Dossier modifié · DE-2026-001 · rendez-vous``."""
        parts = [f"{format_date(self.at.date())} {self.at:%H:%M}", self.actor, self.label]
        if self.file_number:
            parts.append(self.file_number)
        elif self.participant_id is not None and self.action != PARTICIPANT_ERASED:
            parts.append(f"dossier n°{self.participant_id} (supprimé)")
        if self.detail:
            parts.append(self.detail)
        return " · ".join(parts)


def purge_cutoff(today: date) -> datetime:
    """Events strictly before this moment are older than the retention period (12 months)."""
    return datetime.combine(add_months(today, -RETENTION_MONTHS), time.min)


def clean_actor(name: str | None) -> str:
    text = " ".join((name or "").split())
    return text[:MAX_ACTOR] if text else DEFAULT_ACTOR


def clean_detail(detail: str) -> str:
    return " ".join((detail or "").split())[:MAX_DETAIL]
