"""The team key in the vault's (encrypted) settings: created, joined through a package, checked, changed.

``team.id``, ``team.salt`` (hex), ``team.kdf`` (JSON), ``team.key`` (the derived 32-byte key, hex: the passphrase
is typed once per laptop). A team created on this laptop by ``set_passphrase`` stays *provisional* until its first
package goes out: a colleague's package from an existing team is then joined (its id, salt and parameters adopted)
once the passphrase opens it.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any

from ilot_desktop.errors import TeamPackageError, TeamPassphraseError
from ilot_desktop.services import team_package as tp
from ilot_desktop.storage.database import UnitOfWork

ID_KEY, SALT_KEY, KDF_KEY, KEY_KEY = "team.id", "team.salt", "team.kdf", "team.key"
PROVISIONAL_KEY = "team.provisional"
OLD_KEYS_KEY = "team.old_keys"  # salt (hex) -> key (hex) of the passphrases replaced since
NBSP = "\u00a0"
NO_PASSPHRASE = "Saisissez la phrase de passe d'équipe."
WRONG = f"La phrase de passe d'équipe est incorrecte{NBSP}: rien n'a été pris en compte."
WRONG_OLD = f"L'ancienne phrase de passe d'équipe est incorrecte{NBSP}: rien n'a changé."
JOIN = (
    f"Ce paquet vient d'une équipe que cet ordinateur n'a pas encore rejointe{NBSP}: saisissez la phrase de passe "
    "d'équipe pour la rejoindre."
)


class TeamKeys:
    def __init__(self, uow: UnitOfWork):
        self._settings = uow.settings

    def stored(self) -> tp.TeamKey | None:
        s = self._settings
        values = [s.get(k) for k in (ID_KEY, SALT_KEY, KDF_KEY, KEY_KEY)]
        if not all(values):
            return None
        team_id, salt, kdf, key = (str(v) for v in values)
        params = tp.TeamKdf.from_dict(json.loads(kdf))
        return tp.TeamKey(bytes.fromhex(team_id), bytes.fromhex(salt), params, bytes.fromhex(key))

    def store(self, team: tp.TeamKey) -> None:
        s = self._settings
        s.set(ID_KEY, team.team_id.hex())
        s.set(SALT_KEY, team.salt.hex())
        s.set(KDF_KEY, json.dumps(team.kdf.as_dict()))
        s.set(KEY_KEY, team.key.hex())

    def _provisional(self) -> bool:
        return self._settings.get(PROVISIONAL_KEY) == "1"

    def exported(self) -> None:
        """A package went out: the team is this laptop's for good."""
        self._settings.delete(PROVISIONAL_KEY)

    def _check(self, passphrase: str, team: tp.TeamKey) -> None:
        if not hmac.compare_digest(tp.derive(passphrase, team).key, team.key):
            raise TeamPassphraseError(WRONG)

    def set_passphrase(self, passphrase: str) -> None:
        if not passphrase:
            raise TeamPassphraseError(NO_PASSPHRASE)
        team = self.stored()
        if team is None:
            self.store(tp.new_team(passphrase))
            self._settings.set(PROVISIONAL_KEY, "1")
        else:
            self._check(passphrase, team)

    def change_passphrase(self, old: str, new: str) -> None:
        team = self.stored()
        if team is None:
            self.set_passphrase(new)
            return
        if not old or not hmac.compare_digest(tp.derive(old, team).key, team.key):
            raise TeamPassphraseError(WRONG_OLD)
        if not new:
            raise TeamPassphraseError(NO_PASSPHRASE)
        fresh = tp.PackageHeader(team.team_id, secrets.token_bytes(tp.SALT_BYTES), tp.default_kdf())
        self._retire(team)
        self.store(tp.derive(new, fresh))

    def for_export(self, passphrase: str | None) -> tp.TeamKey:
        team = self.stored()
        if team is None:
            if not passphrase:
                raise TeamPassphraseError(NO_PASSPHRASE)
            team = tp.new_team(passphrase)
            self.store(team)
            return team
        if passphrase:
            self._check(passphrase, team)
        return team

    def _old_keys(self) -> dict[str, str]:
        return dict(json.loads(self._settings.get(OLD_KEYS_KEY) or "{}"))

    def _retire(self, team: tp.TeamKey) -> None:
        """The key of a replaced passphrase, kept to read packages sealed before the change (never adopted again)."""
        old = self._old_keys()
        old[team.salt.hex()] = team.key.hex()
        self._settings.set(OLD_KEYS_KEY, json.dumps(old))

    def open(self, blob: bytes, header: tp.PackageHeader, passphrase: str | None) -> dict[str, Any]:
        """The payload of a package, with this laptop's key, the key of a passphrase replaced since (an old
        package), or one derived from ``passphrase`` (a team joined, or a newer passphrase: then adopted)."""
        team = self.stored()
        if team is None:
            return self._adopt(blob, header, passphrase, joining=True)
        if not hmac.compare_digest(header.team_id, team.team_id):
            if not self._provisional():
                return tp.open_package(blob, team)  # another team: refused (TeamPackageError)
            if not passphrase:
                raise TeamPassphraseError(JOIN)
            return self._adopt(blob, header, passphrase, joining=True)
        old = self._old_keys().get(header.salt.hex())
        if hmac.compare_digest(header.salt, team.salt) or old is not None:
            if passphrase:
                self._check(passphrase, team)  # a script still holding a replaced passphrase: refused
            key = team if old is None else tp.TeamKey(team.team_id, header.salt, header.kdf, bytes.fromhex(old))
            return tp.open_package(blob, key)
        if not passphrase:
            return tp.open_package(blob, team)  # a newer passphrase: TeamPassphraseError, asked for
        self._retire(team)
        return self._adopt(blob, header, passphrase, joining=False)

    def _adopt(self, blob: bytes, header: tp.PackageHeader, passphrase: str | None, joining: bool) -> dict[str, Any]:
        if not passphrase:
            raise TeamPassphraseError(NO_PASSPHRASE)
        derived = tp.derive(passphrase, header)
        try:
            payload = tp.open_package(blob, derived)
        except TeamPackageError:
            raise TeamPassphraseError(WRONG) from None
        self.store(derived)  # joined, or the new passphrase of the head of programme adopted
        if joining:
            self.exported()
        return payload
