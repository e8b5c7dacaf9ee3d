"""Retention, anonymisation and erasure: the rules, without storage.

Retention (CNIL, social support): a file stays in the active base for two years after the last contact
with the person, then it is anonymised into statistics. Only files whose accompaniment has ended are
concerned. The last contact is the latest of: entry date, end date, an individual appointment marked
``Réalisé``, an outcome, a collective action the person attended.

Anonymising keeps exactly what the funder's figures read (sex, entry and end dates and reason, housing,
referrer and justice situation at entry, the birth year, outcome types and dates, appointment dates,
kinds and statuses, barrier categories, statuses and dates, action attendance) so that past years'
figures do not change, and removes everything else that could identify or describe the person.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ilot_desktop.domain.barriers import CATALOGUE
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.outcomes import add_months
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import BarrierCategory, fold

RETENTION_MONTHS = 24
NBSP = "\u00a0"

# What the anonymised file says instead (a required field cannot be empty: the exchange workbook must
# still import, see docs/privacy.md).
ANONYMOUS_NAME = "Anonyme"
ANONYMOUS_PARTNER = "Partenaire (anonymisé)"
ANONYMOUS_ITEM = "Autre"
ANONYMOUS_PREFIX = "ANON-"
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
_CODE_LENGTH = 8

# Automatic backups (storage/backup.py, ``borg prune --keep-daily 7 --keep-weekly 4``): a copy made
# today is gone after about 7 days + 4 weeks if the application is used every day (later otherwise: old
# copies are deleted only when new ones are made). Other backups are never deleted automatically.
DAILY_BACKUPS_KEPT = 7
WEEKLY_BACKUPS_KEPT = 4
BACKUP_ROTATION_DAYS = DAILY_BACKUPS_KEPT + 7 * WEEKLY_BACKUPS_KEPT


# --- retention ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionCandidate:
    """A closed file whose last contact is more than two years old: to anonymise once confirmed."""

    participant_id: int
    file_number: str
    entry_date: date
    end_date: date
    last_contact: date

    @property
    def due_on(self) -> date:
        """The day the two years after the last contact were over."""
        return add_months(self.last_contact, RETENTION_MONTHS)

    def describe(self) -> str:
        return (
            f"{self.file_number} · accompagnement du {format_date(self.entry_date)} au "
            f"{format_date(self.end_date)} · dernier contact le {format_date(self.last_contact)}"
        )


def last_contact(entry: date, end: date | None, others: Iterable[date | None]) -> date:
    """The latest of the entry date, the end date and the other contacts given (None ignored)."""
    return max([entry, *(d for d in (end, *others) if d is not None)])


def is_due(end: date | None, contact: date, today: date) -> bool:
    """Closed, and the last contact more than two years before ``today``."""
    return end is not None and end <= today and add_months(contact, RETENTION_MONTHS) < today


# --- anonymisation --------------------------------------------------------------------------------


def anonymous_number(taken: set[str], token: Callable[[str], str] = secrets.choice) -> str:
    """``ANON-7F3K2QXH``: random, never one already used."""
    while True:
        number = ANONYMOUS_PREFIX + "".join(token(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
        if number not in taken:
            taken.add(number)
            return number


def anonymised_participant(p: Participant, number: str, today: date) -> Participant:
    """The file as statistics: what the indicators read, nothing else (birth date: 1 July of the year)."""
    return Participant(
        id=p.id,
        uid=p.uid,
        file_number=number,
        last_name=ANONYMOUS_NAME,
        first_name=ANONYMOUS_NAME,
        sex=p.sex,
        birth_date=date(p.birth_date.year, 7, 1) if p.birth_date else None,
        referrer=p.referrer,
        justice_situation=p.justice_situation,
        housing_at_entry=p.housing_at_entry,
        entry_date=p.entry_date,
        end_date=p.end_date,
        end_reason=p.end_reason,
        anonymised_on=today,
    )


def anonymised_items(barriers: Iterable[tuple[int, BarrierCategory, str]]) -> dict[int, str]:
    """Barrier id -> the item it keeps: a catalogue item stays (a fixed label), a typed one becomes
    ``Autre`` (``Autre 2``… when a person has several in one category: the pair stays unique)."""
    kept: dict[int, str] = {}
    used: dict[BarrierCategory, set[str]] = {}
    rows = list(barriers)
    standard = {
        barrier_id: next((c for c in CATALOGUE.get(category, ()) if fold(c) == fold(item)), None)
        for barrier_id, category, item in rows
    }
    for barrier_id, category, _item in rows:
        label = standard[barrier_id]
        if label:
            used.setdefault(category, set()).add(fold(label))
            kept[barrier_id] = label
    for barrier_id, category, _item in rows:
        if standard[barrier_id]:
            continue
        taken = used.setdefault(category, set())
        index, label = 1, ANONYMOUS_ITEM
        while fold(label) in taken:
            index += 1
            label = f"{ANONYMOUS_ITEM} {index}"
        taken.add(fold(label))
        kept[barrier_id] = label
    return kept


def anonymised_partner(partner: str) -> str:
    """An orientation needs a partner named: a placeholder replaces the name."""
    return ANONYMOUS_PARTNER if partner.strip() else ""


# --- erasure --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureReport:
    """What was erased, and what happens to the copies that still hold the person (in French)."""

    file_number: str
    erased_on: date
    removed: dict[str, int]  # French label of a kind of record -> how many were erased
    automatic_backups: int  # automatic copies in the vault's backup folder, all made before the erasure
    kept_backups: int  # manual, before-migration, before-restore copies there: never rotated
    rewritten: bool = True  # the file was rebuilt (VACUUM); secure delete overwrote the content anyway
    participant_id: int | None = None  # the internal number the access log's lines keep
    earlier_log_lines: int = 0  # access-log lines about this person written before the erasure (they stay)

    @property
    def backups_gone_by(self) -> date:
        """By then the last automatic backup holding the person has rotated out (if backups go on)."""
        return self.erased_on + timedelta(days=BACKUP_ROTATION_DAYS)

    def lines(self) -> list[str]:
        removed = ", ".join(f"{count} {label}" for label, count in self.removed.items() if count)
        automatic = self.automatic_backups
        copies = f"{automatic} copie{'s' if automatic > 1 else ''}" if automatic else "aucune copie pour l'instant"
        lines = [
            f"Le dossier {self.file_number} a été effacé le {format_date(self.erased_on)}"
            + (f"{NBSP}: {removed}." if removed else "."),
            (
                "Le fichier chiffré a été réécrit : les données effacées y ont été écrasées et ne peuvent plus "
                "être retrouvées dans ce fichier."
                if self.rewritten
                else "Les données effacées ont été écrasées dans le fichier chiffré, mais sa réécriture complète "
                "n'a pas pu se faire (disque plein ?) : elle sera refaite au prochain effacement."
            ),
            f"Sauvegardes automatiques ({copies}){NBSP}: les copies faites avant l'effacement contiennent "
            f"encore cette personne. Elles sont renouvelées ({DAILY_BACKUPS_KEPT} copies quotidiennes, puis "
            f"{WEEKLY_BACKUPS_KEPT} hebdomadaires){NBSP}: la dernière copie qui la contient sera supprimée "
            f"vers le {format_date(self.backups_gone_by)}, soit environ cinq semaines si l'application est "
            "utilisée chaque jour (plus tard sinon : les anciennes copies partent quand de nouvelles sont faites).",
        ]
        if self.kept_backups:
            lines.append(
                f"{self.kept_backups} autre{'s' if self.kept_backups > 1 else ''} copie"
                f"{'s' if self.kept_backups > 1 else ''} du dossier des sauvegardes (manuelles, avant une mise à "
                "jour ou avant une restauration) ne sont jamais supprimées automatiquement et contiennent encore "
                "cette personne : supprimez-les quand elles ne servent plus."
            )
        return [
            *lines,
            "Les copies faites sur une clé USB ou un disque externe (« Sauvegarder sur… ») contiennent encore "
            "cette personne : effacez-les à la main. Restaurer une copie faite avant l'effacement ferait revenir "
            "ce dossier.",
            "Les classeurs exportés et les copies de données remises auparavant (export complet, copie pour "
            "le droit d'accès) ne sont pas touchés : supprimez-les à la main s'il en reste.",
            self._log_line(),
        ]

    def _log_line(self) -> str:
        """Exactly what the access log keeps (twelve months, then purged like every line)."""
        erased = f"la ligne «{NBSP}Dossier effacé{NBSP}» avec le seul numéro {self.file_number}"
        if not self.earlier_log_lines:
            return f"Le journal des accès garde {erased}, sans nom, pendant douze mois."
        earlier = (
            "la ligne écrite avant l'effacement"
            if self.earlier_log_lines == 1
            else f"les {self.earlier_log_lines} lignes écrites avant l'effacement"
        )
        return (
            f"Le journal des accès garde {erased}, et {earlier} (consultations, modifications, impressions…), "
            f"qui désignent la personne par son numéro interne {self.participant_id} sans nom ni contenu{NBSP}: "
            "chacune est supprimée douze mois après sa date."
        )

    @property
    def text(self) -> str:
        return "\n".join(self.lines())
