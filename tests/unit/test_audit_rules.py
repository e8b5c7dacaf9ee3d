"""The access log's rules: labels, retention cutoff, no overlong or empty fields."""

from __future__ import annotations

from datetime import date, datetime

from ilot_desktop.domain import audit
from ilot_desktop.domain.audit import ACTION_LABELS, AuditAction, AuditEvent, clean_actor, clean_detail, purge_cutoff


def test_every_action_code_has_a_french_label():
    codes = {action.value for action in AuditAction}
    assert codes == set(ACTION_LABELS)
    assert all(type(code) is str for code in ACTION_LABELS)  # stored as plain text
    # no action code left as a loose constant beside the enum
    assert not [
        name for name, value in vars(audit).items() if name.isupper() and isinstance(value, str) and value in codes
    ]
    brief = {
        "vault_opened",
        "vault_locked",
        "participant_viewed",
        "participant_created",
        "participant_updated",
        "participant_erased",
        "participant_anonymised",
        "export_full",
        "export_funder",
        "import",
        "backup",
        "restore",
        "password_changed",
        "access_copy",
    }
    assert brief <= set(ACTION_LABELS)
    assert all(label[0].isupper() for label in ACTION_LABELS.values())


def test_label_and_description():
    event = AuditEvent(datetime(2026, 11, 27, 10, 2), "Ariane Morel", "participant_updated", 4, "rendez-vous", "DE-1")
    assert event.label == "Dossier modifié"
    assert event.describe() == "27/11/2026 10:02 · Ariane Morel · Dossier modifié · DE-1 · rendez-vous"
    gone = AuditEvent(datetime(2026, 11, 27, 10, 2), "A", "participant_viewed", 4)
    assert "dossier n°4 (supprimé)" in gone.describe()
    erased = AuditEvent(datetime(2026, 11, 27, 10, 2), "A", "participant_erased", 4, "N° DE-1")
    assert erased.describe().endswith("Dossier effacé (droit à l'effacement) · N° DE-1")
    assert AuditEvent(datetime(2026, 1, 1), "A", "from_a_newer_version").label == "from_a_newer_version"


def test_twelve_months_cutoff():
    assert purge_cutoff(date(2026, 11, 27)) == datetime(2025, 11, 27)
    assert purge_cutoff(date(2026, 1, 15)) == datetime(2025, 1, 15)
    assert purge_cutoff(date(2028, 2, 29)) == datetime(2027, 2, 28)


def test_actor_and_detail_are_bounded():
    assert clean_actor(None) == "Utilisateur"
    assert clean_actor("   ") == "Utilisateur"
    assert clean_actor("  Ariane   Morel ") == "Ariane Morel"
    assert len(clean_actor("x" * 500)) == 200
    assert clean_detail("a\nb") == "a b"
    assert len(clean_detail("y" * 500)) == 200


def test_actions_are_one_enum_equal_to_their_stored_codes():
    assert AuditAction("action_plan_printed") is AuditAction.ACTION_PLAN_PRINTED
    assert AuditAction.PARTICIPANT_VIEWED == "participant_viewed"
    assert AuditAction.RECOVERY_SHEET_SAVED.label == "Feuille de secours enregistrée (PDF)"
    event = AuditEvent(datetime(2026, 11, 27, 10, 2), "A", AuditAction.WEEK_PRINTED.value)
    assert event.label == AuditAction.WEEK_PRINTED.label
