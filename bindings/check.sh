#!/usr/bin/env bash
# Builds the packages and runs their tests: the JavaScript package (WASM; Node tests and the
# TypeScript types), the Python package (pip install into a fresh venv; pytest and the
# example), and the web wallet (WebCrypto storage in Node; end to end in headless Chromium
# against a real gateway). Needs what `.ci/run` installs: the wasm32 target, clang and
# llvm-ar, wasm-bindgen-cli, Node >= 20 with npm, python3 with venv, Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

echo "== JavaScript package: build"
bash "$root/bindings/js/build.sh"
echo "== JavaScript package: tests"
bash "$root/bindings/js/test.sh"
echo "== Python package: build and tests"
bash "$root/bindings/python/test.sh"
echo "== web wallet: storage tests and the browser end to end"
bash "$root/web/e2e/run.sh"
