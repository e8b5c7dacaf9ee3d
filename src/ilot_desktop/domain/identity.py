"""Permanent identifiers: every record has one from birth (``team.md`` rule 1), a number is only a label."""

from __future__ import annotations

import re
import uuid

UID_LENGTH = 36
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def new_uid() -> str:
    """A fresh identifier: a random UUID (version 4), 36 lower-case characters."""
    return str(uuid.uuid4())


def normalised_uid(text: str) -> str | None:
    """The identifier written in ``text`` (any case, spaces around), or None when it is not one."""
    candidate = text.strip().lower()
    return candidate if _UID.match(candidate) else None
