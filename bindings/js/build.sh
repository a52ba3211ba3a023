#!/usr/bin/env bash
# Builds the JavaScript package: the crate for wasm32-unknown-unknown (profile wasm: fat LTO, panic = abort), then
# wasm-bindgen's glue for Node (pkg/node, CommonJS) and for browsers (pkg/web, an ES module),
# without the name and producers sections, and a copy of the browser build in web/pkg for the web
# wallet. Needs: rustup target wasm32-unknown-unknown, clang and llvm-ar (blst's C for
# wasm32), wasm-bindgen-cli of the version in Cargo.lock (`cargo install wasm-bindgen-cli
# --version V --locked`); `.ci/run` installs them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CC_wasm32_unknown_unknown=${CC_wasm32_unknown_unknown:-clang}
export AR_wasm32_unknown_unknown=${AR_wasm32_unknown_unknown:-llvm-ar}

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock")
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
    echo "wasm-bindgen $want is needed (found: ${have:-none}): cargo install wasm-bindgen-cli --version $want --locked" >&2
    exit 1
fi

cargo build --manifest-path "$root/Cargo.toml" -p zkcred-js --target wasm32-unknown-unknown --profile wasm
wasm="$root/target/wasm32-unknown-unknown/wasm/zkcred_js.wasm"
rm -rf "$here/pkg"
for target in nodejs web; do
    out="$here/pkg/$([ $target = nodejs ] && echo node || echo web)"
    wasm-bindgen --target $target --remove-name-section --remove-producers-section --out-dir "$out" "$wasm"
done
rm -rf "$root/web/pkg"
mkdir -p "$root/web/pkg"
cp "$here"/pkg/web/* "$root/web/pkg/"
echo "built $here/pkg/node, $here/pkg/web and web/pkg: $(gzip -9c "$here/pkg/web/zkcred_js_bg.wasm" | wc -c) bytes of WASM gzipped"
