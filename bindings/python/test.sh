#!/usr/bin/env bash
# Builds the Python package into a fresh virtual environment, then runs its tests and its
# example. Needs python3 (3.9+) with pip, the Rust toolchain, and PyPI (maturin, pytest).
#   bash bindings/python/test.sh
# MATURIN_PEP517_ARGS picks the cargo profile (default here: --profile dev, sharing the
# workspace's build); CARGO_TARGET_DIR defaults to the workspace's target/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
venv="$tmp/venv"

# Debian's python3 lacks ensurepip unless python3-venv is installed: then bring pip in
# from the system's pip (pip >= 22.3 installs into another interpreter with --python).
if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv --without-pip "$venv"
    python3 -m pip --python "$venv/bin/python" install --quiet pip
fi
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check pytest

export MATURIN_PEP517_ARGS="${MATURIN_PEP517_ARGS---profile dev}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
"$py" -m pip install --quiet --disable-pip-version-check "$here"

"$py" -m pytest -q "$here/tests"
"$py" "$here/examples/age_over_18.py"
