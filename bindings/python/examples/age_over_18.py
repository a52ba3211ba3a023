"""An issuer, a holder and a verifier: the holder proves being at least 18 without showing
the birth date. Run: python examples/age_over_18.py (with the zkcred package installed)."""

import json
from pathlib import Path

import zkcred

ROOT = Path(__file__).resolve().parents[3]
schema = json.loads((ROOT / "crates/cli/data/identity.schema.json").read_text())

# The issuing authority, and a credential issued blindly into the holder's wallet.
issuer_key, issuer = zkcred.new_issuer("UBND xã Mỹ Hòa Hưng", "commune", "VN-44")
wallet = zkcred.new_wallet()
wallet, request = zkcred.request_issuance(wallet, schema, issuer)
issued = zkcred.issue(
    issuer_key,
    schema,
    request,
    {
        "attributes": {
            "full_name": {"string": "Nguyễn Thị Mai"},
            "birth_date": {"date": "2001-04-02"},
            "commune": {"enumeration": "my_hoa_hung"},
        },
        "issued_on": "2026-01-01",
        "expires_on": "2030-12-31",
    },
)
wallet, credential_id = zkcred.accept_credential(wallet, issued, schema, issuer)

# The clinic: its key, the registries, a signed request for "at least 18".
clinic_key, clinic = zkcred.new_verifier("clinic", "Phòng khám", ["clinic-visits"])
schema_id = zkcred.list_credentials(wallet)[0]["schema_id"]
registry = zkcred.trust_registry([{"issuer": issuer, "schemas": [schema_id]}])
verifiers = zkcred.verifier_registry([clinic])
spec = {
    "version": 1,
    "credentials": [
        {
            "label": "identity",
            "schema": "vn.commune.identity",
            "accepted_issuers": {"tiers": ["commune"]},
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
signed, keys = zkcred.make_request(clinic_key, spec, [schema])

# The holder reads the request in plain words, then answers it.
for line in zkcred.describe_request(wallet, signed, verifiers)["lines"]:
    print(line)
presentation = zkcred.present(wallet, signed, verifiers, keys)

# The clinic verifies: the predicate holds, the birth date stays hidden.
result = zkcred.Verifier(clinic, registry, [schema], keys).verify(signed, presentation)
print("verified:", result["verified"], "-", result["predicates_held"][0]["holds"])
assert "2001-04-02" not in json.dumps(result)
