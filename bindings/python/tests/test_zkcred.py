"""The whole story through the Python package: an issuer, a holder, a verifier; and what a
deviating party tries (a tampered request, another verifier's request, a replay, a wrong
passphrase, malformed documents). Mirrors bindings/core/tests/story.rs."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import zkcred

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "crates/cli/data/identity.schema.json").read_text()
)
NOW = "2026-11-30T08:00:00Z"
SPEC = {
    "version": 1,
    "credentials": [
        {
            "label": "identity",
            "schema": "vn.commune.identity",
            "accepted_issuers": {"tiers": ["commune"]},
            "disclose": ["commune"],
            "predicates": [
                {
                    "attribute": "birth_date",
                    "predicate": {"age_at_least": {"years": 18, "today": "today"}},
                }
            ],
        }
    ],
    "pseudonym_scope": "clinic-visits",
}
World = dict[str, Any]
CONTENT = {
    "attributes": {
        "full_name": {"string": "Nguyễn Thị Mai"},
        "birth_date": {"date": "2001-04-02"},
        "commune": {"enumeration": "my_hoa_hung"},
    },
    "issued_on": "2026-01-01",
    "expires_on": "2030-12-31",
}


@pytest.fixture(scope="module")
def world() -> World:
    """An issued credential in a wallet, and a clinic's signed request with its keys."""
    commune_key, commune = zkcred.new_issuer("UBND xã Mỹ Hòa Hưng", "commune", "VN-44")
    wallet = zkcred.new_wallet()
    wallet, request = zkcred.request_issuance(wallet, SCHEMA, commune)
    issued = zkcred.issue(commune_key, SCHEMA, request, CONTENT)
    wallet, credential_id = zkcred.accept_credential(wallet, issued, SCHEMA, commune)
    listed = zkcred.list_credentials(wallet)
    registry = zkcred.trust_registry([{"issuer": commune, "schemas": [listed[0]["schema_id"]]}])
    clinic_key, clinic = zkcred.new_verifier("clinic", "Phòng khám", ["clinic-visits"])
    # A datetime clock: the same instant as NOW.
    signed, keys = zkcred.make_request(
        clinic_key,
        SPEC,
        [SCHEMA],
        now=datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc),
        valid_for_secs=3600,
    )
    return {
        "commune": commune,
        "commune_key": commune_key,
        "clinic_key": clinic_key,
        "wallet": wallet,
        "credential_id": credential_id,
        "listed": listed,
        "verifiers": zkcred.verifier_registry([clinic]),
        "clinic": clinic,
        "registry": registry,
        "signed": signed,
        "keys": keys,
    }


def verifier(w: World) -> zkcred.Verifier:
    return zkcred.Verifier(w["clinic"], w["registry"], [SCHEMA], w["keys"])


def test_issuer_holder_verifier(world: World) -> None:
    w = world
    assert isinstance(w["wallet"], str)
    listed = w["listed"]
    assert listed[0]["id"] == w["credential_id"]
    assert listed[0]["schema"] == "vn.commune.identity"
    assert listed[0]["attributes"]["birth_date"] == "2001-04-02"

    described = zkcred.describe_request(w["wallet"], w["signed"], w["verifiers"], now=NOW)
    c = described["credentials"][0]
    assert described["verifier"]["name"] == "Phòng khám"
    assert c["disclosed"] == ["commune"]
    assert c["hidden"] == ["full_name", "birth_date"]
    assert c["proven"][0].startswith("birth_date: age at least 18")
    assert c["candidates"] == [w["credential_id"]]
    assert any("pseudonym for scope 'clinic-visits'" in line for line in described["lines"])

    presentation = zkcred.present(w["wallet"], w["signed"], w["verifiers"], w["keys"], now=NOW)
    v = verifier(w)
    result = v.verify(w["signed"], presentation, now=NOW)
    assert result["verified"] is True
    holds = [p["holds"] for p in result["predicates_held"]]
    assert any(h.startswith("birth_date: age at least 18") for h in holds), holds
    disclosed = result["credentials"]["identity"]["disclosed"]
    assert disclosed == {"commune": {"enumeration": "my_hoa_hung"}}
    text = json.dumps(result, ensure_ascii=False)
    assert "2001-04-02" not in text and "Nguyễn" not in text

    # The same presentation again: the nonce was consumed.
    with pytest.raises(zkcred.PresentationRejected) as e:
        v.verify(w["signed"], presentation, now=NOW)
    assert e.value.code == "presentation_rejected"


def test_documents_pass_as_json_text(world: World) -> None:
    w = world
    described = zkcred.describe_request(
        w["wallet"], json.dumps(w["signed"]), json.dumps(w["verifiers"]), now=NOW
    )
    assert described["credentials"][0]["disclosed"] == ["commune"]


def test_a_tampered_request_is_refused_before_anything_is_proven(world: World) -> None:
    w = world
    # Ask for the birth date as well, keeping the clinic's signature.
    tampered = copy.deepcopy(w["signed"])
    tampered["request"]["credentials"][0]["disclose"] = ["birth_date"]
    with pytest.raises(zkcred.RequestRefused, match="tampered"):
        zkcred.present(w["wallet"], tampered, w["verifiers"], w["keys"], now=NOW)
    with pytest.raises(zkcred.RequestRefused, match="tampered"):
        zkcred.describe_request(w["wallet"], tampered, w["verifiers"], now=NOW)


def test_a_request_object_names_only_its_own_origin(world: World) -> None:
    uri = "https://gw.example/v1/requests/1"
    obj = {
        "signed_request": world["signed"],
        "keys": [{"digest": "00" * 32, "uri": "/v1/keys/00"}],
        "response_uri": "/v1/responses/1",
    }
    read = zkcred.read_request_object(uri, obj)
    assert read["signed_request"] == world["signed"]
    assert read["keys"][0]["uri"] == "https://gw.example/v1/keys/00"
    assert read["response_uri"] == "https://gw.example/v1/responses/1"
    with pytest.raises(zkcred.RequestRefused):
        zkcred.read_request_object(uri, dict(obj, response_uri="https://evil.example/x"))


def test_a_request_of_an_unlisted_verifier_is_refused(world: World) -> None:
    w = world
    rogue_key, _ = zkcred.new_verifier("rogue", "Rogue", ["clinic-visits"])
    signed, keys = zkcred.make_request(rogue_key, SPEC, [SCHEMA], now=NOW)
    with pytest.raises(zkcred.RequestRefused, match="rogue") as e:
        zkcred.present(w["wallet"], signed, w["verifiers"], keys, now=NOW)
    assert isinstance(e.value, zkcred.ZkcredError)


def test_an_expired_request_is_refused(world: World) -> None:
    w = world
    with pytest.raises(zkcred.RequestRefused, match="expired"):
        zkcred.present(
            w["wallet"], w["signed"], w["verifiers"], w["keys"], now="2026-11-30T10:00:00Z"
        )
    # The current clock (None) is outside the window too.
    with pytest.raises(zkcred.RequestRefused):
        zkcred.describe_request(w["wallet"], w["signed"], w["verifiers"])


@pytest.mark.parametrize("bad", ["", "{", "[]", '{"version": 1}', '{"version": 99}'])
def test_malformed_documents_are_invalid_input(world: World, bad: str) -> None:
    with pytest.raises(zkcred.InvalidInput) as e:
        zkcred.list_credentials(bad)
    assert e.value.code == "invalid_input"
    assert str(e.value).startswith("wallet: ")
    with pytest.raises(zkcred.PresentationRejected):
        verifier(world).verify(world["signed"], bad, now=NOW)


def test_bad_arguments_are_invalid_input(world: World) -> None:
    w = world
    with pytest.raises(zkcred.InvalidInput, match="naive"):
        zkcred.describe_request(w["wallet"], w["signed"], w["verifiers"], now=datetime(2026, 1, 1))
    with pytest.raises(zkcred.InvalidInput, match="now"):
        zkcred.describe_request(w["wallet"], w["signed"], w["verifiers"], now="30/11/2026")
    with pytest.raises(zkcred.InvalidInput, match="schema"):
        zkcred.request_issuance(w["wallet"], 42, {})  # type: ignore[arg-type]
    with pytest.raises(zkcred.InvalidInput, match="galactic"):
        zkcred.new_issuer("X", "galactic", "VN-44")


def test_a_sealed_wallet_opens_only_under_its_passphrase(world: World) -> None:
    wallet = world["wallet"]
    sealed = zkcred.seal_wallet(wallet, "mật khẩu dài")
    assert "holder_secret" not in json.dumps(sealed)
    assert zkcred.open_wallet(sealed, "mật khẩu dài") == wallet
    with pytest.raises(zkcred.WrongPassphrase) as e:
        zkcred.open_wallet(sealed, "mật khẩu dai")
    assert e.value.code == "wrong_passphrase"
    # One flipped ciphertext digit: the tag fails, as for a wrong passphrase.
    ct = sealed["ciphertext"]
    flipped = dict(sealed, ciphertext=ct[:-1] + ("1" if ct.endswith("0") else "0"))
    with pytest.raises(zkcred.WrongPassphrase):
        zkcred.open_wallet(flipped, "mật khẩu dài")
    # A file naming a huge iteration count is refused before any key is derived.
    with pytest.raises(zkcred.InvalidInput):
        zkcred.open_wallet(dict(sealed, iterations=4_000_000_000), "mật khẩu dài")


def test_a_wallet_kept_open(world: World) -> None:
    """Issuance, consent and answers from a ``Wallet`` object, without re-reading its text."""
    held = zkcred.Wallet.create()
    request = held.request_issuance(SCHEMA, world["commune"])
    young = copy.deepcopy(CONTENT)
    young["attributes"]["birth_date"] = {"date": "2010-06-01"}
    issued = zkcred.issue(world["commune_key"], SCHEMA, request, young)
    credential_id = held.accept_credential(issued, SCHEMA, world["commune"])
    assert [c["id"] for c in held.list_credentials()] == [credential_id]
    with pytest.raises(zkcred.CannotSatisfy, match="age at least 18"):
        held.present(world["signed"], world["verifiers"], world["keys"], now=NOW)

    opened = zkcred.Wallet.open(world["wallet"])
    assert opened.text() == world["wallet"]
    assert opened.describe_request(world["signed"], world["verifiers"], now=NOW) == (
        zkcred.describe_request(world["wallet"], world["signed"], world["verifiers"], now=NOW)
    )
    signed, keys = zkcred.make_request(
        world["clinic_key"], SPEC, [SCHEMA], keys=world["keys"], now=NOW
    )
    presentation = opened.present(signed, world["verifiers"], keys, now=NOW)
    result = zkcred.Verifier(world["clinic"], world["registry"], [SCHEMA], keys).verify(
        signed, presentation, now=NOW
    )
    assert result["verified"] is True

    sealed = opened.seal("mật khẩu")
    assert zkcred.Wallet.open_sealed(sealed, "mật khẩu").text() == world["wallet"]
    with pytest.raises(zkcred.WrongPassphrase):
        zkcred.Wallet.open_sealed(sealed, "mat khau")
    with pytest.raises(zkcred.InvalidInput, match="^wallet: "):
        zkcred.Wallet.open("{}")
