#!/usr/bin/env bash
# The web wallet's tests, as CI runs them: the vault's Node test (web/tests) and the
# end-to-end test (web/e2e: the real gateway, the wallet in headless Chromium).
# Needs: the JavaScript package built (bindings/js/build.sh: bindings/js/pkg/node and
# web/pkg), Debian's chromium (apt-get install -y chromium), Node >= 20.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for f in "$root/bindings/js/pkg/node/zkcred_js.js" "$root/web/pkg/zkcred_js.js"; do
    [ -f "$f" ] || { echo "missing $f: run bindings/js/build.sh first" >&2; exit 1; }
done
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "no chromium: apt-get install -y chromium" >&2; exit 1; }
# target/debug/zkcred-gateway as `cargo test --workspace` builds it: the same features, so
# after the test suite (CI) nothing is rebuilt (`cargo build -p zkcred-gateway` would unify
# features differently and rebuild the gateway's dependencies).
(cd "$root" && cargo test --workspace --no-run --quiet)
(cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)   # the QR decoder (jsqr)
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
# A hung browser or gateway fails the run instead of blocking CI.
timeout 900 node --test "$root/web/tests/" "$here/"
