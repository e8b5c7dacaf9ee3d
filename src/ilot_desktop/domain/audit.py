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
from ilot_desktop.domain.vocabulary import LabelledEnum

RETENTION_MONTHS = 12
MAX_ACTOR = 200
MAX_DETAIL = 200
DEFAULT_ACTOR = "Utilisateur"


class AuditAction(LabelledEnum):
    """What an access-log line says was done: a stable code (stored) and its French label (shown, printed in the
    right-of-access copy). The services, the window and the command line all name actions through it."""

    VAULT_CREATED = ("vault_created", "Fichier créé")
    VAULT_OPENED = ("vault_opened", "Fichier ouvert")
    VAULT_LOCKED = ("vault_locked", "Fichier verrouillé ou fermé")
    PARTICIPANT_VIEWED = ("participant_viewed", "Dossier consulté")
    PARTICIPANT_CREATED = ("participant_created", "Dossier créé")
    PARTICIPANT_UPDATED = ("participant_updated", "Dossier modifié")
    PARTICIPANT_DELETED = ("participant_deleted", "Dossier supprimé")
    PARTICIPANT_ERASED = ("participant_erased", "Dossier effacé (droit à l'effacement)")
    PARTICIPANT_ANONYMISED = ("participant_anonymised", "Dossier anonymisé (durée de conservation atteinte)")
    ACTION_PLAN_PRINTED = ("action_plan_printed", "Plan d'action imprimé ou enregistré")
    ACCESS_COPY = ("access_copy", "Copie des données remise (droit d'accès)")
    EXPORT_FULL = ("export_full", "Export complet en clair (classeur d'échange)")
    EXPORT_FUNDER = ("export_funder", "Bilan annuel pour le financeur")
    IMPORT = ("import", "Import d'un classeur")
    BACKUP = ("backup", "Sauvegarde")
    RESTORE = ("restore", "Restauration d'une sauvegarde")
    PASSWORD_CHANGED = ("password_changed", "Mot de passe changé")
    RECOVERY_SHEET = ("recovery_sheet", "Feuille de secours refaite")  # a new recovery code
    RECOVERY_SHEET_SAVED = ("recovery_sheet_saved", "Feuille de secours enregistrée (PDF)")
    RECOVERY_SHEET_PRINTED = ("recovery_sheet_printed", "Feuille de secours imprimée")
    WEEK_PRINTED = ("week_printed", "Semaine imprimée ou enregistrée (initiales et n° de dossier)")
    TEAM_SENT = ("team_sent", "Paquet d'équipe envoyé")
    TEAM_RECEIVED = ("team_received", "Paquet d'équipe reçu")
    TEAM_HANDOVER = ("team_handover", "Dossiers transmis à une collègue")
    TEAM_CONFLICT_SETTLED = ("team_conflict_settled", "Conflit réglé")


# Code -> French label, for a line read back from the file (its code may come from a newer version).
ACTION_LABELS: dict[str, str] = {action.value: action.label for action in AuditAction}


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
        elif self.participant_id is not None and self.action != AuditAction.PARTICIPANT_ERASED:
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
