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
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ilot_desktop.errors import TeamPackageError, TeamPassphraseError
from ilot_desktop.services import team_package as tp

if TYPE_CHECKING:
    from ilot_desktop.storage.database import UnitOfWork

ID_KEY, SALT_KEY, KDF_KEY, KEY_KEY = "team.id", "team.salt", "team.kdf", "team.key"
PROVISIONAL_KEY = "team.provisional"
OLD_KEYS_KEY = "team.old_keys"  # earlier versions kept the replaced keys: only their salts are read, then dropped
RETIRED_KEY = "team.retired_salts"  # salts (hex) of the passphrases replaced since: their packages are refused
FULL_NEXT_KEY = "team.full_next"  # a new key (changed, adopted, or a team met again): the next package is complete
NBSP = "\u00a0"
NO_PASSPHRASE = "Saisissez la phrase de passe d'équipe."
WRONG = f"La phrase de passe d'équipe est incorrecte{NBSP}: rien n'a été pris en compte."
WRONG_OLD = f"L'ancienne phrase de passe d'équipe est incorrecte{NBSP}: rien n'a changé."
JOIN = (
    f"Ce paquet vient d'une équipe que cet ordinateur n'a pas encore rejointe{NBSP}: saisissez la phrase de passe "
    "d'équipe pour la rejoindre."
)
RETIRED = f"Paquet scellé avec une ancienne phrase de passe d'équipe{NBSP}: ignoré."
NEW_SALT = f"Paquet scellé avec une nouvelle phrase de passe{NBSP}? saisissez-la."
DAMAGED_OR_OTHER = (
    f"Ce paquet d'équipe est endommagé ou scellé avec une autre phrase de passe{NBSP}: rien n'a été pris en compte."
)
OTHER_TEAM_ASK = (
    f"Ce paquet vient d'une autre équipe, ou d'une collègue qui a envoyé avant d'avoir reçu{NBSP}: saisissez la "
    "phrase de passe d'équipe pour le savoir."
)
SUPERSEDED = f"Paquet remplacé par un envoi plus récent de ce collègue{NBSP}: rien à prendre."
WAITING = f"En attente{NBSP}: ce collègue rejoint l'équipe à son prochain envoi."


class RetiredKeyError(TeamPassphraseError):
    """A package sealed with a passphrase replaced since (a colleague who left may still hold it): refused."""


class PassphraseNeeded(TeamPassphraseError):
    """A package sealed with a salt this laptop does not know: the passphrase is needed to tell (never guessed)."""


class NoTeamKey(TeamPassphraseError):
    """No team key here yet and no passphrase given: nothing can be opened nor sent."""


class JoinFailed(TeamPassphraseError):
    """No team key here yet and the passphrase given does not open this package (wrong, or the package damaged)."""


class Superseded(TeamPackageError):
    """A package of the larger team id whose author joined this team since: everything in it came again."""


class WaitingForTeam(TeamPackageError):
    """A package of the same programme under the larger team id: its author adopts this laptop's team next."""


class TeamKeys:
    def __init__(self, uow: UnitOfWork, derived: dict[tuple[str, bytes, bytes, tp.TeamKdf], tp.TeamKey] | None = None):
        self._uow = uow
        self._settings = uow.settings
        self._derived = {} if derived is None else derived  # one exchange's derivations (Argon2id: 0.36 s each)

    def _derive(self, passphrase: str, header: tp.PackageHeader | tp.TeamKey) -> tp.TeamKey:
        known = (passphrase, header.team_id, header.salt, header.kdf)
        if known not in self._derived:
            self._derived[known] = tp.derive(passphrase, header)
        return self._derived[known]

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
        self._replace(team, new)

    def replace_lost(self, new: str) -> None:
        """The team passphrase is lost: this laptop, which holds the team's key, gives the team a new one (the
        caller has checked the file's own password). As a change: the former phrase's packages refused from now."""
        team = self.stored()
        if team is None:
            raise TeamPassphraseError(NO_PASSPHRASE)
        self._replace(team, new)

    def _replace(self, team: tp.TeamKey, new: str) -> None:
        if not new:
            raise TeamPassphraseError(NO_PASSPHRASE)
        fresh = tp.PackageHeader(team.team_id, secrets.token_bytes(tp.SALT_BYTES), tp.default_kdf())
        self._retire(team)
        self._renew(tp.derive(new, fresh))

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

    def full_next(self) -> bool:
        """The next package must be complete: this laptop's key changed since its last package."""
        return self._settings.get(FULL_NEXT_KEY) == "1"

    def sent_full(self) -> None:
        self._settings.delete(FULL_NEXT_KEY)

    def _renew(self, team: tp.TeamKey) -> None:
        """A new key for this laptop: whatever it sent before is re-sent whole, under the new key, so that nothing a
        colleague could only read under the old one is lost."""
        self.store(team)
        self._settings.set(FULL_NEXT_KEY, "1")

    def retired(self) -> set[str]:
        salts = set(json.loads(self._settings.get(RETIRED_KEY) or "[]"))
        return salts | set(json.loads(self._settings.get(OLD_KEYS_KEY) or "{}"))

    def _retire(self, team: tp.TeamKey) -> None:
        """Only the salt of a replaced passphrase is kept (to name the case): its packages are refused for good."""
        salts = self.retired() | {team.salt.hex()}
        self._settings.set(RETIRED_KEY, json.dumps(sorted(salts)))
        self._settings.delete(OLD_KEYS_KEY)

    def _is_current(self, passphrase: str, team: tp.TeamKey) -> bool:
        return hmac.compare_digest(self._derive(passphrase, team).key, team.key)

    def open(self, blob: bytes, header: tp.PackageHeader, passphrase: str | None) -> dict[str, Any]:
        """The payload of a package: with this laptop's key; or one derived from ``passphrase`` (a team joined, a
        newer passphrase adopted, the same programme met under another team id). A package sealed with a replaced
        passphrase is refused (RetiredKeyError)."""
        team = self.stored()
        if team is None:
            return self._adopt(blob, header, passphrase, joining=True)
        if not hmac.compare_digest(header.team_id, team.team_id):
            return self._other_team(blob, header, passphrase, team)
        if hmac.compare_digest(header.salt, team.salt):
            if passphrase and not self._is_current(passphrase, team):
                raise TeamPassphraseError(WRONG)  # a mistyped (or replaced) passphrase given: nothing taken in
            return tp.open_package(blob, team)
        if header.salt.hex() in self.retired():
            raise RetiredKeyError(RETIRED)
        if not passphrase:
            raise PassphraseNeeded(NEW_SALT)
        derived = self._derive(passphrase, header)
        try:
            payload = tp.open_package(blob, derived)
        except TeamPackageError:
            if self._is_current(passphrase, team):
                raise TeamPackageError(DAMAGED_OR_OTHER) from None  # a damaged salt, or a stranger's package
            raise TeamPassphraseError(WRONG) from None
        self._retire(team)
        self._renew(derived)  # the new passphrase of the head of programme
        return payload

    def _other_team(
        self, blob: bytes, header: tp.PackageHeader, passphrase: str | None, team: tp.TeamKey
    ) -> dict[str, Any]:
        if self._provisional():
            if not passphrase:
                raise NoTeamKey(JOIN)
            return self._adopt(blob, header, passphrase, joining=True)
        if not passphrase:
            raise PassphraseNeeded(OTHER_TEAM_ASK)
        derived = self._derive(passphrase, header)
        try:
            payload = tp.open_package(blob, derived)
        except TeamPackageError:
            return tp.open_package(blob, team)  # another team indeed: refused (TeamPackageError)
        # The same programme, split when two laptops each sent before receiving: the smaller team id wins on both.
        if header.team_id > team.team_id:
            if self._superseded(payload):
                raise Superseded(SUPERSEDED)
            raise WaitingForTeam(WAITING)
        self._renew(derived)
        return payload

    def _superseded(self, payload: dict[str, Any]) -> bool:
        """A package of the larger team id whose author has since sent (complete, under this team) a later one."""
        try:
            sent_at = datetime.fromisoformat(str(payload.get("created_at")))
        except ValueError:
            return False
        author = str(payload.get("from"))
        try:
            return any(
                rid == author and at is not None and at >= sent_at for rid, _c, at in self._uow.team_state.peers()
            )
        except TypeError:  # a moment written without its offset: not comparable, not superseded
            return False

    def _adopt(self, blob: bytes, header: tp.PackageHeader, passphrase: str | None, joining: bool) -> dict[str, Any]:
        if not passphrase:
            raise NoTeamKey(NO_PASSPHRASE)
        derived = self._derive(passphrase, header)
        try:
            payload = tp.open_package(blob, derived)
        except TeamPackageError:
            raise JoinFailed(WRONG) from None
        self.store(derived)  # joined
        if joining:
            self.exported()
        return payload
