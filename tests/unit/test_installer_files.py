"""What CI cannot build (Windows, macOS) is at least checked for the settings the installers promise."""

from __future__ import annotations

import re
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[2] / "installer"


def test_inno_setup_script_is_per_user_french_and_keeps_data():
    raw = (INSTALLER / "windows" / "ilot-desktop.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, or Inno Setup misreads « Î »"
    text = raw.decode("utf-8-sig")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.M)
    assert re.search(r"^DefaultDirName=\{localappdata\}\\Programs\\", text, re.M)
    assert "compiler:Languages\\French.isl" in text
    assert re.search(r'^Name: "desktopicon".*Flags: unchecked$', text, re.M)
    assert re.search(r'^Name: "\{autoprograms\}\\', text, re.M)
    assert "[UninstallDelete]" not in text, "the uninstaller must not remove anything the installer did not copy"
    for relative in re.findall(r"^(?:SetupIconFile)=(.+)$", text, re.M):
        assert (INSTALLER / "windows" / relative.replace("\\", "/")).is_file()


def test_desktop_entry_is_french_and_names_the_installed_icon():
    entry = (INSTALLER / "linux" / "ilot-desktop.desktop").read_text(encoding="utf-8")
    assert "Name=Îlot desktop" in entry
    assert "Exec=ilot-desktop" in entry and "Icon=ilot-desktop" in entry
