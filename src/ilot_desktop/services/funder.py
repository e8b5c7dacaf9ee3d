"""The yearly funder file: the ``.xlsx`` of section 3 and, beside it, the PDF summary."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from ilot_desktop import safe_files
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.indicators import YearIndicators, compute_indicators, pseudonymised_rows
from ilot_desktop.services.audit import record_after
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.services.demo_marker import is_demonstration
from ilot_desktop.services.indicators import IndicatorService
from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)


class FunderService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)
        self._indicators = IndicatorService(database, clock)

    def write(
        self,
        year: int,
        as_of: date | None,
        xlsx: Path,
        pdf: Path | None = None,
        pseudonymised: bool = False,
    ) -> YearIndicators:
        """Write the funder workbook (and the PDF summary when ``pdf`` is given).

        Pseudonymised rows (random code, age bracket, months) only when ``pseudonymised`` is asked for.
        Both files are rendered before either is written, each atomically; folders must exist. From the
        demonstration, both say « DONNÉES FICTIVES — DÉMONSTRATION » (``reports/demo_mark.py``).
        Returns the figures written.
        """
        from ilot_desktop.reports.funder_file import render_funder_workbook
        from ilot_desktop.reports.funder_pdf import render_funder_summary

        targets = [Path(xlsx)] + ([Path(pdf)] if pdf is not None else [])
        for target in targets:
            safe_files.require_folder(target.parent)
        day, facts = self._indicators.facts(year, as_of)
        figures = compute_indicators(year, day, facts)
        rows = pseudonymised_rows(year, day, facts) if pseudonymised else None
        demonstration = is_demonstration(self._db)
        workbook = render_funder_workbook(figures, rows, demonstration)
        summary = render_funder_summary(figures, demonstration) if pdf is not None else None
        safe_files.write_bytes(Path(xlsx), workbook)
        if pdf is not None and summary is not None:
            safe_files.write_bytes(Path(pdf), summary)
        detail = (
            f"bilan {year} au {day:%d/%m/%Y}, PDF : {'oui' if pdf is not None else 'non'}, "
            f"lignes pseudonymisées : {'oui' if pseudonymised else 'non'}"
        )
        record_after(self._db, self._clock, AuditAction.EXPORT_FUNDER, None, detail)
        log.info("funder file written (year %s, pdf %s, pseudonymised %s)", year, pdf is not None, pseudonymised)
        return figures
