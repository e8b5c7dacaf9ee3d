"""Team work on the data rows: every synchronised record kind read as field dicts, merged records written back.

A record's fields are its table's columns but ``id``, ``uid``, ``created_at`` and ``updated_at``; a foreign key
travels as the parent's uid under the parent's name (``participant``, ``action``, ``barrier``). Values are JSON:
dates and moments as ISO text. Everything is read in bulk (one select per table), written by primary key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Date, DateTime, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ilot_desktop.errors import ConflictError
from ilot_desktop.storage.statements import table_of
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierEventRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    RegistrationRow,
    TaskRow,
)

# the kinds in the order they are applied: parents first
KIND_ROWS: dict[str, type] = {
    "participant": ParticipantRow,
    "collective_action": CollectiveActionRow,
    "barrier": BarrierRow,
    "appointment": AppointmentRow,
    "registration": RegistrationRow,
    "barrier_event": BarrierEventRow,
    "task": TaskRow,
    "outcome": OutcomeRow,
}
# foreign key column -> (field name, parent kind)
PARENT_COLUMNS: dict[str, tuple[str, str]] = {
    "participant_id": ("participant", "participant"),
    "action_id": ("action", "collective_action"),
    "barrier_id": ("barrier", "barrier"),
}
PARENT_KINDS = ("participant", "collective_action", "barrier")
_SKIP = {"id", "uid", "created_at", "updated_at"}

DUPLICATE = (
    "Ce paquet d'équipe donnerait à deux enregistrements de cet ordinateur la même référence d'action ou le même "
    "frein\u00a0: rien n'a été pris en compte. Réglez d'abord la différence sur l'un des deux ordinateurs."
)
RowKey = Any  # an id, or (action_id, participant_id) for a registration


@dataclass
class DataRow:
    key: RowKey
    fields: dict[str, Any]


def table(kind: str) -> Table:
    return table_of(KIND_ROWS[kind])


def field_columns(kind: str) -> list[str]:
    return [c.name for c in table(kind).columns if c.name not in _SKIP]


def field_names(kind: str) -> list[str]:
    return [PARENT_COLUMNS[c][0] if c in PARENT_COLUMNS else c for c in field_columns(kind)]


def _to_json(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _from_json(column: Any, value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value[:10])
    return value


def _key_of(kind: str, row: Any) -> RowKey:
    return (row.action_id, row.participant_id) if kind == "registration" else row.id


class TeamDataRepository:
    """The synchronised records' data rows (``uow.team_data``)."""

    def __init__(self, session: Session):
        self.session = session
        # parent kind -> {id: uid}, and back, kept up to date by the writes below
        self.uid_of: dict[str, dict[int, str]] = {}
        self.id_of: dict[str, dict[str, int]] = {}

    def load_parents(self) -> None:
        for kind in PARENT_KINDS:
            t = table(kind)
            pairs = self.session.execute(select(t.c.id, t.c.uid)).all()
            self.uid_of[kind] = {i: u for i, u in pairs}
            self.id_of[kind] = {u: i for i, u in pairs}

    def read_all(self) -> dict[str, dict[str, DataRow]]:
        """kind -> uid -> its row's key and field dict, one select per table."""
        self.load_parents()
        out: dict[str, dict[str, DataRow]] = {}
        for kind in KIND_ROWS:
            out[kind] = self.read_kind(kind)
        return out

    def read_kind(self, kind: str, uids: Iterable[str] | None = None) -> dict[str, DataRow]:
        t = table(kind)
        columns = field_columns(kind)
        query = select(t)
        if uids is not None:
            query = query.where(t.c.uid.in_(list(uids)))
        rows: dict[str, DataRow] = {}
        for row in self.session.execute(query):
            values: dict[str, Any] = {}
            for name in columns:
                value = getattr(row, name)
                if name in PARENT_COLUMNS:
                    field, parent = PARENT_COLUMNS[name]
                    values[field] = None if value is None else self.uid_of[parent].get(value)
                else:
                    values[name] = _to_json(value)
            rows[row.uid] = DataRow(_key_of(kind, row), values)
        return rows

    def missing_parent(self, kind: str, values: Mapping[str, Any]) -> bool:
        """Is a parent this record needs not (yet) here?"""
        for column, (field, parent) in PARENT_COLUMNS.items():
            uid = values.get(field) if column in table(kind).c else None
            if uid is not None and uid not in self.id_of[parent]:
                return True
        return False

    def _columns(self, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
        t = table(kind)
        out: dict[str, Any] = {}
        for name in field_columns(kind):
            if name in PARENT_COLUMNS:
                field, parent = PARENT_COLUMNS[name]
                if field in values:
                    uid = values[field]
                    out[name] = None if uid is None else self.id_of[parent][uid]
            elif name in values:
                out[name] = _from_json(t.c[name], values[name])
        return out

    def insert(self, kind: str, uid: str, values: Mapping[str, Any], now: datetime) -> RowKey:
        t = table(kind)
        columns = self._columns(kind, values)
        columns["uid"] = uid
        if "created_at" in t.c:
            columns["created_at"] = now
            columns["updated_at"] = now
        result = self.session.execute(insert(t).values(**columns))
        if kind == "registration":
            return columns["action_id"], columns["participant_id"]
        primary = cast("CursorResult[Any]", result).inserted_primary_key
        assert primary is not None
        new_id = int(primary[0])
        if kind in PARENT_KINDS:
            self.uid_of[kind][new_id] = uid
            self.id_of[kind][uid] = new_id
        return new_id

    def insert_many(self, kind: str, items: list[tuple[str, Mapping[str, Any]]], now: datetime) -> dict[str, RowKey]:
        """Insert rows in bulk (grouped by the columns they give); returns uid -> row key."""
        t = table(kind)
        stamped = "created_at" in t.c
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        keys: dict[str, RowKey] = {}
        for uid, values in items:
            columns = self._columns(kind, values)
            columns["uid"] = uid
            if stamped:
                columns["created_at"] = columns["updated_at"] = now
            groups.setdefault(tuple(sorted(columns)), []).append(columns)
            if kind == "registration":
                keys[uid] = (columns["action_id"], columns["participant_id"])
        for rows in groups.values():
            self._guarded(insert(t), rows)
        if kind != "registration":
            uids = [uid for uid, _values in items]
            for start in range(0, len(uids), 500):
                batch = uids[start : start + 500]
                keys.update({u: i for i, u in self.session.execute(select(t.c.id, t.c.uid).where(t.c.uid.in_(batch)))})
            if kind in PARENT_KINDS:
                for uid, key in keys.items():
                    self.uid_of[kind][key] = uid
                    self.id_of[kind][uid] = key
        return keys

    def update(self, kind: str, key: RowKey, values: Mapping[str, Any], now: datetime) -> None:
        t = table(kind)
        columns = self._columns(kind, values)
        if "updated_at" in t.c:
            columns["updated_at"] = now
        if columns:
            self._guarded(update(t).where(*self._where(kind, key)).values(**columns))

    def _guarded(self, statement: Any, rows: list[dict[str, Any]] | None = None) -> None:
        """A write that would give two records the same number, reference or barrier: refused, in French."""
        try:
            if rows is None:
                self.session.execute(statement)
            else:
                self.session.execute(statement, rows)
        except IntegrityError:
            raise ConflictError(DUPLICATE) from None

    def delete(self, kind: str, key: RowKey) -> None:
        t = table(kind)
        self.session.execute(delete(t).where(*self._where(kind, key)))

    def rename(self, kind: str, key: RowKey, new_uid: str) -> None:
        """A joined record takes the canonical uid."""
        t = table(kind)
        self.session.execute(update(t).where(*self._where(kind, key)).values(uid=new_uid))
        if kind in PARENT_KINDS:
            old = self.uid_of[kind].get(key)
            if old is not None:
                self.id_of[kind].pop(old, None)
            self.uid_of[kind][key] = new_uid
            self.id_of[kind][new_uid] = key

    def _where(self, kind: str, key: RowKey) -> list[Any]:
        t = table(kind)
        if kind == "registration":
            return [t.c.action_id == key[0], t.c.participant_id == key[1]]
        return [t.c.id == key]

    def file_numbers(self) -> dict[str, str]:
        """file number -> uid of the participant holding it."""
        t = table("participant")
        return {n: u for n, u in self.session.execute(select(t.c.file_number, t.c.uid))}

    def participant_ids(self) -> dict[str, int]:
        return dict(self.id_of.get("participant", {}))

    def children_uids(self, participant_uid: str) -> set[str]:
        """The uids of every record about a participant (not the participant herself)."""
        pid = self.session.scalar(select(ParticipantRow.id).where(ParticipantRow.uid == participant_uid))
        if pid is None:
            return set()
        out: set[str] = set()
        for row in (AppointmentRow, BarrierRow, RegistrationRow, TaskRow, OutcomeRow):
            t = table_of(row)
            out.update(self.session.scalars(select(t.c.uid).where(t.c.participant_id == pid)))
        barriers = select(BarrierRow.id).where(BarrierRow.participant_id == pid)
        out.update(self.session.scalars(select(BarrierEventRow.uid).where(BarrierEventRow.barrier_id.in_(barriers))))
        return out
