#!/usr/bin/env bash
# Wall time to copy 1,000 small objects between two buckets of one moto server: the batch
# workflow run by the emulator (release build) against `aws s3 cp --recursive`, three rounds,
# each into a fresh destination prefix. Usage: scripts/workflow-bench.sh BIN_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
bin=${1:?usage: workflow-bench.sh BIN_DIR}
objects=1000

port=$(free_port)
work=$(mktemp -d)
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; wait "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
for _ in $(seq 100); do curl -s -o /dev/null "$endpoint" && break; sleep 0.1; done

s3() { aws --endpoint-url "$endpoint" s3 "$@"; }
s3 mb s3://bench-source >/dev/null
s3 mb s3://bench-destination >/dev/null
mkdir -p "$work/objects"
python3 - "$work/objects" "$objects" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for index in range(count):
    with open(os.path.join(folder, f"object-{index:05}.bin"), "wb") as f:
        f.write(os.urandom(256 + index % 4096))
PY
s3 cp --recursive --quiet "$work/objects" s3://bench-source/data/
"$bin/emulator" up --endpoint-url "$endpoint" >/dev/null

seconds() { python3 -c 'import time; print(time.monotonic())'; }
ours=() peer=()
for round in 1 2 3; do
  printf '{"source_bucket":"bench-source","source_prefix":"data/","destination_bucket":"bench-destination","destination_prefix":"emulator-%s/"}' \
    "$round" >"$work/input.json"
  start=$(seconds)
  "$bin/emulator" start-execution TransferStateMachine --input "$work/input.json" --execution-name "bench-$round" \
    --endpoint-url "$endpoint" --build-dir "$bin" >/dev/null 2>"$work/execution.log" \
    || { cat "$work/execution.log" >&2; exit 1; }
  ours+=("$(python3 -c "print($(seconds) - $start)")")
  start=$(seconds)
  s3 cp --recursive --quiet s3://bench-source/data/ "s3://bench-destination/cli-$round/"
  peer+=("$(python3 -c "print($(seconds) - $start)")")
  copied=$(s3 ls --recursive "s3://bench-destination/emulator-$round/" | wc -l)
  [ "$copied" -eq "$objects" ] || { echo "workflow-bench: round $round copied $copied of $objects" >&2; exit 1; }
done

python3 - "${ours[*]}" "${peer[*]}" "$objects" <<'PY'
import statistics, sys
ours = [float(v) for v in sys.argv[1].split()]
peer = [float(v) for v in sys.argv[2].split()]
o, p = statistics.median(ours), statistics.median(peer)
name = f"copy {sys.argv[3]} objects (wall, median of 3)"
print(f"{name:<34} {o:.1f} s   peer {p:.1f} s   ratio {o / p:.2f} ({'better' if o <= p else 'worse'} than the peer)"
      f"   target < 1 (faster than aws s3 cp --recursive): {'met' if o < p else 'NOT met'}")
print("  rounds, emulator:", ", ".join(f"{v:.2f}" for v in ours), " aws s3 cp:", ", ".join(f"{v:.2f}" for v in peer))
PY
