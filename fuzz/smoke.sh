#!/usr/bin/env bash
# Fuzz smoke test: builds every target (release, debug assertions on, AddressSanitizer) and
# runs each for a bounded time on its seed corpus. Exits non-zero if any target crashes.
#
#   fuzz/smoke.sh                    # 20 s per target
#   FUZZ_SECONDS=60 fuzz/smoke.sh    # longer
#
# New inputs found during the run go to a temporary directory, not to fuzz/corpus/.
# Crashing inputs are left in fuzz/artifacts/<target>/ (cargo-fuzz's default).
set -uo pipefail
cd "$(dirname "$0")"

SECS="${FUZZ_SECONDS:-20}"
FLAGS=(-O -a)                      # same flags for build and run: no second build
LIBFUZZER=(-max_total_time="$SECS" -rss_limit_mb=2048 -timeout=120 -print_final_stats=1)

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "smoke: cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
fi

# Seeds (from the IETF fixtures and the library) are committed in corpus/; README.md says how
# to regenerate them.

start=$(date +%s)
cargo +nightly fuzz build "${FLAGS[@]}" || { echo "smoke: build failed" >&2; exit 1; }
echo "smoke: build took $(( $(date +%s) - start )) s"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()
for target in $(cargo +nightly fuzz list); do
    mkdir -p "$work/$target" "corpus/$target"
    t0=$(date +%s)
    if cargo +nightly fuzz run "${FLAGS[@]}" "$target" "$work/$target" "corpus/$target" \
        -- "${LIBFUZZER[@]}" >"$work/$target.log" 2>&1; then
        echo "smoke: $target ok ($(( $(date +%s) - t0 )) s, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$') runs)"
    else
        echo "smoke: $target FAILED, see fuzz/artifacts/$target/; log tail:" >&2
        tail -n 40 "$work/$target.log" >&2
        failed+=("$target")
    fi
done
echo "smoke: total $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -ne 0 ]; then
    echo "smoke: crashed: ${failed[*]}" >&2
    exit 1
fi
