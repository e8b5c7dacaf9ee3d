"""Team work between laptops (issue 15, ``session.team``): sealed packages through a team folder or a USB key.

The API is the one of the shared design (``notes/team-spec.md``); the engine is ``services/team_sync.py`` (the
records' states, change detection) and ``services/team_apply.py`` (taking a package in); sealing is
``services/team_package.py``; conflicts as a person reads them, ``services/team_view.py``. Every package sent or
taken in, every hand-over and every settled conflict leaves an access-log line with counts and laptop codes only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from ilot_desktop import safe_files
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.team_merge import PayloadError, Tombstone, decode_payload, encode_payload
from ilot_desktop.errors import (
    StorageEnvironmentError,
    TeamPackageError,
    ValidationError,
)
from ilot_desktop.services import team_package as tp
from ilot_desktop.services.audit import record_in
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.services.team_apply import Applied, children, take_in
from ilot_desktop.services.team_intake import in_order, take_all
from ilot_desktop.services.team_keys import TeamKeys
from ilot_desktop.services.team_resolve import conflicts_of, resolve_in
from ilot_desktop.services.team_sync import EXPORTED_KEY, Engine, replica_id
from ilot_desktop.services.team_view import Conflict, ConflictValue, conflict_waits
from ilot_desktop.storage.database import Database, UnitOfWork

FOLDER_KEY = "team.folder"
SEEN_KEY = "team.seen_files"
FOLDER_SEQ_KEY = "team.folder_seq"  # what was last sent to the team folder (team.exported_seq: to a file)
NBSP = "\u00a0"
_KIND_WORDS = (
    ("participant", "dossier", "dossiers"),
    ("appointment", "rendez-vous", "rendez-vous"),
    ("collective_action", "action collective", "actions collectives"),
    ("registration", "inscription", "inscriptions"),
    ("barrier", "frein", "freins"),
    ("barrier_event", "étape de frein", "étapes de frein"),
    ("task", "tâche", "tâches"),
    ("outcome", "résultat", "résultats"),
)

__all__ = [
    "Conflict",
    "ConflictValue",
    "ExportResult",
    "ImportResult",
    "SyncResult",
    "TeamPeer",
    "TeamService",
    "TeamStatus",
]


@dataclass(frozen=True)
class TeamPeer:
    code: str
    last_package_at: datetime | None  # « reçu de AB le 02/12/2026 »


@dataclass(frozen=True)
class TeamStatus:
    laptop_code: str
    joined: bool
    folder: Path | None
    last_sent_at: datetime | None
    peers: tuple[TeamPeer, ...]
    conflicts: int
    same_code_elsewhere: bool = False  # another laptop of the team carries this laptop's code


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    tombstones: int


@dataclass(frozen=True)
class ImportResult:
    from_code: str
    new: int  # records (of every kind) new here
    updated: int
    unchanged: int
    conflicts: int  # waiting after the import, on this laptop
    renumbered: tuple[tuple[str, str], ...]
    erased: int
    anonymised: int
    joined_actions: int
    already_taken: bool  # the same package again: nothing done
    same_code: str = ""  # this laptop's code, carried by another laptop of the package: to be changed on one of them

    def summary_lines(self) -> list[str]:
        """What the import did, in French, without a name."""
        who = self.from_code or "une collègue"
        if self.already_taken:
            return [f"Paquet de {who} déjà pris en compte{NBSP}: rien n'a changé."]
        lines = [
            f"Reçu de {who}{NBSP}: {_count(self.new, 'nouvel enregistrement', 'nouveaux enregistrements')}, "
            f"{self.updated} mis à jour, {_count(self.unchanged, 'inchangé', 'inchangés')}."
        ]
        for former, new in self.renumbered:
            lines.append(f"Numéro déjà pris sur cet ordinateur{NBSP}: le dossier {former} devient {new}.")
        if self.joined_actions:
            lines.append(
                f"{_count(self.joined_actions, 'action collective réunie', 'actions collectives réunies')} "
                "avec la même action enregistrée ici."
            )
        if self.erased:
            lines.append(f"{_count(self.erased, 'dossier effacé', 'dossiers effacés')} (droit à l'effacement).")
        if self.anonymised:
            lines.append(f"{_count(self.anonymised, 'dossier anonymisé', 'dossiers anonymisés')}.")
        if self.conflicts:
            lines.append(f"{_count(self.conflicts, 'conflit à régler', 'conflits à régler')}.")
        if self.same_code:
            lines.append(same_code_line(self.same_code))
        return lines


def same_code_line(code: str) -> str:
    return f"Un autre ordinateur porte aussi le code {code}{NBSP}: changez l'un des deux dans Préférences."


@dataclass(frozen=True)
class SyncResult:
    sent: ExportResult | None
    received: tuple[ImportResult, ...]
    refused: tuple[tuple[str, str], ...]  # (file name, French reason)
    needs_passphrase: bool = False  # some were refused only for want of the passphrase: ask it, then again


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n <= 1 else plural}"


def _kinds_detail(kinds: Sequence[str]) -> str:
    parts = []
    for kind, singular, plural in _KIND_WORDS:
        n = sum(1 for k in kinds if k == kind)
        if n:
            parts.append(_count(n, singular, plural))
    return ", ".join(parts) or "aucun enregistrement"


class TeamService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    def _engine(self, uow: UnitOfWork) -> Engine:
        return Engine(uow, self._clock.now())

    # --- settings ---------------------------------------------------------------------------------------

    def status(self) -> TeamStatus:
        with self._db.unit_of_work() as uow:
            engine = self._engine(uow)
            engine.load()
            folder = uow.settings.get(FOLDER_KEY)
            return TeamStatus(
                laptop_code=engine.code,
                joined=TeamKeys(uow).stored() is not None,
                folder=Path(folder) if folder else None,
                last_sent_at=uow.team_state.last_sent_at(),
                peers=self._peers(uow, engine.me),
                conflicts=engine.conflict_count(),
                same_code_elsewhere=bool(engine.code)
                and any(rid != engine.me and code == engine.code for rid, code, _at in uow.team_state.peers()),
            )

    def folder(self) -> Path | None:
        """The team folder chosen in Préférences, read alone (the window asks at every unlock: ``status()`` reads
        every record's sync state, 0.3 s on a file of 1,000 people)."""
        with self._db.unit_of_work() as uow:
            folder = uow.settings.get(FOLDER_KEY)
        return Path(folder) if folder else None

    @staticmethod
    def _peers(uow: UnitOfWork, me: str) -> tuple[TeamPeer, ...]:
        return tuple(TeamPeer(code, at) for rid, code, at in uow.team_state.peers() if rid != me and at is not None)

    def set_folder(self, folder: Path | None) -> None:
        with self._db.unit_of_work() as uow:
            if folder is None:
                uow.settings.delete(FOLDER_KEY)
            else:
                folder = Path(folder)
                if not folder.is_dir():
                    raise ValidationError({"folder": f"Ce dossier d'équipe est introuvable{NBSP}: {folder}"})
                if not os.access(folder, os.W_OK):
                    raise ValidationError({"folder": "Ce dossier d'équipe ne peut pas être écrit sur cet ordinateur."})
                uow.settings.set(FOLDER_KEY, str(folder))
            uow.commit()

    def set_passphrase(self, passphrase: str) -> None:
        """The team passphrase typed on this laptop: the team is created (or joined later through a package)."""
        with self._db.unit_of_work() as uow:
            TeamKeys(uow).set_passphrase(passphrase)
            uow.commit()

    def change_passphrase(self, old: str, new: str) -> None:
        with self._db.unit_of_work() as uow:
            TeamKeys(uow).change_passphrase(old, new)
            uow.commit()

    def replace_lost_passphrase(self, file_password: str, new: str) -> None:
        """The team passphrase is lost: a laptop of the team sets a new one when its person gives this file's own
        password (WrongPasswordError otherwise). Holding the file already means holding the team's key."""
        from ilot_desktop.storage import keys, secret

        key = keys.unwrap_key(keys.read_keyfile(self._db.paths.keyfile), file_password)
        secret.wipe_immutable(key)
        with self._db.unit_of_work() as uow:
            TeamKeys(uow).replace_lost(new)
            uow.commit()

    # --- packages ---------------------------------------------------------------------------------------

    def export_package(self, out: Path, everything: bool = False, passphrase: str | None = None) -> ExportResult:
        """Write to ``out`` the package of what changed since the last export to a file (or of everything: then
        no mark moves). The team folder keeps its own mark: a package carried by hand never keeps a change out
        of the folder."""
        return self._export(Path(out), everything, passphrase, None if everything else EXPORTED_KEY)

    def _export(self, out: Path, everything: bool, passphrase: str | None, mark: str | None) -> ExportResult:
        safe_files.require_folder(out.parent)
        with self._db.unit_of_work() as uow:
            keys = TeamKeys(uow)
            team = keys.for_export(passphrase)
            engine = self._engine(uow)
            engine.refresh()
            full = everything or keys.full_next()  # a new key: everything again, under it
            pkg = engine.package(int(uow.settings.get(mark or EXPORTED_KEY) or 0), full=full)
            safe_files.write_bytes(out, tp.seal(encode_payload(pkg), team))
            engine.flush()
            keys.exported()
            if full and (mark == FOLDER_SEQ_KEY or (mark is not None and not uow.settings.get(FOLDER_KEY))):
                keys.sent_full()  # the complete package went where the team takes packages from
            if mark is not None:
                uow.settings.set(mark, str(engine.seq))
            uow.team_state.add_package(pkg.package_id, "out", self._clock.now_to_the_second(), len(pkg.records), 0)
            detail = f"{_kinds_detail([r.kind for r in pkg.records.values()])}, de {engine.code or '?'}"
            record_in(uow, self._clock, AuditAction.TEAM_SENT, None, detail[:200])
            uow.commit()
        return ExportResult(out, len(pkg.records), len(pkg.tombstones))

    def import_package(self, path: Path, passphrase: str | None = None) -> ImportResult:
        """Take a package in: all of it or nothing (one transaction; the vault unchanged on any failure)."""
        return self._import(Path(path), passphrase, {})

    def _import(self, path: Path, passphrase: str | None, derived: dict[Any, tp.TeamKey]) -> ImportResult:
        blob = _read(path)
        header = tp.peek(blob)
        with self._db.unit_of_work() as uow:
            keys = TeamKeys(uow, derived)
            payload = keys.open(blob, header, passphrase)
            try:
                pkg = decode_payload(payload)
            except PayloadError:
                raise TeamPackageError() from None
            result, erased = self._take_in(uow, pkg)
            uow.commit()
        if erased:
            self._db.vacuum()
        return result

    def _take_in(self, uow: UnitOfWork, pkg: object) -> tuple[ImportResult, bool]:
        from ilot_desktop.domain.team_merge import Package

        assert isinstance(pkg, Package)
        engine = self._engine(uow)
        engine.refresh()
        if pkg.from_replica == engine.me or uow.team_state.package_taken(pkg.package_id):
            engine.flush()
            return _result(pkg.from_code, Applied(), engine.conflict_count(), True), False
        clash = bool(engine.code) and any(r != engine.me and c == engine.code for r, c in pkg.codes.items())
        applied = take_in(engine, pkg, self._clock)
        engine.flush()
        conflicts = engine.conflict_count()
        now = self._clock.now_to_the_second()
        state = uow.team_state
        state.add_package(pkg.package_id, "in", now, len(pkg.records), conflicts)
        for rid, code in pkg.codes.items():
            if rid != engine.me:
                state.see_peer(rid, code, None)
        state.see_peer(pkg.from_replica, pkg.from_code, _moment(pkg.created_at) or now)
        detail = f"{_kinds_detail([r.kind for r in pkg.records.values()])}, de {pkg.from_code or '?'}"
        if conflicts:
            detail += f", {_count(conflicts, 'conflit', 'conflits')}"
        record_in(uow, self._clock, AuditAction.TEAM_RECEIVED, None, detail[:200])
        result = _result(pkg.from_code, applied, conflicts, False)
        if clash or (pkg.from_replica != engine.me and pkg.from_code == engine.code and engine.code):
            result = replace(result, same_code=engine.code)
        return result, bool(applied.erased)

    def sync(self, folder: Path | None = None, passphrase: str | None = None) -> SyncResult:
        """Take in every package of the team folder not yet taken in (a damaged or foreign one is skipped and
        said), then send this laptop's package when something changed (what came in is forwarded too)."""
        with self._db.unit_of_work() as uow:
            stored = uow.settings.get(FOLDER_KEY)
            seen = set(json.loads(uow.settings.get(SEEN_KEY) or "[]"))
        target = Path(folder) if folder is not None else (Path(stored) if stored else None)
        if target is None or not target.is_dir():
            raise ValidationError({"folder": f"Choisissez un dossier d'équipe accessible{NBSP}: rien n'a été échangé."})
        paths = in_order(self._db, [p for p in sorted(target.glob(f"*{tp.PACKAGE_SUFFIX}")) if p.name not in seen])
        received, refused, needs = take_all(self._import, paths, passphrase, seen)
        sent = None
        if self._changed_since_export():
            sent = self._export(target / tp.package_name(), False, passphrase, FOLDER_SEQ_KEY)
            seen.add(sent.path.name)
        with self._db.unit_of_work() as uow:
            uow.settings.set(SEEN_KEY, json.dumps(sorted(seen)))
            uow.commit()
        return SyncResult(sent, tuple(received), tuple(refused), needs)

    def _changed_since_export(self) -> bool:
        with self._db.unit_of_work() as uow:
            engine = self._engine(uow)
            engine.refresh()
            engine.flush()
            uow.commit()
            return TeamKeys(uow).full_next() or engine.seq > int(uow.settings.get(FOLDER_SEQ_KEY) or 0)

    # --- conflicts --------------------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        with self._db.unit_of_work() as uow:
            engine = self._engine(uow)
            engine.refresh()
            found = conflicts_of(engine)
            engine.flush()
            uow.commit()
        return found

    def resolve(self, key: str, choice: int | Literal["both"]) -> None:
        """Settle a conflict: keep one of ``Conflict.values`` (its index), or keep both texts."""
        with self._db.unit_of_work() as uow:
            engine = self._engine(uow)
            engine.refresh()
            participant_id, label = resolve_in(engine, key, choice)
            engine.flush()
            record_in(uow, self._clock, AuditAction.TEAM_CONFLICT_SETTLED, participant_id, label[:200])
            uow.commit()

    # --- hand-over and programme ------------------------------------------------------------------------

    def hand_over(
        self, participant_ids: Sequence[int], to: str, out: Path, passphrase: str | None = None
    ) -> ExportResult:
        """A package of those files whole; this laptop's copy records « transmis à <to> le <date> »."""
        to = to.strip()
        if not to:
            raise ValidationError({"to": "Indiquez à qui les dossiers sont transmis."})
        out = Path(out)
        safe_files.require_folder(out.parent)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            team = TeamKeys(uow).for_export(passphrase)
            engine = self._engine(uow)
            engine.refresh()
            ids = engine.data.participant_ids()
            by_id = {i: u for u, i in ids.items()}
            people = [by_id[i] for i in dict.fromkeys(participant_ids) if i in by_id]
            if not people:
                raise ValidationError({"participants": "Choisissez au moins un dossier à transmettre."})
            uids = set(people)
            for uid in people:
                uids |= children(engine, uid)
            pkg = engine.package(0, uids=uids)
            pkg.handed_over = tuple(people)
            safe_files.write_bytes(out, tp.seal(encode_payload(pkg), team))
            engine.flush()
            for uid in people:
                uow.team_state.add_handover(uid, to, now)
            detail = f"{_count(len(people), 'dossier', 'dossiers')} ({len(pkg.records)} enregistrements), à {to}"
            record_in(uow, self._clock, AuditAction.TEAM_HANDOVER, None, detail[:200])
            uow.commit()
        return ExportResult(out, len(pkg.records), len(pkg.tombstones))

    def conflict_waits(self, participant_id: int) -> bool:
        """Does a conflict wait about this person's file or records (one query, no refresh)?"""
        with self._db.unit_of_work() as uow:
            return conflict_waits(uow.team_state.waiting_about(participant_id))

    def handovers(self, participant_id: int) -> list[tuple[str, datetime]]:
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            return [] if participant is None else uow.team_state.handovers(participant.uid)

    def programme_scope(self) -> tuple[TeamPeer, ...]:
        """This laptop (as of now) and every colleague's laptop with the date of its last package taken in."""
        with self._db.unit_of_work() as uow:
            me = replica_id(uow)
            code = uow.settings.get("laptop_code") or ""
            peers = self._peers(uow, me)
        return (TeamPeer(code, self._clock.now_to_the_second()), *peers)

    # --- used by privacy and backup ---------------------------------------------------------------------


def tombstone_in(uow: UnitOfWork, participant_uid: str, reason: str, on: str, drop: bool) -> None:
    """An erasure or anonymisation on this laptop: its tombstone travels; an erased person's sync states go."""
    state = uow.team_state
    tomb = Tombstone.of(reason, on, replica_id(uow))
    mine = state.tombstones().get(participant_uid)
    state.put_tombstone(participant_uid, tomb if mine is None else max(mine, tomb))
    uids = {participant_uid} | uow.team_data.children_uids(participant_uid)
    uids |= state.held_mentioning(uids)
    if drop:
        state.delete_metas(uids)
    else:
        for uid in uids:
            state.set_conflict_values(uid, {})


def _result(code: str, applied: Applied, conflicts: int, already: bool) -> ImportResult:
    return ImportResult(
        from_code=code,
        new=applied.new,
        updated=applied.updated,
        unchanged=applied.unchanged,
        conflicts=conflicts,
        renumbered=tuple(applied.renumbered),
        erased=applied.erased,
        anonymised=applied.anonymised,
        joined_actions=applied.joined_actions,
        already_taken=already,
    )


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TeamPackageError(f"Ce paquet d'équipe est introuvable{NBSP}: rien n'a été pris en compte.") from None
    except OSError:
        raise StorageEnvironmentError(
            f"Ce paquet d'équipe ne peut pas être lu{NBSP}: rien n'a été pris en compte."
        ) from None
