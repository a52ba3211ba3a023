#!/usr/bin/env python3
"""Print a markdown table of criterion median times (ms) for the peer benches.

Usage (after `cargo bench --manifest-path benches/peers/Cargo.toml`):
    python3 benches/peers/summary.py
Rows are criterion groups (operation/size), columns are implementations.
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent / "target" / "criterion"
rows, cols, cell, aux = [], [], {}, []
for bench in sorted(root.glob("*/*/new/benchmark.json")):
    meta = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    g, f = meta["group_id"], meta["function_id"]
    if g.startswith("aux/"):
        aux.append((f"{g}/{f}", est["median"]["point_estimate"] / 1e6))
        continue
    if g not in rows:
        rows.append(g)
    if f not in cols:
        cols.append(f)
    cell[(g, f)] = est["median"]["point_estimate"] / 1e6

def order(g):
    op, _, size = g.rpartition("/")
    ops = ["sign", "verify", "proof_gen", "proof_verify", "blind_commit", "blind_sign",
           "blind_verify", "nym_commit", "nym_blind_sign", "nym_proof_gen", "nym_proof_verify"]
    blind = op.startswith(("blind", "nym"))
    return (op not in ops, blind, len(size), ops.index(op) if op in ops else 99, g)

rows.sort(key=order)
pref = ["zkcred", "dock-bbs_plus-0.25", "zkryptium-0.8", "hyperledger-bbs-0.4.1"]
cols.sort(key=lambda f: next((i for i, p in enumerate(pref) if f.startswith(p)), 99))
print("| op / size | " + " | ".join(cols) + " |")
print("|---|" + "---:|" * len(cols))
for g in rows:
    print(f"| {g} | " + " | ".join(
        f"{cell[(g, f)]:.3f}" if (g, f) in cell else "–" for f in cols) + " |")
if aux:
    print()
    print("| context | median ms |")
    print("|---|---:|")
    for name, ms in sorted(aux, key=lambda t: (len(t[0]), t[0])):
        print(f"| {name} | {ms:.3f} |")
