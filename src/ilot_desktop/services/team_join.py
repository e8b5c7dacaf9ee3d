"""Joins at take-in (rule 1 and the unique keys): a collective action with the same Réf. (or the same day, type
and title), a registration with the same action and person, a barrier with the same person, category and item are
one record: their uids aliased (the smaller canonical), their sync states merged, and when both rows are here the
other's records moved onto the canonical one and its row gone (a package never refused for it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ilot_desktop.domain.team_merge import (
    Package,
    SyncRecord,
    canonical,
    canonical_json,
    current_values,
    delete_write,
    is_deleted,
    join_aliases,
    merge_aliases,
    merge_records,
)
from ilot_desktop.services.team_sync import Engine
from ilot_desktop.storage.team_repo import DataRow

PARENT_FIELDS = {"participant": "participant", "action": "collective_action", "barrier": "barrier"}


# --- joins -------------------------------------------------------------------------------------------------------


def _canonical_records(records: Mapping[str, SyncRecord], aliases: Mapping[str, str]) -> dict[str, SyncRecord]:
    out: dict[str, SyncRecord] = {}
    for uid, rec in records.items():
        rec = rec.copy()
        for name in PARENT_FIELDS:
            for dot, (value, at) in list(rec.fields.get(name, {}).items()):
                if isinstance(value, str):
                    rec.fields[name][dot] = (canonical(value, aliases), at)
        key = canonical(uid, aliases)
        out[key] = rec if key not in out else merge_records(out[key], rec)
    return out


def _join_key(kind: str, values: Mapping[str, Any], aliases: Mapping[str, str]) -> list[Any]:
    def c(name: str) -> Any:
        v = values.get(name)
        return canonical(v, aliases) if isinstance(v, str) else v

    if kind == "collective_action":
        day = str(values.get("start") or "")[:10]
        return [("ref", values.get("reference")), ("when", day, values.get("action_type"), values.get("title"))]
    if kind == "barrier":
        return [(c("participant"), values.get("category"), values.get("item"))]
    if kind == "registration":
        return [(c("action"), c("participant"))]
    return []


def _join_kind(engine: Engine, kind: str, records: Mapping[str, SyncRecord], aliases: dict[str, str]) -> int:
    index: dict[str, str] = {}
    for uid, row in engine.rows[kind].items():
        for key in _join_key(kind, row.fields, aliases):
            index.setdefault(canonical_json(key), canonical(uid, aliases))
    joined = 0
    for uid, rec in records.items():
        if rec.kind != kind or is_deleted(rec):
            continue
        keys = _join_key(kind, current_values(rec), aliases)
        if uid in engine.metas or uid in engine.rows[kind]:  # known here: renamed onto another's reference
            keys = keys[:1] if kind == "collective_action" else keys  # (or barrier): the same record, joined
        for key in keys:
            local = index.get(canonical_json(key))
            if local is not None and canonical(local, aliases) != canonical(uid, aliases):
                aliases.update(merge_aliases(aliases, join_aliases(uid, local)))
                joined += 1
                break
    return joined


def joined(engine: Engine, pkg: Package) -> tuple[dict[str, SyncRecord], int]:
    """The package's records under canonical uids, and how many collective actions were joined."""
    actions = 0
    aliases = merge_aliases(engine.aliases, pkg.aliases)
    for kind in ("collective_action", "barrier", "registration"):
        records = _canonical_records(pkg.records, aliases)
        joined = _join_kind(engine, kind, records, aliases)
        if kind == "collective_action":
            actions += joined
        aliases = merge_aliases(aliases)
    if aliases != engine.aliases:
        engine.aliases = aliases
        engine.state.set_aliases(aliases)
        engine.bump()
        _rename_local(engine, aliases)
    return _canonical_records(pkg.records, aliases), actions


def _rename_local(engine: Engine, aliases: Mapping[str, str]) -> None:
    """Local rows and states under a non-canonical uid take the canonical one (merged with it when both exist)."""
    for kind, rows in engine.rows.items():
        for row in rows.values():
            for name in PARENT_FIELDS:
                if isinstance(row.fields.get(name), str):
                    row.fields[name] = canonical(row.fields[name], aliases)
        for uid in [u for u in rows if canonical(u, aliases) != u]:
            target = canonical(uid, aliases)
            if target in rows:
                continue
            row = rows.pop(uid)
            engine.data.rename(kind, row.key, target)
            rows[target] = row
    moved = {
        uid: engine.record(meta, row_uid=canonical(uid, aliases) if engine.row_of(uid, meta.kind) is None else uid)
        for uid, meta in engine.metas.items()
        if canonical(uid, aliases) != uid
    }
    for kind, rows in engine.rows.items():
        for uid in [u for u in rows if canonical(u, aliases) != u and canonical(u, aliases) in rows]:
            _fold_row(engine, kind, uid, canonical(uid, aliases))
    for uid, rec in moved.items():
        target = canonical(uid, aliases)
        engine.forget([uid])
        other = engine.metas.get(target)
        if other is not None:
            rec = merge_records(engine.record(other), rec)
        target_row = engine.row_of(target, rec.kind)
        engine.store(target, rec, target_row.fields if target_row is not None else None)


def _fold_row(engine: Engine, kind: str, uid: str, target: str) -> None:
    """Two rows here joined as one record (rule 1: the same Réf., the same barrier): the records under ``uid``
    move to ``target`` (a registration already there for the same person is that one), ``uid``'s row goes."""
    name = {"collective_action": "action", "barrier": "barrier"}.get(kind)
    old_key = engine.rows[kind][uid].key
    for child_kind, rows in engine.rows.items():
        for child, row in list(rows.items()):
            if name is None or child_kind == kind or row.fields.get(name) not in (uid, target):
                continue
            row.fields[name] = target
            if child_kind == "registration":
                if row.key[0] != old_key:
                    continue
                twin = [u for u, r in rows.items() if u != child and r.key[0] != old_key and _same_person(r, row)]
                if twin:  # registered in both: one registration, this one a local deletion
                    engine.data.delete(child_kind, row.key)
                    del rows[child]
                    meta = engine.metas.get(child)
                    if meta is not None:
                        engine.store(child, delete_write(engine.record(meta), engine.me, engine.at), None)
                    continue
                engine.data.update(child_kind, row.key, {name: target}, engine.now)
                row.key = (engine.data.id_of[kind][target], row.key[1])
            else:
                engine.data.update(child_kind, row.key, {name: target}, engine.now)
    engine.data.delete(kind, old_key)
    del engine.rows[kind][uid]


def _same_person(a: DataRow, b: DataRow) -> bool:
    return bool(a.fields.get("participant") == b.fields.get("participant"))
