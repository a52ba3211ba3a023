#!/usr/bin/env bash
# The JavaScript package's tests (CI runs this after build.sh): Node's test runner over
# tests/*.test.mjs, and the shipped TypeScript types compiled against tests/types.check.ts.
set -euo pipefail
cd "$(dirname "$0")"
[ -f pkg/node/zkcred_js.js ] || { echo "pkg/node is missing: run bindings/js/build.sh first" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
node --test tests/
npx tsc -p tests/tsconfig.json
echo "typescript: the shipped types compile against tests/types.check.ts"
