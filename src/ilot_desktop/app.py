"""Composition root of the window: paths -> settings -> QApplication (French) -> main window.

Nothing happens at import time; ``run_gui`` does it all, in that order.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from ilot_desktop import APP_NAME, __version__, instance_lock, safe_files
from ilot_desktop.logs import forget_exception, write_crash_report
from ilot_desktop.paths import AppPaths
from ilot_desktop.settings import LocalSettings

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    from ilot_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


# Qt's own strings that qtbase_fr.qm (Qt 6.11 as 6.12) leaves in English: the file chooser's labels gained a
# keyboard accelerator and lost their translation. Consulted only when Qt's translations have nothing.
MISSING_QT_FRENCH = {
    ("QFileDialog", "&Look in:"): "&Voir dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "&Type de fichier\u00a0:",
}


_KEPT_ALIVE: list[QTranslator] = []


def _fallback_translator(app: QCoreApplication) -> QTranslator:
    from PySide6.QtCore import QTranslator

    class MissingFrench(QTranslator):
        def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
            return MISSING_QT_FRENCH.get((context, source), "")

        def isEmpty(self) -> bool:
            return False

    return MissingFrench(app)


def install_french(app: QCoreApplication) -> list[QTranslator]:
    """French everywhere, Qt's own buttons included ("Annuler", "Enregistrer")."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    missing = _fallback_translator(app)
    _KEPT_ALIVE.append(missing)  # its Python override must outlive this call, as long as the application
    app.installTranslator(missing)  # first installed, last asked
    translators = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_fr", "qt_fr"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def create_application(argv: list[str]) -> QApplication:
    from PySide6.QtWidgets import QApplication

    import ilot_desktop.ui  # noqa: F401  (before the window: it stops PySide6 reading every module's source)

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("L'Îlot")
    app.setDesktopFileName("ilot-desktop")
    from PySide6.QtGui import QIcon

    from ilot_desktop.paths import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "ilot-desktop.svg"))))
    install_application_wide(app)
    return app


def install_application_wide(app: QApplication) -> None:
    """What every window and dialog shares, installed once on the application (the GUI tests call this too):
    French everywhere, and a mouse wheel that changes no answer (``ui/wheel_guard.py``)."""
    from ilot_desktop.ui.wheel_guard import install_wheel_guard

    install_french(app)
    install_wheel_guard(app)


def acquire_instance_lock(paths: AppPaths) -> instance_lock.LockResult:
    """One window per data folder. Only a live instance on this computer blocks; see ``instance_lock``."""
    return instance_lock.acquire(paths.data_dir)


READ_ONLY_BANNER = (
    "Lecture seule : ce dossier ne peut pas être modifié (clé USB verrouillée, copie de sauvegarde ou droits "
    "insuffisants). Vous pouvez consulter les dossiers ; rien ne sera enregistré."
)


def in_use_message(taken: instance_lock.LockResult) -> tuple[str, str]:
    """The words of a refused second window: what holds the folder, and where."""
    holder = taken.holder
    if holder is not None and holder.purpose and holder.purpose != instance_lock.WINDOW:
        return (
            f"Une commande Îlot desktop (« {holder.purpose} ») travaille sur ce dossier.",
            "Attendez qu'elle se termine, puis ouvrez de nouveau Îlot desktop.",
        )
    if holder is not None and holder.host and holder.host != instance_lock.this_computer():
        return (
            f"Îlot desktop est déjà ouvert sur ce dossier, depuis l'ordinateur « {holder.host} ».",
            "Fermez la fenêtre sur cet ordinateur-là, puis recommencez.",
        )
    detail = "Utilisez la fenêtre déjà ouverte (elle est peut-être réduite dans la barre des tâches)."
    if holder is not None and holder.pid:
        detail += f" Processus n° {holder.pid}."
    return "Îlot desktop est déjà ouvert sur cet ordinateur.", detail


def announce_interrupted_writes(window: MainWindow, cleanup: safe_files.Cleanup) -> None:
    """Once the window shows: what the start removed of a write killed last time, in words."""
    lines = cleanup.messages()
    if not lines:
        return
    from PySide6.QtCore import QTimer

    from ilot_desktop.ui import dialogs

    QTimer.singleShot(
        0, lambda: dialogs.inform(window, APP_NAME, "Une écriture avait été interrompue.", "\n\n".join(lines))
    )


def run_gui(paths: AppPaths) -> int:
    from ilot_desktop.ui import dialogs
    from ilot_desktop.ui.main_window import MainWindow

    settings = LocalSettings(paths.settings_file)
    app = create_application(sys.argv)
    taken = acquire_instance_lock(paths)
    if taken.state is instance_lock.LockState.IN_USE:
        log.info("second instance refused")
        dialogs.inform(None, APP_NAME, *in_use_message(taken))
        return 1
    if taken.state is instance_lock.LockState.DISK_FULL:
        dialogs.inform(
            None,
            APP_NAME,
            "Le disque est plein.",
            "Libérez de la place (corbeille, téléchargements) : tant que le disque est plein, rien ne pourra être "
            "enregistré. Vous pouvez consulter les dossiers.",
        )
    interrupted = safe_files.finish_interrupted_writes(paths.data_dir)  # a write killed last time
    window = MainWindow(paths, settings)

    def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app.quit()
            return
        report = write_crash_report(paths.crash_dir, exc)
        dialogs.show_error(window, exc, report)
        forget_exception(exc)  # the frames' locals (rows, a file shown) are not kept until the next bug

    sys.excepthook = excepthook
    if taken.state is instance_lock.LockState.READ_ONLY:
        window.show_read_only(READ_ONLY_BANNER)
    window.show()
    log.info("application started (version %s)", __version__)
    announce_interrupted_writes(window, interrupted)
    try:
        return app.exec()
    finally:
        taken.release()
