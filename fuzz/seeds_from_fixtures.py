#!/usr/bin/env python3
"""Writes BBS seeds from the IETF fixtures (JSON files with hex fields) into
fuzz/corpus/{bbs_decoders,bbs_proof_verify}/seed-*, with the selector byte each target reads.

Usage: python3 fuzz/seeds_from_fixtures.py [FIXTURES_DIR]   (default ../shared/fixtures beside the checkout)
"""
import glob
import json
import os
import sys

# Default: ../shared/fixtures beside the checkout, as the tests find them.
DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "fixtures")
FIXTURES = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

# Field name -> selector of fuzz_targets/bbs_decoders.rs.
DECODER = {
    "publicKey": 0, "signerPublicKey": 0,
    "signature": 1,
    "proof": 2,
    "commitmentWithProof": 3,
    "pseudonym": 5,
    "secretKey": 6,
    "proverBlind": 7,
}
# The nym proofs are proof || pseudonym: also seeded as NymProof (selector 4).
NYM_PROOF = 4


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def walk(value, key, out):
    if isinstance(value, dict):
        for k, v in value.items():
            walk(v, k, out)
    elif isinstance(value, str) and key in DECODER:
        try:
            out.append((key, bytes.fromhex(value)))
        except ValueError:
            pass


def main():
    seen = set()
    count = 0
    for path in sorted(glob.glob(os.path.join(FIXTURES, "**", "*.json"), recursive=True)):
        rel = os.path.relpath(path, FIXTURES)
        tag = rel[:-5].replace(os.sep, "-")
        with open(path) as f:
            doc = json.load(f)
        fields = []
        walk(doc, "", fields)
        for key, data in fields:
            sel = DECODER[key]
            if (sel, data) in seen:
                continue
            seen.add((sel, data))
            write("bbs_decoders", f"{tag}-{key}", bytes([sel]) + data)
            count += 1
            if key == "proof" and "nymProof" in rel and isinstance(doc.get("pseudonym"), str):
                nym = bytes([NYM_PROOF]) + data + bytes.fromhex(doc["pseudonym"])
                write("bbs_decoders", f"{tag}-nymproof", nym)
                count += 1
        if not isinstance(doc, dict):
            continue
        # The prover's nym secrets, concatenated scalars (NymSecrets, selector 8).
        secrets = doc.get("nym_secrets")
        if isinstance(secrets, list) and all(isinstance(x, str) for x in secrets):
            write("bbs_decoders", f"{tag}-nymsecrets", bytes([8]) + bytes.fromhex("".join(secrets)))
            count += 1
        # Core proofs: suite byte, count of disclosed messages, proof octets.
        if rel.startswith("bbs" + os.sep) and os.sep + "proof" + os.sep in rel:
            suite = 1 if "shake" in rel else 0
            disclosed = doc.get("disclosedIndexes", [])
            n = len(disclosed) if disclosed == list(range(len(disclosed))) else 0
            write("bbs_proof_verify", tag, bytes([suite, n]) + bytes.fromhex(doc["proof"]))
            count += 1
    print(f"{count} fixture seeds written under {CORPUS}")


if __name__ == "__main__":
    main()
