"""Team work's engine over one unit of work: the records' states, lazy change detection, packages built.

``refresh()`` (run first by every export, import, sync, hand-over and conflicts listing) scans the data rows: a
row with no sync state is new (a local write of all its fields); a field whose value's hash changed since the
last refresh is a local write (its waiting conflict values dropped: editing a field settles it); a sync state
whose row is gone is a local deletion. Several edits between two exchanges are one write. Taking a package in is
``services/team_apply.py``. Nothing is committed here: the caller commits the unit of work.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ilot_desktop.domain.team_merge import (
    DEL,
    Dot,
    Entry,
    Package,
    SyncRecord,
    Tombstone,
    canonical_json,
    conflicting_fields,
    current_values,
    delete_write,
    deletion_conflict,
    is_deleted,
    local_write,
    value_hash,
)
from ilot_desktop.storage.database import UnitOfWork
from ilot_desktop.storage.team_repo import KIND_ROWS, DataRow
from ilot_desktop.storage.team_state import SyncMeta

REPLICA_KEY = "team.replica_id"
SEQ_KEY = "team.seq"
EXPORTED_KEY = "team.exported_seq"
LAPTOP_CODE_KEY = "laptop_code"
ORIGIN = "_origin"  # pseudo-field of a participant: the code of the laptop she was created on


def replica_id(uow: UnitOfWork) -> str:
    """This vault's replica id (16 hex), drawn at first use (and again after a restore: see backup.py)."""
    rid = uow.settings.get(REPLICA_KEY)
    if not rid:
        rid = secrets.token_hex(8)
        uow.settings.set(REPLICA_KEY, rid)
    return rid


def meta_deleted(meta: SyncMeta) -> bool:
    return meta.mentions_deletion and any(len(d) > 3 and d[3] is not None for d in meta.dots.get(DEL, []))


def _row_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not k.startswith("_")}


class Engine:
    """The sync state of one vault within one unit of work."""

    def __init__(self, uow: UnitOfWork, now: datetime):
        self.uow = uow
        self.data = uow.team_data
        self.state = uow.team_state
        self.now = now
        self.at = now.replace(microsecond=0).isoformat()
        self.me = replica_id(uow)
        self.code = uow.settings.get(LAPTOP_CODE_KEY) or ""
        self.rows: dict[str, dict[str, DataRow]] = {}
        self.metas: dict[str, SyncMeta] = {}
        self.existing: set[str] = set()
        self.dirty: dict[str, SyncMeta] = {}
        self.cv: dict[str, dict[str, dict[Dot, Entry]]] = {}
        self.cv_dirty: set[str] = set()
        self.aliases: dict[str, str] = {}
        self.tombs: dict[str, Tombstone] = {}
        self.seq = 0

    # --- loading and saving -------------------------------------------------------------------------------------

    def load(self) -> None:
        self.rows = self.data.read_all()
        self.metas = self.state.metas()
        self.existing = set(self.metas)
        self.cv = self.state.conflict_values()
        self.aliases = self.state.aliases()
        self.tombs = self.state.tombstones()
        self.seq = max(int(self.uow.settings.get(SEQ_KEY) or 0), self.state.max_seq())

    def bump(self) -> int:
        self.seq += 1
        return self.seq

    def flush(self) -> None:
        """Write the changed sync states and conflict values (the caller commits)."""
        gone = self.existing - set(self.metas)
        if gone:
            self.state.delete_metas(gone)
            self.existing -= gone
        if self.dirty:
            self.state.save(self.dirty.values(), self.existing)
            self.existing |= set(self.dirty)
            self.dirty = {}
        for uid in self.cv_dirty:
            if uid in self.metas:
                self.state.set_conflict_values(uid, self.cv.get(uid, {}))
        self.cv_dirty = set()
        self.uow.settings.set(SEQ_KEY, str(self.seq))

    def row_of(self, uid: str, kind: str) -> DataRow | None:
        return self.rows.get(kind, {}).get(uid)

    # --- a record's full state ------------------------------------------------------------------------------

    def record(self, meta: SyncMeta, row_uid: str | None = None) -> SyncRecord:
        """The record with its values: the row's (or held) values, the conflict values, the inline ones."""
        row = self.row_of(row_uid or meta.uid, meta.kind)
        values = row.fields if row is not None else (meta.held or {})
        waiting = self.cv.get(meta.uid, {})
        rec = SyncRecord(meta.kind, dict(meta.ctx))
        for name, dots in meta.dots.items():
            entries: dict[Dot, Entry] = {}
            for d in dots:
                dot = (str(d[0]), int(d[1]))
                if len(d) > 3:
                    value = d[3]
                elif dot in waiting.get(name, {}):
                    value = waiting[name][dot][0]
                else:
                    value = values.get(name)
                entries[dot] = (value, str(d[2]))
            rec.fields[name] = entries
        return rec

    def store(self, uid: str, rec: SyncRecord, values: Mapping[str, Any] | None, bump: bool = True) -> SyncMeta:
        """Keep ``rec`` as the record's state. ``values``: what its data row now holds (None: no row here)."""
        old = self.metas.get(uid)
        meta = SyncMeta(uid, rec.kind, origin=old.origin if old else "", seq=old.seq if old else 0)
        here = _row_values(values) if values is not None else None
        held = None
        if here is None and not (is_deleted(rec) and not deletion_conflict(rec)):
            held = _row_values(current_values(rec, mine=self.me))
        compare = here if here is not None else (held or {})
        waiting: dict[str, dict[Dot, Entry]] = {}
        meta.ctx = dict(rec.ctx)
        for name, entries in rec.fields.items():
            listed: list[list[Any]] = []
            mine = canonical_json(compare.get(name)) if name in compare else None
            for dot, (value, at) in sorted(entries.items()):
                if name.startswith("_"):
                    listed.append([dot[0], dot[1], at, value])
                elif (here is None and held is None) or (mine is not None and canonical_json(value) == mine):
                    listed.append([dot[0], dot[1], at])
                else:
                    listed.append([dot[0], dot[1], at])
                    waiting.setdefault(name, {})[dot] = (value, at)
            meta.dots[name] = listed
        if here is not None:
            meta.hashes = {f: value_hash(v) for f, v in here.items()}
            meta.row_hash = value_hash(here)
        meta.held = held
        if ORIGIN in rec.fields and not meta.origin:
            meta.origin = str(next(iter(rec.fields[ORIGIN].values()))[0] or "")
        if bump or old is None:
            meta.seq = self.bump()
        if waiting or uid in self.cv:
            self.cv[uid] = waiting
            self.cv_dirty.add(uid)
        self.metas[uid] = meta
        self.dirty[uid] = meta
        return meta

    def forget(self, uids: Iterable[str]) -> None:
        """Drop records' sync states and conflict values (an erased person and her records)."""
        for uid in uids:
            self.metas.pop(uid, None)
            self.dirty.pop(uid, None)
            self.cv.pop(uid, None)
            self.cv_dirty.discard(uid)

    # --- change detection ---------------------------------------------------------------------------------

    def refresh(self) -> int:
        """Load, then record every local write and deletion since the last refresh; returns how many."""
        self.load()
        present: set[str] = set()
        changes = 0
        for kind, rows in self.rows.items():
            for uid, row in rows.items():
                present.add(uid)
                changes += self._refresh_row(kind, uid, row)
        for uid, meta in list(self.metas.items()):
            if uid in present or meta.has_held or meta_deleted(meta):
                continue
            self.store(uid, delete_write(self.record(meta), self.me, self.at), None)
            changes += 1
        return changes

    def _refresh_row(self, kind: str, uid: str, row: DataRow) -> int:
        row_hash = value_hash(row.fields)
        meta = self.metas.get(uid)
        if meta is not None and meta.row_hash == row_hash and not meta.has_held:
            return 0
        if meta is None:
            values = dict(row.fields)
            if kind == "participant":
                values[ORIGIN] = self.code
            self.store(uid, local_write(None, kind, self.me, values, self.at), row.fields)
            return 1
        changed = {f: v for f, v in row.fields.items() if meta.hashes.get(f) != value_hash(v)}
        rec = self.record(meta)
        if is_deleted(rec):
            changed[DEL] = None  # the row is here: kept or edited here, the deletion is undone
        if not changed:
            self.store(uid, rec, row.fields, bump=False)
            return 0
        self.store(uid, self._edit_keeping_others(rec, kind, changed), row.fields)
        return 1

    def _edit_keeping_others(self, rec: SyncRecord, kind: str, changed: Mapping[str, Any]) -> SyncRecord:
        """A local write; for a field in conflict it replaces only this laptop's own entry: the colleagues'
        values stay listed until a person chooses on the conflicts page."""
        waiting = set(conflicting_fields(rec)) & set(changed)
        out = local_write(rec, kind, self.me, changed, self.at)
        for name in waiting:
            others = {d: e for d, e in rec.fields[name].items() if d[0] != self.me}
            out.fields[name].update(others)
        return out

    # --- what goes out ------------------------------------------------------------------------------------

    def package(self, since: int, uids: set[str] | None = None, full: bool = False) -> Package:
        """The package of the records changed since ``since`` (or of ``uids``), with every tombstone and alias."""
        records = {
            uid: self.record(meta)
            for uid, meta in self.metas.items()
            if (uids is None and (full or meta.seq > since)) or (uids is not None and uid in uids)
        }
        codes = {rid: code for rid, code, _at in self.state.peers() if code}
        codes[self.me] = self.code
        return Package(
            package_id=secrets.token_hex(16),
            from_replica=self.me,
            from_code=self.code,
            created_at=self.at,
            full=full,
            records=records,
            tombstones=dict(self.tombs),
            aliases=dict(self.aliases),
            codes=codes,
        )

    def conflicted(self) -> list[tuple[str, SyncRecord]]:
        """Every record with a field in conflict or a deletion in conflict, by uid."""
        uids = set(self.cv) | {u for u, m in self.metas.items() if m.mentions_deletion}
        out = []
        for uid in sorted(uids):
            meta = self.metas.get(uid)
            if meta is None:
                continue
            rec = self.record(meta)
            if conflicting_fields(rec) or deletion_conflict(rec):
                out.append((uid, rec))
        return out

    def conflict_count(self) -> int:
        return sum(len(conflicting_fields(r)) + (1 if deletion_conflict(r) else 0) for _u, r in self.conflicted())


__all__ = ["KIND_ROWS", "Engine", "replica_id"]
