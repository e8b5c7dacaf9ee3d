"""Team work's merge (issue 15, ``docs/team-engine.md``): pure, state-based, one record at a time.

Every synchronised record (participant, appointment, collective action, registration, barrier, barrier event,
task, outcome) carries a version vector ``ctx`` (``{replica_id: n}``, n = how many writes that laptop made to the
record) and, per field, a multi-value register: ``{(replica_id, n): (value, at)}`` (``at``: ISO moment of the
write, to say who changed what when). A local write on replica r takes ``n = ctx[r] + 1`` and replaces the
written fields' entries by that one dot (the writer saw them all). The merge keeps an entry when the other side
has it too or has not seen it (its ``ctx`` does not cover the dot): an entry disappears only when the other side
had seen it and replaced it. A field left with several different values **is** a conflict, listed for a person;
a person's choice is just another write. Deleting an appointment (task, step, …) writes the pseudo-field
``_del`` whose value is the deleter's ``ctx``: an edit it had not seen is a « supprimé ici / modifié là » conflict.

Erasure and retention leave tombstones (union, the stronger wins); joined collective actions leave aliases (the
smaller uid is canonical, union). Nothing here reads a clock, a file or the database.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Dot = tuple[str, int]
Entry = tuple[Any, str]  # (value, at): the value written and the ISO moment of the write

DEL = "_del"  # pseudo-field of a deletion: its value is the deleter's ctx (None = brought back by a choice)
FORMAT = 1
KINDS = (
    "participant",
    "collective_action",
    "barrier",
    "appointment",
    "registration",
    "barrier_event",
    "task",
    "outcome",
)
ERASED = "erased"
ANONYMISED = "anonymised"
_REASON_RANK = {ANONYMISED: 1, ERASED: 2}
_NUMBER_PREFIX = re.compile(r"^([A-Z]{1,5}-\d{4}-)(.+)$")


@dataclass
class SyncRecord:
    """One record's synchronised state: its kind, version vector and per-field entries."""

    kind: str
    ctx: dict[str, int] = field(default_factory=dict)
    fields: dict[str, dict[Dot, Entry]] = field(default_factory=dict)

    def copy(self) -> SyncRecord:
        return SyncRecord(self.kind, dict(self.ctx), {name: dict(es) for name, es in self.fields.items()})


@dataclass(frozen=True, order=True)
class Tombstone:
    """An erased or anonymised participant (rule 4). Ordered so that the merge of two is deterministic."""

    rank: int
    on: str  # ISO date
    from_replica: str
    kind: str = "participant"

    @property
    def reason(self) -> str:
        return ERASED if self.rank == _REASON_RANK[ERASED] else ANONYMISED

    @staticmethod
    def of(reason: str, on: str, from_replica: str, kind: str = "participant") -> Tombstone:
        return Tombstone(_REASON_RANK[reason], on, from_replica, kind)


@dataclass
class Package:
    """A decoded package payload."""

    package_id: str
    from_replica: str
    from_code: str
    created_at: str
    full: bool
    records: dict[str, SyncRecord]
    tombstones: dict[str, Tombstone]
    aliases: dict[str, str]
    handed_over: tuple[str, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)  # replica id -> laptop code (« reçu de AB »)


class PayloadError(ValueError):
    """The payload is not a team package's (wrong shape or version)."""


# --- the merge -------------------------------------------------------------------------------------------------


def covered(ctx: Mapping[str, int], dot: Dot) -> bool:
    """Has a copy whose version vector is ``ctx`` seen the write ``dot``?"""
    return ctx.get(dot[0], 0) >= dot[1]


def merge_records(x: SyncRecord, y: SyncRecord) -> SyncRecord:
    """The merge of two copies of one record: commutative, associative, idempotent."""
    out = SyncRecord(x.kind, {r: max(x.ctx.get(r, 0), y.ctx.get(r, 0)) for r in x.ctx.keys() | y.ctx.keys()})
    for name in x.fields.keys() | y.fields.keys():
        ex, ey = x.fields.get(name, {}), y.fields.get(name, {})
        kept = {d: e for d, e in ex.items() if d in ey or not covered(y.ctx, d)}
        kept.update({d: e for d, e in ey.items() if d not in ex and not covered(x.ctx, d)})
        for d in ex.keys() & ey.keys():
            kept[d] = _same_dot(ex[d], ey[d])
        if kept:
            out.fields[name] = kept
    return out


def _same_dot(a: Entry, b: Entry) -> Entry:
    """One write seen on both sides: the same value, unless one side no longer holds it (None: a deleted record's
    values are not kept); chosen so that the merge stays commutative."""
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    return a if canonical_json(a) >= canonical_json(b) else b


def local_write(rec: SyncRecord | None, kind: str, replica: str, values: Mapping[str, Any], at: str) -> SyncRecord:
    """A write on this laptop of ``values`` (field → value): one new dot replacing the fields' entries."""
    out = rec.copy() if rec is not None else SyncRecord(kind)
    n = out.ctx.get(replica, 0) + 1
    out.ctx[replica] = n
    for name, value in values.items():
        out.fields[name] = {(replica, n): (value, at)}
    return out


def delete_write(rec: SyncRecord, replica: str, at: str) -> SyncRecord:
    """The deletion of a record on this laptop: ``_del`` holds what the deleter had seen (an edit it had not seen
    is the « supprimé ici / modifié là » conflict). The other fields' entries stay: a laptop that no longer holds
    their values keeps them as None, and a copy that has them gives them back (``merge_records``)."""
    return local_write(rec, rec.kind, replica, {DEL: dict(rec.ctx)}, at)


def deletion_ctx(rec: SyncRecord) -> dict[str, int] | None:
    """The union of the deletions' contexts, or None when the record is not deleted."""
    dels = [e[0] for e in rec.fields.get(DEL, {}).values() if e[0] is not None]
    if not dels:
        return None
    merged: dict[str, int] = {}
    for ctx in dels:
        for r, n in ctx.items():
            merged[r] = max(merged.get(r, 0), int(n))
    return merged


def is_deleted(rec: SyncRecord) -> bool:
    return deletion_ctx(rec) is not None


def edited_after_deletion(rec: SyncRecord) -> list[str]:
    """The fields holding a write the deletion had not seen (« supprimé ici / modifié là »)."""
    dctx = deletion_ctx(rec)
    if dctx is None:
        return []
    return sorted(name for name, es in rec.fields.items() if name != DEL and any(not covered(dctx, d) for d in es))


def deletion_conflict(rec: SyncRecord) -> bool:
    """Deleted on one side, changed on another (or a deletion undone elsewhere), and nobody chose yet."""
    dels = rec.fields.get(DEL, {})
    undone = any(e[0] is None for e in dels.values()) and any(e[0] is not None for e in dels.values())
    return undone or bool(edited_after_deletion(rec))  # two deletions (whatever each had seen) are no conflict


def distinct_values(entries: Mapping[Dot, Entry]) -> list[tuple[Any, list[tuple[Dot, str]]]]:
    """The different values of a field, each with its dots and moments, in dot order (equal values collapsed)."""
    out: list[tuple[Any, list[tuple[Dot, str]]]] = []
    seen: dict[str, int] = {}
    for dot in sorted(entries):
        value, at = entries[dot]
        key = canonical_json(value)
        if key in seen:
            out[seen[key]][1].append((dot, at))
        else:
            seen[key] = len(out)
            out.append((value, [(dot, at)]))
    return out


def conflicting_fields(rec: SyncRecord) -> list[str]:
    """The fields (not ``_del``) whose entries hold more than one different value."""
    return sorted(n for n, es in rec.fields.items() if n != DEL and len(distinct_values(es)) > 1)


def current_values(rec: SyncRecord, prefer: Mapping[str, Any] | None = None, mine: str | None = None) -> dict[str, Any]:
    """One value per field: ``prefer``'s when still among the entries; else the value written by the replica
    ``mine`` (this laptop's own, kept while a conflict waits); else the greatest dot's (the same on every laptop,
    whatever the order packages came in)."""
    out: dict[str, Any] = {}
    for name, es in rec.fields.items():
        if name == DEL or not es:
            continue
        own = [d for d in es if d[0] == mine]
        if own:
            out[name] = es[max(own)][0]
            continue
        if prefer is not None and name in prefer:
            mine = canonical_json(prefer[name])
            if any(canonical_json(v) == mine for v, _ in es.values()):
                out[name] = prefer[name]
                continue
        out[name] = es[max(es)][0]
    return out


def same_record(x: SyncRecord | None, y: SyncRecord | None) -> bool:
    if x is None or y is None:
        return x is y
    return x.ctx == y.ctx and canonical_json(_fields_json(x)) == canonical_json(_fields_json(y))


# --- tombstones, aliases, numbers ------------------------------------------------------------------------------


def merge_tombstones(a: Mapping[str, Tombstone], b: Mapping[str, Tombstone]) -> dict[str, Tombstone]:
    """Union; for one uid the stronger tombstone wins (erased over anonymised, then the later date)."""
    out = dict(a)
    for uid, t in b.items():
        out[uid] = max(out[uid], t) if uid in out else t
    return out


def canonical(uid: str, aliases: Mapping[str, str]) -> str:
    """The canonical uid of a (possibly joined) record."""
    seen = {uid}
    while uid in aliases and aliases[uid] != uid:
        uid = aliases[uid]
        if uid in seen:
            break
        seen.add(uid)
    return uid


def merge_aliases(*maps: Mapping[str, str]) -> dict[str, str]:
    """Union of alias maps, each uid pointing straight at the smallest uid of its group."""
    parent: dict[str, str] = {}

    def find(u: str) -> str:
        while parent.setdefault(u, u) != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for m in maps:
        for u, c in m.items():
            ru, rc = find(u), find(c)
            if ru != rc:
                lo, hi = sorted((ru, rc))
                parent[hi] = lo
    return {u: find(u) for u in parent if find(u) != u}


def join_aliases(uid_a: str, uid_b: str) -> dict[str, str]:
    """The alias joining two uids: the smaller is canonical."""
    lo, hi = sorted((uid_a, uid_b))
    return {hi: lo} if lo != hi else {}


def renumbered(number: str, code: str, taken: Callable[[str], bool]) -> str:
    """The number an incoming participant takes when hers is held here by another person (rule 2).

    ``DE-2025-001`` → ``DE-2025-AB-001`` (the laptop code she was created on inserted after ``XX-YYYY-``), else
    ``-AB`` appended; ``-2``, ``-3``… added while still taken.
    """
    code = code.strip().upper() or "X"
    match = _NUMBER_PREFIX.match(number)
    if match and not match.group(2).startswith(f"{code}-"):
        base = f"{match.group(1)}{code}-{match.group(2)}"
    else:
        base = f"{number}-{code}"
    candidate, k = base, 2
    while taken(candidate):
        candidate = f"{base}-{k}"
        k += 1
    return candidate


def keep_both_text(here: str, there: str, there_code: str, there_on: date | None) -> str:
    """« Garder les deux »: this laptop's text, then the other one, said where it came from."""
    when = f" le {there_on.strftime('%d/%m/%Y')}" if there_on is not None else ""
    return f"{here}\n\n— Reçu de {there_code}{when}\u00a0:\n{there}"


# --- values and payload ----------------------------------------------------------------------------------------


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def value_hash(value: Any) -> str:
    """A short hash of a field's value: what the data row held at the last refresh."""
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()[:12]


def _fields_json(rec: SyncRecord) -> dict[str, list[list[Any]]]:
    return {name: [[d[0], d[1], v, at] for d, (v, at) in sorted(es.items())] for name, es in rec.fields.items()}


def record_to_json(rec: SyncRecord) -> dict[str, Any]:
    return {"k": rec.kind, "c": dict(rec.ctx), "f": _fields_json(rec)}


def record_from_json(doc: Any) -> SyncRecord:
    if not isinstance(doc, dict) or doc.get("k") not in KINDS:
        raise PayloadError("record")
    ctx = doc.get("c")
    fields_doc = doc.get("f")
    if not isinstance(ctx, dict) or not isinstance(fields_doc, dict):
        raise PayloadError("record")
    rec = SyncRecord(str(doc["k"]), {str(r): _count(n) for r, n in ctx.items()})
    for name, entries in fields_doc.items():
        if not isinstance(entries, list):
            raise PayloadError("entries")
        rec.fields[str(name)] = {_dot(e): (e[2], str(e[3])) for e in entries}
    return rec


def _count(n: Any) -> int:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise PayloadError("count")
    return n


def _dot(entry: Any) -> Dot:
    if not isinstance(entry, list) or len(entry) != 4 or not isinstance(entry[0], str):
        raise PayloadError("entry")
    return entry[0], _count(entry[1])


def encode_payload(pkg: Package) -> dict[str, Any]:
    """The package's JSON document (sealed by ``services/team_package``)."""
    return {
        "format": FORMAT,
        "package_id": pkg.package_id,
        "from": pkg.from_replica,
        "from_code": pkg.from_code,
        "created_at": pkg.created_at,
        "full": pkg.full,
        "records": {uid: record_to_json(rec) for uid, rec in pkg.records.items()},
        "tombstones": {uid: [t.reason, t.on, t.from_replica, t.kind] for uid, t in pkg.tombstones.items()},
        "aliases": dict(pkg.aliases),
        "handed_over": list(pkg.handed_over),
        "codes": dict(pkg.codes),
    }


def decode_payload(doc: Any) -> Package:
    """A package from its JSON document; ``PayloadError`` when it is not one of ours."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise PayloadError("format")
    try:
        records = {str(uid): record_from_json(r) for uid, r in dict(doc["records"]).items()}
        tombs = {str(uid): _tombstone(t) for uid, t in dict(doc["tombstones"]).items()}
        aliases = {str(u): str(c) for u, c in dict(doc["aliases"]).items()}
        return Package(
            package_id=str(doc["package_id"]),
            from_replica=str(doc["from"]),
            from_code=str(doc["from_code"]),
            created_at=str(doc["created_at"]),
            full=bool(doc["full"]),
            records=records,
            tombstones=tombs,
            aliases=aliases,
            handed_over=tuple(str(u) for u in doc.get("handed_over", [])),
            codes={str(r): str(c) for r, c in dict(doc.get("codes", {})).items()},
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise PayloadError("payload") from exc


def _tombstone(t: Any) -> Tombstone:
    if not isinstance(t, list) or len(t) != 4 or t[0] not in _REASON_RANK:
        raise PayloadError("tombstone")
    return Tombstone.of(str(t[0]), str(t[1]), str(t[2]), str(t[3]))


def merge_states(mine: Mapping[str, SyncRecord], theirs: Iterable[tuple[str, SyncRecord]]) -> dict[str, SyncRecord]:
    """Merge records into a state (by uid); returns only the records that changed or are new."""
    changed: dict[str, SyncRecord] = {}
    for uid, rec in theirs:
        base = changed.get(uid) or mine.get(uid)
        merged = rec.copy() if base is None else merge_records(base, rec)
        if not same_record(base, merged):
            changed[uid] = merged
    return changed
