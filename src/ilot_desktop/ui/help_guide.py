"""The user guide shipped with the application: where its file is, its sections, and which one each tab opens.

The guide is ``docs/guide-utilisateur.md`` with its pictures in ``docs/images/``. From the source tree it is read
where it is written; the frozen bundle carries both under ``resources/guide/`` (``installer/ilot-desktop.spec``),
beside the fonts and icons that ``paths.resource_path`` finds. Nothing here needs the network.

A section is named by its anchor: the heading's words without their number, in lower case without accents,
every run of other characters made one dash (« 7. Le calendrier et les rendez-vous » → ``le-calendrier-et-les-rendez-
vous``), so renumbering the guide breaks no link.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

GUIDE_NAME = "guide-utilisateur.md"
BUNDLED_FOLDER = ("resources", "guide")  # under sys._MEIPASS in the frozen program

_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_NUMBER = re.compile(r"^\d+(\.\d+)*\.?\s+")

# What F1 opens, by the workspace's page shown (its attribute name on ``Workspace``).
TAB_SECTIONS = {
    "home": "ma-semaine",
    "form": "le-dossier-d-un-participant",
    "timeline": "le-suivi-de-la-personne",
    "barriers": "freins-et-plan-d-action",
    "week": "le-calendrier-et-les-rendez-vous",
    "actions_page": "les-actions-collectives",
    "outcomes": "parcours-de-la-personne",
    "bilan": "bilan-de-l-annee",
}
# Before any file is open: the start pages.
START_SECTIONS = {
    "welcome": "premier-lancement",
    "create_page": "creer-le-fichier-et-choisir-le-mot-de-passe",
    "code_page": "le-code-de-secours",
    "unlock_page": "deverrouiller",
}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


class GuideMissingError(FileNotFoundError):
    """The guide's file is not where the application looks for it (a damaged installation)."""


def anchor_of(heading: str) -> str:
    """The section's anchor: « 9. Freins et plan d'action » → ``freins-et-plan-d-action``."""
    import unicodedata

    text = _NUMBER.sub("", heading.strip())
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-")


def headings(markdown: str) -> list[Heading]:
    """The guide's headings (levels 1 to 3) in order, outside code blocks."""
    found: list[Heading] = []
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            text = match.group(2)
            found.append(Heading(len(match.group(1)), text, anchor_of(text)))
    return found


def image_names(markdown: str) -> list[str]:
    """The pictures the guide shows, as written (``images/05-ma-semaine.png``)."""
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", markdown)


def guide_file() -> Path:
    """The guide: in the frozen bundle under ``resources/guide``, else ``docs/`` of the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidate = Path(frozen_root, *BUNDLED_FOLDER, GUIDE_NAME)
        if candidate.is_file():
            return candidate
        raise GuideMissingError(str(candidate))
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "docs" / GUIDE_NAME
        if candidate.is_file():
            return candidate
    raise GuideMissingError(GUIDE_NAME)
