"""Build the installable Îlot desktop: the PyInstaller bundle, the .deb on Linux, then prove them.

    python installer/build.py          # make dist: the bundle, the .deb (Linux) or setup .exe (Windows), self-test
    python installer/build.py check    # make dist-check: self-test, .deb fields and contents, run from the .deb

Run it with the project's virtual environment (``make dist`` installs ``.[dist]`` into ``.venv`` first).
Outputs, all under ``dist/`` (ignored by git): ``dist/ilot-desktop/`` (the one-folder bundle),
``dist/ilot-desktop_<version>_<arch>.deb`` on Linux, ``dist/Ilot desktop.app`` on macOS,
``dist/ilot-desktop-<version>-setup.exe`` on Windows when Inno Setup's ``ISCC.exe`` is found.
``ILOT_DIST_DIR`` puts them elsewhere (``make windows``: ``dist/windows``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
# make windows builds under Wine into dist/windows (ILOT_DIST_DIR), beside the Linux dist/.
DIST = Path(os.environ.get("ILOT_DIST_DIR") or ROOT / "dist")
BUILD = ROOT / "build"
BUNDLE = DIST / "ilot-desktop"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PACKAGE = "ilot-desktop"
MAINTAINER = "L'Îlot <ilot-desktop@lilot.invalid>"  # placeholder address: set DEB_MAINTAINER for a real one
INSTALL_DIR = "/opt/ilot-desktop"
# What the bundle loads from the system instead of carrying it (PyInstaller leaves out libc, the
# graphics drivers' libGL/libEGL/libdrm, libxcb and Wayland, which must match the running system).
DEB_SYSTEM_LIBRARIES = "libgl1, libegl1, libdrm2, libxcb1, libwayland-client0, libwayland-cursor0, libwayland-egl1"


def glibc_floor() -> str:
    """The C library the bundle needs: the build machine's (the Python carried was built against it; Qt's
    wheels need 2.34), so a .deb built on a newer system never claims to run on an older one."""
    name, found = platform.libc_ver()
    return found if name == "glibc" and found else "2.36"


def deb_depends() -> str:
    return f"libc6 (>= {glibc_floor()}), {DEB_SYSTEM_LIBRARIES}"


DEB_DESCRIPTION = """\
Îlot desktop : suivi Dynamiques Emploi (hors ligne, chiffré)
 L'outil des chargées de mission emploi de L'Îlot pour le dispositif
 Dynamiques Emploi : dossiers des personnes accompagnées, rendez-vous,
 plan d'action, bilan annuel. Les données restent sur l'ordinateur,
 dans un fichier chiffré (SQLCipher), dans le dossier de l'utilisateur.
"""
# Paths every .deb must hold (checked by ``check``).
DEB_REQUIRED = (
    f".{INSTALL_DIR}/ilot-desktop",
    f".{INSTALL_DIR}/_internal/resources/fonts/DejaVuSans.ttf",
    f".{INSTALL_DIR}/_internal/resources/guide/guide-utilisateur.md",  # Aide → Guide d'utilisation, F1
    f".{INSTALL_DIR}/_internal/ilot_desktop/storage/migrations/versions/0001_initial.py",
    f".{INSTALL_DIR}/_internal/PySide6/Qt/translations/qtbase_fr.qm",
    "./usr/bin/ilot-desktop",
    "./usr/share/applications/ilot-desktop.desktop",
    "./usr/share/icons/hicolor/scalable/apps/ilot-desktop.svg",
    *(f"./usr/share/icons/hicolor/{n}x{n}/apps/ilot-desktop.png" for n in PNG_SIZES),
)


def version() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from ilot_desktop import __version__

    return __version__


def say(text: str) -> None:
    print(f"[dist] {text}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    say("$ " + " ".join(str(part) for part in command))
    return subprocess.run([str(part) for part in command], check=True, **kwargs)


def executable(bundle: Path = BUNDLE) -> Path:
    """The program to run sub-commands with: on Windows the console twin of the windowed .exe."""
    if sys.platform == "win32":
        return bundle / "ilot-desktop-cli.exe"
    return bundle / "ilot-desktop"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def short(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MiB"


# --- the bundle --------------------------------------------------------------------------------------


def build_bundle() -> None:
    started = time.monotonic()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            DIST,
            "--workpath",
            BUILD / "pyinstaller" / sys.platform,
            INSTALLER / "ilot-desktop.spec",
        ],
        cwd=ROOT,
    )
    say(f"bundle {short(BUNDLE)}: {mib(folder_size(BUNDLE))} in {time.monotonic() - started:.0f} s")
    check_translations(BUNDLE)


def check_translations(bundle: Path) -> None:
    """French only: Qt's other catalogues (7 MB, in PySide6/Qt/translations on Linux and macOS but
    PySide6/translations in the Windows wheels) must have been left out by the spec."""
    catalogues = sorted(p.name for p in bundle.rglob("*.qm"))
    others = [name for name in catalogues if not name.endswith("_fr.qm")]
    if others or "qtbase_fr.qm" not in catalogues:
        raise SystemExit(f"Qt catalogues in the bundle: {len(others)} not French ({others[:5]}), {catalogues[:5]}")
    say(f"Qt catalogues: {', '.join(catalogues)} (French only)")


def self_test(program: Path) -> None:
    """The bundle proves itself: a vault, PDFs, workbooks and Qt, in a temporary folder."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # nothing from the source tree may help the frozen program
    env.pop("ILOT_DATA_DIR", None)
    run([program, "--version"], env=env)
    run([program, "self-test"], env=env)


# --- the .deb ----------------------------------------------------------------------------------------


def deb_architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True, text=True).stdout.strip()


def deb_path() -> Path:
    return DIST / f"{PACKAGE}_{version()}_{deb_architecture()}.deb"


def _normalise_modes(root: Path) -> None:
    """0755 folders and programs, 0644 files, whatever the umask of the build (a 077 umask would lock users out)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def build_deb() -> Path:
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb is needed to build the .deb (apt-get install dpkg).")
    started = time.monotonic()
    stage = BUILD / "deb" / PACKAGE
    shutil.rmtree(stage.parent, ignore_errors=True)
    shutil.copytree(BUNDLE, stage / INSTALL_DIR.lstrip("/"), symlinks=True)
    usr = stage / "usr"
    launcher = usr / "bin" / "ilot-desktop"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(f'#!/bin/sh\nexec {INSTALL_DIR}/ilot-desktop "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    applications = usr / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(INSTALLER / "linux" / "ilot-desktop.desktop", applications / "ilot-desktop.desktop")
    hicolor = usr / "share" / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICONS / "ilot-desktop.svg", hicolor / "scalable" / "apps" / "ilot-desktop.svg")
    for size in PNG_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(ICONS / f"ilot-desktop-{size}.png", target / "ilot-desktop.png")
    doc = usr / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Îlot desktop — Copyright L'Îlot. Licence : propriétaire (L'Îlot).\n\n"
        "Composants inclus sous leur propre licence, notamment : Qt 6 et PySide6 (LGPL-3.0, bibliothèques "
        f"partagées remplaçables dans {INSTALL_DIR}/_internal), Python (PSF), SQLCipher (BSD), SQLAlchemy, "
        "Alembic, Mako (MIT), reportlab (BSD), Pillow (HPND), openpyxl (MIT), cryptography (Apache-2.0/BSD), "
        "argon2-cffi (MIT), platformdirs (MIT), zxcvbn (MIT), listes de mots de @zxcvbn-ts/language-fr (MIT\u00a0; "
        "mots fréquents dérivés d'OpenSubtitles 2024 via OPUS, ODC-BY), polices DejaVu (licence libre, voir "
        f"{INSTALL_DIR}/_internal/resources/fonts/LICENSE-DejaVu.txt).\n",
        encoding="utf-8",
    )
    control = stage / "DEBIAN"
    control.mkdir()
    installed_kib = (folder_size(stage) + 1023) // 1024
    (control / "control").write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version()}\n"
        f"Architecture: {deb_architecture()}\n"
        f"Maintainer: {os.environ.get('DEB_MAINTAINER', MAINTAINER)}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {deb_depends()}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DEB_DESCRIPTION}",
        encoding="utf-8",
    )
    _normalise_modes(stage)
    out = deb_path()
    out.unlink(missing_ok=True)
    # root:root inside without needing root here. zstd -9: 5 s here, where xz takes over a minute for a
    # fifth less; dpkg reads zstd since 1.21.18 (Debian 12, Ubuntu 22.04), older than the glibc we need.
    compression = os.environ.get("DEB_COMPRESSION", "-Zzstd -z9").split()
    run(["dpkg-deb", "--root-owner-group", *compression, "--build", stage, out])
    say(f"{out.relative_to(ROOT)}: {mib(out.stat().st_size)} in {time.monotonic() - started:.0f} s")
    return out


# --- Windows: Inno Setup ---------------------------------------------------------------------------


def build_windows_setup() -> None:
    compiler = os.environ.get("ISCC") or shutil.which("ISCC") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    if not Path(compiler).is_file() and shutil.which(compiler) is None:
        say("Inno Setup (ISCC.exe) not found: the bundle is built, not the setup .exe (see installer/README.md)")
        return
    run(
        [
            compiler,
            f"/DAppVersion={version()}",
            f"/DBundle={BUNDLE}",
            f"/O{DIST}",
            INSTALLER / "windows" / "ilot-desktop.iss",
        ]
    )


# --- checks ------------------------------------------------------------------------------------------


def check_deb(deb: Path) -> None:
    info = run(["dpkg-deb", "--info", deb], capture_output=True, text=True).stdout
    for field in (f"Package: {PACKAGE}", f"Version: {version()}", "Depends: ", "Maintainer: "):
        if field not in info:
            raise SystemExit(f".deb: no « {field.strip()} » in its control file")
    listing = run(["dpkg-deb", "--contents", deb], capture_output=True, text=True).stdout
    entries = {}
    for line in listing.splitlines():
        fields = line.split(maxsplit=5)
        name = fields[5].split(" -> ")[0]
        entries[name.rstrip("/")] = fields
    missing = [path for path in DEB_REQUIRED if path not in entries]
    if missing:
        raise SystemExit(".deb: missing " + ", ".join(missing))
    not_root = [name for name, fields in entries.items() if fields[1] != "root/root"]
    if not_root:
        raise SystemExit(f".deb: not owned by root: {not_root[:5]}")
    if not entries[f".{INSTALL_DIR}/ilot-desktop"][0].startswith("-rwxr-xr-x"):
        raise SystemExit(".deb: the program is not executable by everyone")
    say(f"{deb.name}: control fields and {len(DEB_REQUIRED)} expected paths present, all root/root")
    # Installed as dpkg would, into a scratch root: the program must run from /opt's layout.
    with tempfile.TemporaryDirectory(prefix="ilot-deb-") as scratch:
        run(["dpkg-deb", "-x", deb, scratch])
        self_test(Path(scratch) / INSTALL_DIR.lstrip("/") / "ilot-desktop")


def check() -> None:
    if not executable().is_file():
        raise SystemExit(f"No bundle in {short(BUNDLE)}: run make dist first.")
    self_test(executable())
    if sys.platform.startswith("linux"):
        deb = deb_path()
        if not deb.is_file():
            raise SystemExit(f"No {deb.relative_to(ROOT)}: run make dist first.")
        check_deb(deb)
    say("dist-check: OK")


def build() -> None:
    started = time.monotonic()
    build_bundle()
    if sys.platform.startswith("linux"):
        build_deb()
    elif sys.platform == "win32":
        build_windows_setup()
    self_test(executable())
    say(f"make dist: done in {time.monotonic() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", nargs="?", choices=("build", "check"), default="build")
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.action == "check":
        check()
    else:
        build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
