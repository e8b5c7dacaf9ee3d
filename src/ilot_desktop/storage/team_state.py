"""Team work's own tables (0008): records' sync states, conflict values, tombstones, aliases, peers, packages,
hand-overs. Values are JSON text; everything is read in bulk."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, union_all, update
from sqlalchemy.orm import Session

from ilot_desktop.domain.team_merge import Dot, Entry, Tombstone
from ilot_desktop.storage.tables import (
    SyncAliasRow,
    SyncConflictValueRow,
    SyncHandoverRow,
    SyncPackageRow,
    SyncPeerRow,
    SyncRecordRow,
    SyncTombstoneRow,
)

_CHUNK = 500  # bound on the parameters of one IN (...)


class SyncMeta:
    """A record's stored sync state. ``dots``: field -> [[replica, n, at], ...]; an entry has a 4th element, its
    value, when the value is not in the data row (pseudo-fields such as ``_del``). The JSON is parsed only when
    read: a refresh compares ``row_hash`` alone for a row that did not change."""

    def __init__(
        self,
        uid: str,
        kind: str,
        origin: str = "",
        seq: int = 0,
        row_hash: str = "",
        raw: tuple[str, str, str | None] | None = None,
    ) -> None:
        self.uid = uid
        self.kind = kind
        self.origin = origin
        self.seq = seq
        self.row_hash = row_hash
        self._raw = raw  # (state, hashes, held) as stored
        self._state: dict[str, Any] | None = None if raw else {"c": {}, "f": {}}
        self._hashes: dict[str, str] | None = None if raw else {}
        self._held: dict[str, Any] | None = None
        self._held_parsed = raw is None

    def _parsed_state(self) -> dict[str, Any]:
        if self._state is None:
            assert self._raw is not None
            self._state = json.loads(self._raw[0])
        return self._state

    @property
    def ctx(self) -> dict[str, int]:
        return self._parsed_state()["c"]

    @ctx.setter
    def ctx(self, value: dict[str, int]) -> None:
        self._parsed_state()["c"] = value

    @property
    def dots(self) -> dict[str, list[list[Any]]]:
        return self._parsed_state()["f"]

    @dots.setter
    def dots(self, value: dict[str, list[list[Any]]]) -> None:
        self._parsed_state()["f"] = value

    @property
    def hashes(self) -> dict[str, str]:
        if self._hashes is None:
            assert self._raw is not None
            self._hashes = json.loads(self._raw[1])
        return self._hashes

    @hashes.setter
    def hashes(self, value: dict[str, str]) -> None:
        self._hashes = value

    @property
    def held(self) -> dict[str, Any] | None:
        if not self._held_parsed:
            assert self._raw is not None
            self._held = None if self._raw[2] is None else json.loads(self._raw[2])
            self._held_parsed = True
        return self._held

    @held.setter
    def held(self, value: dict[str, Any] | None) -> None:
        self._held = value
        self._held_parsed = True

    @property
    def has_held(self) -> bool:
        return self.held is not None if self._held_parsed else self._raw is not None and self._raw[2] is not None

    @property
    def mentions_deletion(self) -> bool:
        """Cheap: could this record hold a deletion (``_del``)?"""
        return '"_del"' in self._raw[0] if self._state is None and self._raw else "_del" in self.dots

    def as_row(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "kind": self.kind,
            "state": json.dumps({"c": self.ctx, "f": self.dots}, ensure_ascii=False, separators=(",", ":")),
            "hashes": json.dumps(self.hashes, separators=(",", ":")),
            "row_hash": self.row_hash,
            "held": None if self.held is None else json.dumps(self.held, ensure_ascii=False, separators=(",", ":")),
            "origin": self.origin,
            "seq": self.seq,
        }


def _meta(row: Any) -> SyncMeta:
    return SyncMeta(row.uid, row.kind, row.origin, row.seq, row.row_hash, (row.state, row.hashes, row.held))


def _chunks(items: Iterable[str]) -> Iterable[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


class TeamStateRepository:
    """``uow.team_state``."""

    def __init__(self, session: Session):
        self.session = session

    # --- records --------------------------------------------------------------------------------------------

    def metas(self, uids: Iterable[str] | None = None) -> dict[str, SyncMeta]:
        if uids is None:
            return {r.uid: _meta(r) for r in self.session.execute(select(SyncRecordRow.__table__))}
        out: dict[str, SyncMeta] = {}
        for batch in _chunks(uids):
            query = select(SyncRecordRow.__table__).where(SyncRecordRow.uid.in_(batch))
            out.update({r.uid: _meta(r) for r in self.session.execute(query)})
        return out

    def deleted_or_held(self) -> dict[str, SyncMeta]:
        """The records with no usual data row: deleted ones and those waiting for a parent."""
        query = select(SyncRecordRow.__table__).where(
            SyncRecordRow.held.is_not(None) | SyncRecordRow.state.contains('"_del":')
        )
        return {r.uid: _meta(r) for r in self.session.execute(query)}

    def save(self, metas: Iterable[SyncMeta], existing: set[str]) -> None:
        new: list[dict[str, Any]] = []
        old: list[dict[str, Any]] = []
        for m in metas:
            (old if m.uid in existing else new).append(m.as_row())
        if new:
            self.session.execute(insert(SyncRecordRow), new)
        if old:
            self.session.execute(update(SyncRecordRow), old)

    def held_mentioning(self, uids: Iterable[str]) -> set[str]:
        """Records waiting or deleted here whose held values name one of ``uids`` (a parent)."""
        out: set[str] = set()
        for uid in uids:
            query = select(SyncRecordRow.uid).where(SyncRecordRow.held.contains(uid))
            out.update(self.session.scalars(query))
        return out

    def delete_metas(self, uids: Iterable[str]) -> None:
        for batch in _chunks(uids):
            self.session.execute(delete(SyncRecordRow).where(SyncRecordRow.uid.in_(batch)))
            self.session.execute(delete(SyncConflictValueRow).where(SyncConflictValueRow.uid.in_(batch)))

    def max_seq(self) -> int:
        return int(self.session.scalar(select(func.max(SyncRecordRow.seq))) or 0)

    # --- conflict values ------------------------------------------------------------------------------------

    def conflict_values(self, uids: Iterable[str] | None = None) -> dict[str, dict[str, dict[Dot, Entry]]]:
        out: dict[str, dict[str, dict[Dot, Entry]]] = {}
        t = SyncConflictValueRow.__table__
        queries = (
            [select(t)]
            if uids is None
            else [select(t).where(SyncConflictValueRow.uid.in_(batch)) for batch in _chunks(uids)]
        )
        for query in queries:
            for r in self.session.execute(query):
                out.setdefault(r.uid, {}).setdefault(r.field, {})[(r.replica, r.n)] = (json.loads(r.value), r.at)
        return out

    def waiting_about(self, participant_id: int) -> list[tuple[str, bool]]:
        """One query: the sync states of this person's file and records (still here) that hold a conflict value or
        mention a deletion, as (state JSON, has conflict values)."""
        from ilot_desktop.storage.team_repo import table

        owned = [select(table("participant").c.uid).where(table("participant").c.id == participant_id)]
        for kind in ("appointment", "registration", "barrier", "task", "outcome"):
            owned.append(select(table(kind).c.uid).where(table(kind).c.participant_id == participant_id))
        events, barriers = table("barrier_event"), table("barrier")
        owned.append(
            select(events.c.uid)
            .join(barriers, events.c.barrier_id == barriers.c.id)
            .where(barriers.c.participant_id == participant_id)
        )
        valued = select(SyncConflictValueRow.uid).where(SyncConflictValueRow.uid == SyncRecordRow.uid).exists()
        query = select(SyncRecordRow.state, valued).where(
            SyncRecordRow.uid.in_(union_all(*owned).scalar_subquery()),
            or_(valued, SyncRecordRow.state.contains('"_del"')),
        )
        return [(str(state), bool(has)) for state, has in self.session.execute(query)]

    def conflicted_uids(self) -> set[str]:
        return set(self.session.scalars(select(SyncConflictValueRow.uid).distinct()))

    def set_conflict_values(self, uid: str, values: Mapping[str, Mapping[Dot, Entry]]) -> None:
        self.session.execute(delete(SyncConflictValueRow).where(SyncConflictValueRow.uid == uid))
        rows = [
            {
                "uid": uid,
                "field": name,
                "replica": dot[0],
                "n": dot[1],
                "value": json.dumps(value, ensure_ascii=False),
                "at": at,
            }
            for name, entries in values.items()
            for dot, (value, at) in entries.items()
        ]
        if rows:
            self.session.execute(insert(SyncConflictValueRow), rows)

    def clear_conflict_values(self, uid: str, fields: Iterable[str]) -> None:
        self.session.execute(
            delete(SyncConflictValueRow).where(
                SyncConflictValueRow.uid == uid, SyncConflictValueRow.field.in_(list(fields))
            )
        )

    # --- tombstones and aliases -----------------------------------------------------------------------------

    def tombstones(self) -> dict[str, Tombstone]:
        rows = self.session.execute(select(SyncTombstoneRow.__table__))
        return {r.uid: Tombstone.of(r.reason, r.on_date, r.from_replica, r.kind) for r in rows}

    def put_tombstone(self, uid: str, tomb: Tombstone) -> None:
        self.session.execute(delete(SyncTombstoneRow).where(SyncTombstoneRow.uid == uid))
        self.session.execute(
            insert(SyncTombstoneRow).values(
                uid=uid, kind=tomb.kind, reason=tomb.reason, on_date=tomb.on, from_replica=tomb.from_replica
            )
        )

    def aliases(self) -> dict[str, str]:
        return {u: c for u, c in self.session.execute(select(SyncAliasRow.uid, SyncAliasRow.canonical_uid))}

    def set_aliases(self, aliases: Mapping[str, str]) -> None:
        self.session.execute(delete(SyncAliasRow))
        if aliases:
            self.session.execute(insert(SyncAliasRow), [{"uid": u, "canonical_uid": c} for u, c in aliases.items()])

    # --- peers, packages, hand-overs ------------------------------------------------------------------------

    def peers(self) -> list[tuple[str, str, datetime | None]]:
        """(replica id, code, last package taken in) of every known laptop."""
        query = select(SyncPeerRow.replica_id, SyncPeerRow.code, SyncPeerRow.last_package_at)
        return [(r, c, at) for r, c, at in self.session.execute(query.order_by(SyncPeerRow.code))]

    def see_peer(self, replica: str, code: str, at: datetime | None) -> None:
        row = self.session.get(SyncPeerRow, replica)
        if row is None:
            self.session.add(SyncPeerRow(replica_id=replica, code=code, first_seen=at, last_package_at=at))
        else:
            if code:
                row.code = code
            if at is not None and (row.last_package_at is None or at > row.last_package_at):
                row.last_package_at = at
        self.session.flush()

    def package_taken(self, package_id: str) -> bool:
        return self.session.get(SyncPackageRow, package_id) is not None

    def add_package(self, package_id: str, direction: str, at: datetime, records: int, conflicts: int) -> None:
        self.session.add(
            SyncPackageRow(package_id=package_id, direction=direction, at=at, records=records, conflicts=conflicts)
        )
        self.session.flush()

    def last_sent_at(self) -> datetime | None:
        return self.session.scalar(select(func.max(SyncPackageRow.at)).where(SyncPackageRow.direction == "out"))

    def add_handover(self, participant_uid: str, to_label: str, at: datetime) -> None:
        self.session.add(SyncHandoverRow(participant_uid=participant_uid, to_label=to_label, at=at))
        self.session.flush()

    def handovers(self, participant_uid: str) -> list[tuple[str, datetime]]:
        query = (
            select(SyncHandoverRow.to_label, SyncHandoverRow.at)
            .where(SyncHandoverRow.participant_uid == participant_uid)
            .order_by(SyncHandoverRow.at, SyncHandoverRow.id)
        )
        return [(label, at) for label, at in self.session.execute(query)]
