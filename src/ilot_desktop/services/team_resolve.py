"""Conflicts listed and settled: a choice is a local write of the chosen value covering every dot, so it travels
and settles the conflict on every laptop; « Garder les deux » writes both texts joined."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ilot_desktop.domain.team_merge import (
    DEL,
    SyncRecord,
    current_values,
    delete_write,
    keep_both_text,
    local_write,
)
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.team_apply import restore_kept_records
from ilot_desktop.services.team_sync import Engine
from ilot_desktop.services.team_view import Conflict, field_conflicts, field_label, record_label
from ilot_desktop.storage.team_repo import DataRow

NBSP = "\u00a0"
SETTLED = "Ce conflit a déjà été réglé (ou le dossier n'existe plus)."


def _owner(engine: Engine, rec_values: dict[str, Any], kind: str) -> str | None:
    if kind == "participant":
        return None
    if kind == "barrier_event":
        barrier = rec_values.get("barrier")
        row = engine.rows["barrier"].get(str(barrier)) if barrier else None
        held = engine.metas.get(str(barrier)) if barrier else None
        values = row.fields if row is not None else (held.held if held is not None and held.held else {})
        return values.get("participant") if values else None
    owner = rec_values.get("participant")
    return str(owner) if owner else None


def _context(engine: Engine, uid: str, rec: SyncRecord, values: dict[str, Any]) -> dict[str, Any]:
    owner = uid if rec.kind == "participant" else _owner(engine, values, rec.kind)
    person_row = engine.rows["participant"].get(owner) if owner else None
    person = ""
    if person_row is not None:
        f = person_row.fields
        person = f"{str(f.get('last_name', '')).upper()} {f.get('first_name', '')} ({f.get('file_number', '')})"
    return {
        "label": record_label(rec.kind, values),
        "person": person,
        "participant_id": person_row.key if person_row is not None else None,
    }


def _codes(engine: Engine) -> dict[str, str]:
    codes = {rid: code for rid, code, _at in engine.state.peers()}
    codes[engine.me] = engine.code or "cet ordinateur"
    return codes


def conflicts_of(engine: Engine) -> list[Conflict]:
    """Every conflict waiting on this laptop (the engine refreshed), field by field."""
    codes = _codes(engine)
    out: list[Conflict] = []
    for uid, rec in engine.conflicted():
        row = engine.row_of(uid, rec.kind)
        here = row.fields if row is not None else None
        values = current_values(rec, prefer=here)
        out.extend(field_conflicts(uid, rec, here, codes, _context(engine, uid, rec, values)))
    return sorted(out, key=lambda c: (c.person, c.record_label, c.field_label))


def resolve_in(engine: Engine, key: str, choice: int | Literal["both"]) -> tuple[int | None, str]:
    """Settle the conflict ``key``; returns (participant id, what the access log says)."""
    uid, _sep, name = key.rpartition(":")
    meta = engine.metas.get(uid)
    if meta is None:
        raise NotFoundError(SETTLED)
    rec = engine.record(meta)
    row = engine.row_of(uid, rec.kind)
    here = row.fields if row is not None else None
    found = [c for c in field_conflicts(uid, rec, here, _codes(engine), {}) if c.field == name]
    if not found:
        raise NotFoundError(SETTLED)
    conflict = found[0]
    context = _context(engine, uid, rec, current_values(rec, prefer=here))
    label = f"{context['label']}{NBSP}: {field_label(rec.kind, name)}"
    if name == DEL:
        _settle_deletion(engine, uid, rec, conflict, choice)
        return context["participant_id"], label
    if choice == "both":
        if not conflict.can_keep_both:
            raise ValidationError({"choice": "Seuls les textes libres peuvent être gardés tous les deux."})
        value: Any = str(conflict.values[0].value or "")
        for other in conflict.values[1:]:
            on: date | None = other.at.date() if other.at is not None else None
            value = keep_both_text(value, str(other.value or ""), other.by_code, on)
    else:
        if not isinstance(choice, int) or not 0 <= choice < len(conflict.values):
            raise ValidationError({"choice": "Choisissez l'une des valeurs proposées."})
        value = conflict.values[choice].value
    written = local_write(rec, rec.kind, engine.me, {name: value}, engine.at)
    if row is not None:
        engine.data.update(rec.kind, row.key, {name: value}, engine.now)
        row.fields[name] = value
        engine.store(uid, written, row.fields)
    else:
        engine.store(uid, written, None)
    return context["participant_id"], label


def _settle_deletion(
    engine: Engine, uid: str, rec: SyncRecord, conflict: Conflict, choice: int | Literal["both"]
) -> None:
    if not isinstance(choice, int) or not 0 <= choice < len(conflict.values):
        raise ValidationError({"choice": "Choisissez de garder ou de supprimer."})
    row = engine.row_of(uid, rec.kind)
    if conflict.values[choice].value == "delete":
        if row is not None:
            engine.data.delete(rec.kind, row.key)
            del engine.rows[rec.kind][uid]
        engine.store(uid, delete_write(rec, engine.me, engine.at), None)
        return
    values = {k: v for k, v in current_values(rec, prefer=row.fields if row else None).items() if not k.startswith("_")}
    written = local_write(rec, rec.kind, engine.me, {DEL: None, **values}, engine.at)
    if row is None:
        if engine.data.missing_parent(rec.kind, values):
            raise ValidationError(
                {"choice": f"Cet enregistrement ne peut pas revenir{NBSP}: son dossier n'existe plus ici."}
            )
        key = engine.data.insert(rec.kind, uid, values, engine.now)
        row = DataRow(key, dict(values))
        engine.rows[rec.kind][uid] = row
    engine.store(uid, written, row.fields)
    if rec.kind == "participant":
        restore_kept_records(engine)  # her records kept while her deletion waited: their deletion undone
