"""Taking a team package in, within the caller's one unit of work (all or nothing).

Order: erasure tombstones first (the person erased here too, her records dropped, never brought back); joins
(a collective action with the same Réf., or the same day, type and title; a registration with the same action and
person; a barrier with the same person, category and item: the two uids aliased, the smaller canonical); then
every record merged with this laptop's and written back, parents first (a child whose parent is not here yet
waits); a participant whose number is held here by another person is renumbered (a local write: it travels);
anonymisation tombstones last (the person anonymised here too, conflicts about her settled on her anonymised
values).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.privacy import anonymised_participant, anonymous_number
from ilot_desktop.domain.team_merge import (
    DEL,
    ERASED,
    Package,
    SyncRecord,
    canonical_json,
    conflicting_fields,
    current_values,
    deletion_conflict,
    is_deleted,
    local_write,
    merge_records,
    renumbered,
    same_record,
)
from ilot_desktop.services.audit import record_in
from ilot_desktop.services.clock import SessionClock
from ilot_desktop.services.team_join import PARENT_FIELDS, joined
from ilot_desktop.services.team_sync import ORIGIN, Engine, meta_deleted
from ilot_desktop.storage.team_repo import KIND_ROWS, DataRow
from ilot_desktop.storage.team_state import SyncMeta


@dataclass
class Applied:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    erased: int = 0
    anonymised: int = 0
    joined_actions: int = 0


def _row_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not k.startswith("_")}


def take_in(engine: Engine, pkg: Package, clock: SessionClock) -> Applied:
    """Merge a decoded package into the loaded (refreshed) engine; the caller flushes and commits."""
    out = Applied()
    dropped: set[str] = set()
    anonymise = _tombstones(engine, pkg, out, clock, dropped)
    incoming, out.joined_actions = joined(engine, pkg)
    for kind in KIND_ROWS:
        uids = [u for u, r in incoming.items() if r.kind == kind]
        if kind == "participant":  # known files first: a renumbered one frees its number for a new one
            uids.sort(key=lambda u: u not in engine.rows["participant"])
        waiting = [u for u, m in engine.metas.items() if m.kind == kind and m.has_held and u not in incoming]
        new: list[str] = []
        for uid in uids + waiting:
            _apply_one(engine, uid, incoming.get(uid), out, pkg.from_code, dropped, new)
        if new:  # in bulk, before the children that need their ids
            rows = engine.rows[kind]
            keys = engine.data.insert_many(kind, [(u, rows[u].fields) for u in new], engine.now)
            for uid in new:
                rows[uid].key = keys[uid]
    _anonymisations(engine, anonymise, incoming, out, clock, pkg.from_code)
    restore_kept_records(engine)
    return out


def _person_of(engine: Engine, fields: Mapping[str, Any]) -> str | None:
    """The uid of the participant a record is about (a barrier step through its barrier)."""
    owner = fields.get("participant")
    if owner is None and fields.get("barrier"):
        barrier = engine.rows["barrier"].get(str(fields["barrier"]))
        owner = barrier.fields.get("participant") if barrier is not None else None
    return str(owner) if owner else None


def _person_waits(engine: Engine, fields: Mapping[str, Any]) -> bool:
    """Is the person this record is about deleted on one laptop and changed on another, nobody chose yet?"""
    owner = _person_of(engine, fields)
    meta = engine.metas.get(owner) if owner else None
    return meta is not None and meta.mentions_deletion and deletion_conflict(engine.record(meta))


def restore_kept_records(engine: Engine) -> None:
    """Records whose deletion came with their person's while her deletion waited kept their rows; once she is
    kept (a person chose), their deletion is undone (a local write: it travels, so every laptop gets them back)."""
    for kind in KIND_ROWS:
        if kind in ("participant", "collective_action"):
            continue
        for uid, row in engine.rows[kind].items():
            meta = engine.metas.get(uid)
            if meta is None or not meta_deleted(meta):
                continue
            owner = _person_of(engine, row.fields)
            person = engine.metas.get(owner) if owner and owner in engine.rows["participant"] else None
            if person is None or is_deleted(engine.record(person)):
                continue
            rec = engine.record(meta)
            if not deletion_conflict(rec):
                engine.store(uid, local_write(rec, kind, engine.me, {DEL: None}, engine.at), row.fields)


# --- tombstones ------------------------------------------------------------------------------------------------


def _tombstones(engine: Engine, pkg: Package, out: Applied, clock: SessionClock, dropped: set[str]) -> set[str]:
    anonymise: set[str] = set()
    for uid, tomb in sorted(pkg.tombstones.items()):
        mine = engine.tombs.get(uid)
        new = tomb if mine is None else max(mine, tomb)
        if mine == new:
            continue
        engine.tombs[uid] = new
        engine.state.put_tombstone(uid, new)
        engine.bump()
        if new.reason == ERASED:
            out.erased += _erase_here(engine, uid, clock, pkg.from_code, dropped)
        else:
            anonymise.add(uid)
    dropped.update(u for u, t in engine.tombs.items() if t.reason == ERASED)
    return anonymise


def children(engine: Engine, participant_uid: str) -> set[str]:
    """Every record about a participant known here (rows and records waiting), barrier steps included."""
    kids: set[str] = set()
    barriers: set[str] = set()
    for kind, rows in engine.rows.items():
        for uid, row in rows.items():
            if row.fields.get("participant") == participant_uid:
                kids.add(uid)
                if kind == "barrier":
                    barriers.add(uid)
    for uid, meta in engine.metas.items():
        if meta.has_held and meta.held and meta.held.get("participant") == participant_uid:
            kids.add(uid)
            if meta.kind == "barrier":
                barriers.add(uid)
    for uid, row in engine.rows["barrier_event"].items():
        if row.fields.get("barrier") in barriers:
            kids.add(uid)
    kids.update(u for u, m in engine.metas.items() if m.has_held and m.held and m.held.get("barrier") in barriers)
    return kids


def _erase_here(engine: Engine, uid: str, clock: SessionClock, code: str, dropped: set[str]) -> int:
    gone = {uid} | children(engine, uid)
    dropped.update(gone)
    row = engine.rows["participant"].get(uid)
    if row is not None:
        engine.uow.privacy.erase(row.key)
        detail = f"N° {row.fields.get('file_number', '')}, reçu de {code}"
        record_in(engine.uow, clock, AuditAction.PARTICIPANT_ERASED, row.key, detail)
    for rows in engine.rows.values():
        for g in gone & set(rows):
            del rows[g]
    engine.forget(gone)
    return 1 if row is not None else 0


def _anonymisations(
    engine: Engine, pending: set[str], incoming: Mapping[str, SyncRecord], out: Applied, clock: SessionClock, code: str
) -> None:
    anonymised = {u for u, t in engine.tombs.items() if t.reason != ERASED}
    touched = set(pending)
    for uid, rec in incoming.items():
        owner = uid if rec.kind == "participant" else current_values(rec).get("participant")
        if owner in anonymised:
            touched.add(str(owner))
    uow = engine.uow
    for uid in sorted(touched):
        row = engine.rows["participant"].get(uid)
        participant = uow.participants.get(row.key) if row is not None else None
        if row is None or participant is None:
            continue
        if participant.anonymised_on is None:
            number = anonymous_number(set(uow.participants.file_numbers()))
            uow.participants.update(anonymised_participant(participant, number, clock()), clock.now_to_the_second())
            uow.audit.replace_in_details(row.key, participant.file_number, number)
            detail = f"N° {number}, reçu de {code}"
            record_in(uow, clock, AuditAction.PARTICIPANT_ANONYMISED, row.key, detail)
            out.anonymised += 1
        else:  # anonymised already: what came with it (a concurrent edit) is anonymised too
            again = anonymised_participant(participant, participant.file_number, participant.anonymised_on)
            uow.participants.update(again, clock.now_to_the_second())
        uow.privacy.anonymise_records(row.key)
        _settle_on_rows(engine, {uid} | children(engine, uid))


def _settle_on_rows(engine: Engine, uids: set[str]) -> None:
    """The conflicts about an anonymised person settled on what the rows now hold (no old value waits)."""
    for kind in KIND_ROWS:
        mine = [u for u in uids if u in engine.rows[kind] or (u in engine.metas and engine.metas[u].kind == kind)]
        if not mine:
            continue
        fresh = engine.data.read_kind(kind, mine)
        for uid in mine:
            row = fresh.get(uid)
            if row is None:
                engine.rows[kind].pop(uid, None)
                continue
            engine.rows[kind][uid] = row
            meta = engine.metas.get(uid)
            if meta is None:
                continue
            rec = engine.record(meta)
            shown = current_values(rec, mine=engine.me)
            fields = set(conflicting_fields(rec))
            changed = {
                f: v for f, v in row.fields.items() if f in fields or canonical_json(shown.get(f)) != canonical_json(v)
            }
            if changed:
                rec = local_write(rec, kind, engine.me, changed, engine.at)
            engine.store(uid, rec, row.fields, bump=bool(changed))


# --- one record ----------------------------------------------------------------------------------------------


def _apply_one(
    engine: Engine, uid: str, theirs: SyncRecord | None, out: Applied, code: str, dropped: set[str], new: list[str]
) -> None:
    """Merge one record and write it back; a new row is queued in ``new`` (inserted in bulk by the caller)."""
    meta = engine.metas.get(uid)
    if theirs is None and meta is None:
        return
    kind = theirs.kind if theirs is not None else meta.kind  # type: ignore[union-attr]
    if meta is not None and theirs is not None and not meta.has_held and _same_state(meta, theirs):
        out.unchanged += 1  # a record already held as it is (a forwarded full package): no merge, no write
        return
    row = engine.row_of(uid, kind)
    mine = engine.record(meta) if meta is not None else None
    merged = (theirs.copy() if mine is None else merge_records(mine, theirs)) if theirs is not None else mine
    assert merged is not None
    waiting = meta is not None and meta.has_held and mine is not None and not is_deleted(mine)
    if mine is not None and meta is not None and not waiting and _unchanged(mine, merged, row is None):
        out.unchanged += 1
        return
    values = current_values(merged, mine=engine.me)
    here = _row_values(values)
    if uid in dropped or any(here.get(f) in dropped for f in PARENT_FIELDS if here.get(f)):
        dropped.add(uid)
        engine.forget([uid])
        if row is not None:
            engine.data.delete(kind, row.key)
            del engine.rows[kind][uid]
        return
    if is_deleted(merged) and (not deletion_conflict(merged) or _deleted_by(merged, engine.me)):
        _apply_deletion(engine, uid, kind, merged, row)
        out.updated += 1
        return
    if engine.data.missing_parent(kind, here):
        engine.store(uid, merged, None)  # waits for its parent
        return
    if kind == "participant":
        merged, here = _number(engine, uid, merged, values, here, out, code)
    if row is None:
        row = DataRow(None, dict(here))
        engine.rows[kind][uid] = row
        new.append(uid)
        out.new += 1
    else:
        diff = {f: v for f, v in here.items() if canonical_json(row.fields.get(f)) != canonical_json(v)}
        if kind == "participant" and "file_number" in diff and _created_here(engine, uid, values):
            out.renumbered.append((str(row.fields.get("file_number") or ""), str(diff["file_number"])))
        if diff:
            engine.data.update(kind, row.key, diff, engine.now)
            row.fields.update(diff)
        out.updated += 1
    engine.store(uid, merged, row.fields)


def _same_state(meta: SyncMeta, theirs: SyncRecord) -> bool:
    """The same ctx and the same dots per field: the same state (values written under one dot are one write)."""
    if meta.ctx != theirs.ctx or meta.dots.keys() != theirs.fields.keys():
        return False
    for name, dots in meta.dots.items():
        entries = theirs.fields[name]
        if len(dots) != len(entries) or any((str(d[0]), int(d[1])) not in entries for d in dots):
            return False
        if name.startswith("_") and any(
            canonical_json(d[3] if len(d) > 3 else None) != canonical_json(entries[(str(d[0]), int(d[1]))][0])
            for d in dots
        ):
            return False
    return True


def _unchanged(mine: SyncRecord, merged: SyncRecord, no_row: bool) -> bool:
    """Nothing new: the same record; for one deleted here without conflict, the same writes (the values it no
    longer holds may come back from a copy that has them: they are not kept)."""
    if same_record(mine, merged):
        return True
    if not (no_row and is_deleted(merged) and not deletion_conflict(merged)) or mine.ctx != merged.ctx:
        return False
    return {n: set(es) for n, es in mine.fields.items()} == {n: set(es) for n, es in merged.fields.items()}


def _deleted_by(rec: SyncRecord, replica: str) -> bool:
    return any(d[0] == replica and v is not None for d, (v, _at) in rec.fields.get(DEL, {}).items())


def _apply_deletion(engine: Engine, uid: str, kind: str, merged: SyncRecord, row: DataRow | None) -> None:
    if deletion_conflict(merged):  # deleted here, changed there: listed, and still deleted here
        engine.store(uid, merged, row.fields if row is not None else None)
        return
    if row is not None and _person_waits(engine, row.fields):
        engine.store(uid, merged, row.fields)  # her deletion waits for a choice: her records stay until then
        return
    if row is not None:
        engine.data.delete(kind, row.key)
        del engine.rows[kind][uid]
    engine.store(uid, merged, None)


def _number(
    engine: Engine,
    uid: str,
    merged: SyncRecord,
    values: Mapping[str, Any],
    here: dict[str, Any],
    out: Applied,
    code: str,
) -> tuple[SyncRecord, dict[str, Any]]:
    """A number held here by another person (rule 2): the incoming file gets one carrying the code of the laptop
    it was created on. When neither was numbered on this laptop, the smaller uid keeps the number, whichever came
    first (the same file whatever the order packages came in)."""
    numbers = {r.fields.get("file_number"): u for u, r in engine.rows["participant"].items()}
    number = here.get("file_number")
    holder = numbers.get(number)
    if not isinstance(number, str) or holder is None or holder == uid:
        return merged, here
    if not _numbered_here(engine, holder) and uid < holder:
        _renumber_holder(engine, holder, numbers, out, code)
        return merged, here
    change = _new_number(number, str(values.get(ORIGIN) or code or "X"), here, numbers)
    out.renumbered.append((number, change["file_number"]))
    return local_write(merged, "participant", engine.me, change, engine.at), {**here, **change}


def _new_number(number: str, origin: str, values: Mapping[str, Any], numbers: Mapping[Any, str]) -> dict[str, str]:
    new = renumbered(number, origin, lambda n: n in numbers)
    former = ", ".join(x for x in (str(values.get("former_numbers") or ""), number) if x)
    return {"file_number": new, "former_numbers": former}


def _created_here(engine: Engine, uid: str, values: Mapping[str, Any]) -> bool:
    """A file created on this laptop (its caseworker is told when a colleague's package renumbers it)."""
    meta = engine.metas.get(uid)
    origin = values.get(ORIGIN) or (meta.origin if meta is not None else "")
    return bool(engine.code) and origin == engine.code


def _numbered_here(engine: Engine, uid: str) -> bool:
    """Was this file's current number given on this laptop (created or renumbered here)?"""
    meta = engine.metas.get(uid)
    if meta is None:
        return True
    return any(d[0] == engine.me for d in meta.dots.get("file_number", []))


def _renumber_holder(engine: Engine, holder: str, numbers: Mapping[Any, str], out: Applied, code: str) -> None:
    row = engine.rows["participant"][holder]
    meta = engine.metas[holder]
    rec = engine.record(meta)
    origin = str(current_values(rec).get(ORIGIN) or meta.origin or code or "X")
    number = str(row.fields.get("file_number"))
    change = _new_number(number, origin, row.fields, numbers)
    if row.key is not None:
        engine.data.update("participant", row.key, change, engine.now)
    row.fields.update(change)
    engine.store(holder, local_write(rec, "participant", engine.me, change, engine.at), row.fields)
    out.renumbered.append((number, change["file_number"]))
