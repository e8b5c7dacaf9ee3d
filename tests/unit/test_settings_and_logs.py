from ilot_desktop.logs import redacted_traceback, write_crash_report
from ilot_desktop.settings import AUTO_LOCK_MINUTES, LIST_FILTER, LocalSettings


def test_settings_defaults_round_trip_and_bad_values(tmp_path):
    path = tmp_path / "reglages" / "ilot-desktop.ini"
    settings = LocalSettings(path)
    assert settings.get(AUTO_LOCK_MINUTES) == 5
    settings.set(AUTO_LOCK_MINUTES, 10)
    settings.set(LIST_FILTER, "all")
    assert settings.save()
    again = LocalSettings(path)
    assert again.get(AUTO_LOCK_MINUTES) == 10
    assert again.get(LIST_FILTER) == "all"
    path.write_text("[security]\nauto_lock_minutes = beaucoup\n", encoding="utf-8")
    assert LocalSettings(path).get(AUTO_LOCK_MINUTES) == 5
    path.write_bytes(b"\xff\xfe garbage [[[")
    assert LocalSettings(path).get(AUTO_LOCK_MINUTES) == 5


def test_settings_save_failure_is_not_fatal(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    assert LocalSettings(blocker / "sous-dossier" / "x.ini").save() is False


def _raise_with(message):
    try:
        raise ValueError(message)
    except ValueError as exc:
        return exc


def test_crash_report_masks_foreign_messages(tmp_path):
    exc = _raise_with("Nom saisi : Zéphyrin Marqueur")
    text = redacted_traceback(exc)
    assert "Marqueur" not in text
    assert "builtins.ValueError" in text
    assert "_raise_with" in text
    report = write_crash_report(tmp_path / "rapports", exc)
    assert report is not None
    content = report.read_text(encoding="utf-8")
    assert "Marqueur" not in content and "rapport d'erreur" in content
