"""``ilot-desktop self-test``: prove that this installation works, end to end, in a throw-away folder.

Run by ``make dist`` on the freshly built bundle and, by hand, on a computer where something seems
wrong. Every step uses a fictional person in a temporary folder (``tempfile``), deleted at the end:
the user's data folder, settings and logs are never touched.

The steps: create a vault with a password, write and read back a participant, an appointment and a
task, lock, refuse a wrong password, unlock, render PDFs (fonts embedded), write workbooks, then
start Qt (offscreen when there is no display), load Qt's French translation, draw the SVG icon and
open a PDF with QtPdf: what a frozen bundle could miss (plugins, translations, native libraries,
data files) is exercised.

Like ``app.py``, this module sits above the layers and imports Qt, lazily.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ilot_desktop import __version__
from ilot_desktop.errors import IlotError

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from ilot_desktop.services.vault import VaultSession

EXIT_SELF_TEST_FAILED = 1
PASSWORD = "Autotest-Îlot-Vérifié-2026!"
WRONG_PASSWORD = "Autotest-Faux-Mot-2026!"
FILE_NUMBER = "AUTOTEST-001"
MARKER_NAME = "Autotest-Marqueur"  # must never appear in clear in the folder once locked
FIRST_NAME = "Éloïse"
TASK_TEXT = "Apporter une pièce d'identité"


class SelfTestError(Exception):
    """A check of the self-test failed; the message is French and holds no personal data."""


@dataclass
class Context:
    """What the steps share: the temporary folder and what was created in it."""

    root: Path
    today: date = field(default_factory=date.today)
    session: VaultSession | None = None
    recovery_code: str = ""
    participant_id: int | None = None
    appointment_start: datetime | None = None
    plan_pdf: Path | None = None
    app: QCoreApplication | None = None

    @property
    def vault_dir(self) -> Path:
        return self.root / "coffre"

    @property
    def opened(self) -> VaultSession:
        """The vault opened by an earlier step."""
        if self.session is None:
            raise SelfTestError("le fichier chiffré n'est pas ouvert")
        return self.session

    @property
    def person_id(self) -> int:
        """The fictional person written by an earlier step."""
        if self.participant_id is None:
            raise SelfTestError("la personne n'a pas été enregistrée")
        return self.participant_id

    def close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None


@dataclass(frozen=True)
class StepResult:
    label: str
    seconds: float
    detail: str = ""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


# --- the steps ------------------------------------------------------------------------------------
# Each takes the context and may return a short detail shown after its label.


def _create_vault(ctx: Context) -> str:
    from ilot_desktop.services import vault
    from ilot_desktop.storage.migrate import MIGRATIONS_DIR

    _check(_inside_bundle(str(MIGRATIONS_DIR)), "les migrations du schéma ne viennent pas de l'application installée")
    ctx.session, ctx.recovery_code = vault.create(ctx.vault_dir, PASSWORD)
    _check((ctx.vault_dir / "ilot.db").is_file(), "le fichier chiffré n'a pas été créé")
    _check((ctx.vault_dir / "ilot.key").is_file(), "le fichier de clé n'a pas été créé")
    return ""


def _write_records(ctx: Context) -> str:
    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.followup import Appointment
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.domain.vocabulary import Housing, JusticeSituation, Referrer, Sex, TaskOwner

    session = ctx.opened
    person = session.participants.save(
        Participant(
            file_number=FILE_NUMBER,
            last_name=MARKER_NAME,
            first_name=FIRST_NAME,
            sex=Sex.FEMALE,
            birth_date=date(1990, 5, 17),
            referrer=Referrer.SPIP,
            justice_situation=JusticeSituation.OPEN_CUSTODY,
            housing_at_entry=Housing.THIRD_PARTY,
            entry_date=ctx.today,
        )
    )
    ctx.participant_id = person.id
    ctx.appointment_start = datetime.combine(ctx.today + timedelta(days=7), clock_time(10, 0))
    session.followup.save(
        Appointment(participant_id=person.id, start=ctx.appointment_start, duration_min=60, place="Bureau")
    )
    session.plan.save(Task(participant_id=person.id, description=TASK_TEXT, owner=TaskOwner.PERSON))
    return ""


def _read_back(ctx: Context) -> str:
    session = ctx.opened
    person = session.participants.by_file_number(FILE_NUMBER)
    if person is None:
        raise SelfTestError("la personne enregistrée est introuvable")
    _check(
        (person.id, person.last_name, person.first_name, person.birth_date)
        == (ctx.person_id, MARKER_NAME, FIRST_NAME, date(1990, 5, 17)),
        "la personne relue diffère de celle enregistrée",
    )
    timeline = session.followup.timeline(ctx.person_id)
    _check([v.appointment.start for v in timeline] == [ctx.appointment_start], "le rendez-vous relu diffère")
    tasks = session.plan.tasks(ctx.person_id)
    _check([t.description for t in tasks] == [TASK_TEXT], "la tâche relue diffère")
    return ""


def _lock(ctx: Context) -> str:
    ctx.close_session()
    marker = MARKER_NAME.encode("utf-8")
    for path in ctx.vault_dir.rglob("*"):
        if path.is_file():
            _check(marker not in path.read_bytes(), "un nom apparaît en clair dans le dossier des données")
    return ""


def _wrong_password_refused(ctx: Context) -> str:
    from ilot_desktop.errors import WrongPasswordError
    from ilot_desktop.services import vault

    try:
        opened = vault.unlock(ctx.vault_dir, WRONG_PASSWORD)
    except WrongPasswordError:
        return ""
    opened.close()
    raise SelfTestError("un mauvais mot de passe a ouvert le fichier")


def _unlock(ctx: Context) -> str:
    from ilot_desktop.services import vault

    session = ctx.session = vault.unlock(ctx.vault_dir, PASSWORD)
    person = session.participants.by_file_number(FILE_NUMBER)
    _check(person is not None and person.last_name == MARKER_NAME, "la personne n'est plus là après le verrouillage")
    report = session.check(full=True)
    _check(report.ok, "le contrôle d'intégrité du fichier a échoué")
    return f"schéma {report.schema_version}"


def _render_pdfs(ctx: Context) -> str:
    from ilot_desktop.reports.action_plan import write_action_plan
    from ilot_desktop.reports.recovery_sheet import write_recovery_sheet

    document = ctx.opened.plan.document(ctx.person_id)
    ctx.plan_pdf = ctx.root / "plan-d-action.pdf"
    write_action_plan(ctx.plan_pdf, document)
    sheet = ctx.root / "feuille-de-secours.pdf"
    write_recovery_sheet(sheet, ctx.recovery_code, ctx.today, "dossier d'autotest")
    for pdf in (ctx.plan_pdf, sheet):
        content = pdf.read_bytes()
        _check(content.startswith(b"%PDF"), f"{pdf.name} n'est pas un PDF")
        _check(b"DejaVuSans" in content, f"la police DejaVu n'est pas intégrée à {pdf.name}")
    return "plan d'action, feuille de secours"


def _write_workbooks(ctx: Context) -> str:
    from openpyxl import load_workbook

    session = ctx.opened
    funder = ctx.root / "bilan.xlsx"
    summary = ctx.root / "bilan.pdf"
    session.funder.write(ctx.today.year, ctx.today, funder, summary)
    _check(summary.read_bytes().startswith(b"%PDF"), "la synthèse du bilan n'est pas un PDF")
    exchange = ctx.root / "export.xlsx"
    counts = session.exchange.export_all(exchange)
    # the person and the appointment (tasks are not part of the exchange workbook)
    _check(list(counts.values())[:2] == [1, 1], "l'export d'échange est incomplet")
    for workbook in (funder, exchange):
        book = load_workbook(workbook, read_only=True)
        try:
            _check(len(book.sheetnames) >= 1, f"{workbook.name} ne contient aucune feuille")
        finally:
            book.close()
    ctx.close_session()
    return "bilan annuel, export d'échange"


def _headless_platform() -> None:
    """Offscreen when nothing could show a window (Linux without X11 or Wayland, a CI runner)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _inside_bundle(folder: str) -> bool:
    """True outside a frozen build; frozen, whether ``folder`` lies inside the bundle.

    On macOS the data folders live in ``Contents/Resources`` with links from ``Contents/Frameworks``
    (``sys._MEIPASS``): the bundle is then the ``.app``'s ``Contents`` folder, links resolved or not."""
    root = getattr(sys, "_MEIPASS", None)
    if not root:
        return True
    roots = {Path(root)}
    if sys.platform == "darwin" and Path(root).name == "Frameworks":
        roots.add(Path(root).parent)  # Contents/
    try:
        candidates = {Path(folder), Path(folder).resolve()}
        bundle = roots | {r.resolve() for r in roots}
        return any(c.is_relative_to(r) for c in candidates for r in bundle)
    except OSError:
        return False


def _start_qt(ctx: Context) -> str:
    _headless_platform()
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    ctx.app = QApplication.instance() or QApplication(["ilot-desktop"])
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    _check(_inside_bundle(plugins), "les modules de Qt ne viennent pas de l'application installée")
    return f"plateforme {QApplication.platformName()}"


# PySide6/shiboken6 6.12.0 dropped a reference to None at every call of a Qt method returning nothing: on
# Python 3.11 the window died ("none_dealloc") after some hours of use. A build with such a Qt must not ship.
VOID_CALLS = 2_000  # enough to see it, too few to exhaust None with a leaking Qt


def _none_references() -> int:
    return sys.getrefcount(None)


def _no_reference_lost(ctx: Context) -> str:
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = _none_references()
    for _ in range(VOID_CALLS):
        label.setText("x")
    lost = before - _none_references()
    label.deleteLater()
    _check(lost < VOID_CALLS // 100, "cette version de Qt perd des références (l'application finirait par s'arrêter)")
    return f"{VOID_CALLS} appels"


def _french_translation(ctx: Context) -> str:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale

    from ilot_desktop.app import install_french

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _check(_inside_bundle(folder), "les traductions de Qt ne viennent pas de l'application installée")
    previous_locale = QLocale()
    assert ctx.app is not None  # set by the step that starts Qt, which runs first
    translators = install_french(ctx.app)
    try:
        loaded = sorted(Path(t.filePath()).name for t in translators)
        _check("qtbase_fr.qm" in loaded, "la traduction française de Qt (qtbase_fr.qm) est introuvable")
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        _check(cancel == "Annuler", "les boutons de Qt ne sont pas traduits en français")
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous_locale)
    return ", ".join(loaded)


def _svg_icon(ctx: Context) -> str:
    from PySide6.QtGui import QColor, QIcon, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from ilot_desktop.paths import resource_path

    svg = resource_path("icons", "ilot-desktop.svg")
    _check(svg.is_file(), "l'icône de l'application est introuvable")
    renderer = QSvgRenderer(str(svg))
    _check(renderer.isValid(), "l'icône SVG ne se lit pas")
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    drawn = sum(1 for y in range(0, 64, 4) for x in range(0, 64, 4) if image.pixelColor(x, y).alpha() > 0)
    _check(drawn > 0, "l'icône SVG s'affiche vide")
    # QIcon reads SVG through Qt's plugins (iconengines, imageformats): the window icon needs them.
    _check(not QIcon(str(svg)).pixmap(32, 32).isNull(), "Qt ne sait pas afficher l'icône SVG (module manquant)")
    return ""


def _user_guide(ctx: Context) -> str:
    """Aide → Guide d'utilisation and F1: the guide and every picture it shows are in the bundle and readable."""
    from PySide6.QtGui import QImageReader

    from ilot_desktop.ui.help_guide import GuideMissingError, guide_file, image_names

    try:
        guide = guide_file()
    except GuideMissingError:
        raise SelfTestError("le guide d'utilisation est introuvable") from None
    names = image_names(guide.read_text(encoding="utf-8"))
    for name in names:
        path = guide.parent / name
        _check(path.is_file(), f"une image du guide manque ({name})")
        reader = QImageReader(str(path), path.suffix.lstrip(".").lower().encode("ascii"))
        _check(not reader.read().isNull(), f"une image du guide ne se lit pas ({name})")
    return f"{len(names)} images"


def _pdf_preview(ctx: Context) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    _check(ctx.plan_pdf is not None and ctx.plan_pdf.is_file(), "le PDF du plan d'action manque")
    document = QPdfDocument()
    try:
        error = document.load(str(ctx.plan_pdf))
        _check(error == QPdfDocument.Error.None_, "QtPdf n'ouvre pas le plan d'action")
        pages = document.pageCount()
        _check(pages >= 1, "le plan d'action n'a aucune page")
        _check(not document.render(0, QSize(210, 297)).isNull(), "QtPdf ne dessine pas la page")
    finally:
        document.close()
    return f"{pages} page{'s' if pages > 1 else ''}"


def _remove_folder(ctx: Context) -> str:
    ctx.close_session()
    shutil.rmtree(ctx.root)
    _check(not ctx.root.exists(), "le dossier temporaire n'a pas pu être supprimé")
    return ""


Step = Callable[[Context], str]


def steps() -> list[tuple[str, Step]]:
    """The steps in order, as (French label, function); looked up at call time (tests replace one)."""
    here = sys.modules[__name__]
    return [
        (label, getattr(here, name))
        for label, name in (
            ("Création d'un fichier chiffré avec un mot de passe", "_create_vault"),
            ("Écriture d'une personne fictive, d'un rendez-vous et d'une tâche", "_write_records"),
            ("Relecture des données", "_read_back"),
            ("Verrouillage (aucun nom en clair sur le disque)", "_lock"),
            ("Refus d'un mauvais mot de passe", "_wrong_password_refused"),
            ("Déverrouillage avec le mot de passe", "_unlock"),
            ("PDF (polices intégrées)", "_render_pdfs"),
            ("Classeurs Excel", "_write_workbooks"),
            ("Démarrage de Qt", "_start_qt"),
            ("Qt ne perd pas de références", "_no_reference_lost"),
            ("Traduction française de Qt", "_french_translation"),
            ("Icône de l'application (SVG)", "_svg_icon"),
            ("Guide d'utilisation et ses images", "_user_guide"),
            ("Aperçu d'un PDF (QtPdf)", "_pdf_preview"),
            ("Suppression du dossier temporaire", "_remove_folder"),
        )
    ]


# --- running ---------------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def _marks(stream: TextIO | None) -> tuple[str, str]:
    """✓ and ✗, or plain letters on a console that cannot print them (an old Windows code page)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "✓✗«»éÎ".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "OK", "ECHEC"
    return "✓", "✗"


def _say(stream: TextIO | None, text: str) -> None:
    if stream is None:  # a windowed build on Windows has no console
        return
    try:
        print(text, file=stream, flush=True)
    except UnicodeEncodeError:
        print(text.encode("ascii", "replace").decode("ascii"), file=stream, flush=True)


class _Collector(logging.Handler):
    """The application's log lines during the self-test, kept in memory (shown with --verbose on failure)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _reason(error: BaseException) -> str:
    if isinstance(error, SelfTestError | IlotError):
        return str(error)
    if isinstance(error, ImportError):
        return f"un composant manque dans l'installation ({type(error).__name__}\u00a0: {getattr(error, 'name', '')})"
    return f"erreur inattendue ({type(error).__name__})"


def run_self_test(verbose: bool = False, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step; 0 when all pass, else 1 after naming, in French, the step that failed."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    ok_mark, fail_mark = _marks(out)
    collector = _Collector()
    root_logger = logging.getLogger()
    previous_level = root_logger.level
    root_logger.addHandler(collector)
    root_logger.setLevel(logging.INFO)
    started = time.perf_counter()
    ctx = Context(root=Path(tempfile.mkdtemp(prefix="ilot-autotest-")))
    results: list[StepResult] = []
    _say(out, f"Autotest d'Îlot desktop {__version__} (dossier temporaire, personne fictive)")
    try:
        for label, step in steps():
            begun = time.perf_counter()
            try:
                detail = step(ctx) or ""
            except Exception as error:
                _say(out, f"{fail_mark} {label}")
                _say(err, f"Échec à l'étape «\u00a0{label}\u00a0»\u00a0: {_reason(error)}")
                _say(err, "L'installation d'Îlot desktop est incomplète ou endommagée\u00a0: réinstallez-la.")
                if verbose:
                    _say(err, "".join(traceback.format_exception(error)).rstrip())
                    if collector.lines:
                        _say(err, "Journal\u00a0:\n" + "\n".join(collector.lines[-30:]))
                return EXIT_SELF_TEST_FAILED
            results.append(StepResult(label, time.perf_counter() - begun, detail))
            shown = f"{label} — {detail}" if detail else label
            _say(out, f"{ok_mark} {shown} ({_seconds(results[-1].seconds)})")
        total = time.perf_counter() - started
        _say(out, f"Autotest réussi\u00a0: {len(results)} étapes en {_seconds(total)}.")
        return 0
    finally:
        with contextlib.suppress(Exception):  # the failure already reported matters more
            ctx.close_session()
        shutil.rmtree(ctx.root, ignore_errors=True)
        root_logger.removeHandler(collector)
        root_logger.setLevel(previous_level)
