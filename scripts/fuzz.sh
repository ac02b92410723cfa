#!/usr/bin/env bash
# Runs every fuzz target under libFuzzer for FUZZ_SECONDS each (60 by default), starting from the
# target's seeds, after the seeded mutation run that `make test` also does. Findings (crashes,
# untyped failures, hangs over 10 s) are saved under $SCRATCH/fuzz-findings/<target>/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}

"$SWIFT" build --product fuzz
plain="$("$SWIFT" build --show-bin-path)/fuzz"
"$plain" --runs 20000

"$SWIFT" build --scratch-path "$SCRATCH" --product fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DLIBFUZZER
driver="$("$SWIFT" build --scratch-path "$SCRATCH" --show-bin-path)/fuzz"

status=0
for target in $("$plain" --list | cut -d: -f1); do
    corpus="$SCRATCH/fuzz-corpus/$target"
    findings="$SCRATCH/fuzz-findings/$target"
    mkdir -p "$corpus" "$findings"
    "$plain" --target "$target" --runs 0 --write-seeds "$corpus" > /dev/null
    echo "== $target: $SECONDS_EACH s under libFuzzer"
    if ! FUZZ_TARGET="$target" "$driver" "$corpus" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=262144 -artifact_prefix="$findings/" -print_final_stats=1 2> "$findings/log.txt"; then
        echo "$target: a finding; see $findings/"
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^Done" "$findings/log.txt" || tail -3 "$findings/log.txt"
done
exit $status
