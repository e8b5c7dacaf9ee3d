import pytest

from ilot_desktop.errors import KeyFileMissingError, WrongPasswordError, WrongRecoveryCodeError
from ilot_desktop.storage import keys


def test_default_kdf_is_argon2id_at_64_mib():
    assert keys.KdfParams() == keys.KdfParams(time_cost=3, memory_cost_kib=65536, parallelism=4)


def test_recovery_code_round_trip_and_shape():
    key = keys.new_data_key()
    code = keys.encode_recovery_code(key)
    groups = code.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert keys.decode_recovery_code(code) == key
    assert keys.decode_recovery_code(code.lower().replace("-", " ")) == key


def test_recovery_code_tolerates_look_alike_letters():
    key = bytes(32)
    code = keys.encode_recovery_code(key)  # all zeros -> "0000-..." plus checksum
    assert keys.decode_recovery_code(code.replace("0", "O")) == key


def test_recovery_code_typo_is_detected():
    code = keys.encode_recovery_code(keys.new_data_key())
    first = code[0]
    typo = ("1" if first != "1" else "2") + code[1:]
    with pytest.raises(WrongRecoveryCodeError, match="faute de frappe"):
        keys.decode_recovery_code(typo)
    with pytest.raises(WrongRecoveryCodeError, match="56 caractères"):
        keys.decode_recovery_code(code[:-5])
    with pytest.raises(WrongRecoveryCodeError, match="inattendu"):
        keys.decode_recovery_code("#" + code[1:])


def test_wrap_unwrap_and_wrong_password():
    key = keys.new_data_key()
    content = keys.wrap_key(key, "Mot-de-passe-2026!")
    assert keys.unwrap_key(content, "Mot-de-passe-2026!") == key
    assert content["kdf"]["algorithm"] == "argon2id"
    assert key.hex() not in str(content)
    with pytest.raises(WrongPasswordError):
        keys.unwrap_key(content, "mot-de-passe-2026!")


def test_damaged_keyfile_is_told_apart(tmp_path):
    path = tmp_path / "ilot.key"
    with pytest.raises(KeyFileMissingError, match="introuvable"):
        keys.read_keyfile(path)
    path.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(KeyFileMissingError, match="illisible"):
        keys.read_keyfile(path)
    path.write_text('{"format": "autre"}', encoding="utf-8")
    with pytest.raises(KeyFileMissingError, match="pas reconnu"):
        keys.read_keyfile(path)
    with pytest.raises(KeyFileMissingError, match="endommagé"):
        keys.unwrap_key({"format": keys.KEYFILE_FORMAT}, "x")
