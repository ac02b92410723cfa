#!/usr/bin/env bash
# The batch workflow against its peers on one moto server, and what it would cost on AWS.
#  1. Wall time to copy 10,000 small objects between two buckets: the workflow run by the emulator
#     (release build) against `aws s3 cp --recursive` and `rclone copy` (S3 backend, server-side
#     copy), three rounds each into a fresh destination prefix; the ratio is against the faster peer.
#  2. The cost of the emulator's first round (`emulator cost`, S3 requests from moto's log of the
#     round): state transitions, Lambda invocations and GB-seconds, S3 requests, and 1,000,000
#     objects at AWS's prices beside the unbatched shape.
#  3. The orchestration alone: a sync run over 10,000 and then 100,000 objects all present at the
#     destination (nothing to copy); its time and the emulator's peak RSS, which must not grow with
#     the item count.
# Usage: scripts/workflow-bench.sh BIN_DIR  (WORKFLOW_BENCH_OBJECTS and WORKFLOW_BENCH_LARGE_RUN
# change the 10,000 and 100,000, for a quick look; WORKFLOW_BENCH_OVERRIDES, template parameter
# overrides such as "MaxConcurrency=40 BatchItemConcurrency=16", measures another shape)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
bin=${1:?usage: workflow-bench.sh BIN_DIR}
objects=${WORKFLOW_BENCH_OBJECTS:-10000}
large_run=${WORKFLOW_BENCH_LARGE_RUN:-100000}
read -r -a overrides <<<"${WORKFLOW_BENCH_OVERRIDES:-}"

port=$(free_port)
work=$(mktemp -d)
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; wait "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export RCLONE_CONFIG_MOTO_TYPE=s3 RCLONE_CONFIG_MOTO_PROVIDER=Other RCLONE_CONFIG_MOTO_ENDPOINT="$endpoint" \
  RCLONE_CONFIG_MOTO_ACCESS_KEY_ID=bench RCLONE_CONFIG_MOTO_SECRET_ACCESS_KEY=bench RCLONE_CONFIG_MOTO_REGION=us-east-1
for _ in $(seq 100); do curl -s -o /dev/null "$endpoint" && break; sleep 0.1; done
# rclone's S3 backend refuses AWS_CA_BUNDLE (set for the CLI's sake) with its own HTTP transport.
rclone_copy() { env -u AWS_CA_BUNDLE rclone copy --transfers 32 --checkers 32 "$@"; }

s3() { aws --endpoint-url "$endpoint" s3 "$@"; }
s3 mb s3://bench-source >/dev/null
s3 mb s3://bench-destination >/dev/null
# Small objects of 256 B to 4.3 KB, 32 uploads at a time.
put_objects() {
  python3 - "$endpoint" "$1" "$2" "$3" <<'PY'
import os, sys
from concurrent.futures import ThreadPoolExecutor
import boto3
endpoint, bucket, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
s3 = boto3.client("s3", endpoint_url=endpoint, config=boto3.session.Config(max_pool_connections=32))
def put(index):
    s3.put_object(Bucket=bucket, Key=f"{prefix}object-{index:06}.bin", Body=os.urandom(256 + index % 4096))
with ThreadPoolExecutor(32) as pool:
    list(pool.map(put, range(count)))
PY
}
put_objects bench-source data/ "$objects"
"$bin/emulator" up --endpoint-url "$endpoint" >/dev/null

seconds() { python3 -c 'import time; print(time.monotonic())'; }
# Runs one execution of the workflow; its input's remaining members are $3 (JSON, may be empty).
execution() {
  local name=$1 destination=$2 extra=$3
  printf '{"source_bucket":"bench-source","source_prefix":"%s","destination_bucket":"bench-destination","destination_prefix":"%s"%s}' \
    data/ "$destination" "$extra" >"$work/input.json"
  "$bin/emulator" start-execution TransferStateMachine --input "$work/input.json" --execution-name "$name" \
    --endpoint-url "$endpoint" --build-dir "$bin" --state-dir "$work/state" \
    ${overrides[@]+--parameter-overrides "${overrides[@]}"} >/dev/null \
    2>"$work/execution.log" || { cat "$work/execution.log" >&2; exit 1; }
}
count() { s3 ls --recursive "s3://bench-destination/$1" | wc -l; }

ours=() cli=() rclone_times=()
for round in 1 2 3; do
  before=$(wc -l <"$work/moto.log")
  start=$(seconds)
  execution "bench-$round" "emulator-$round/" ""
  ours+=("$(python3 -c "print($(seconds) - $start)")")
  [ "$round" -eq 1 ] && tail -n +"$((before + 1))" "$work/moto.log" >"$work/moto-round-1.log"
  start=$(seconds)
  s3 cp --recursive --quiet s3://bench-source/data/ "s3://bench-destination/cli-$round/"
  cli+=("$(python3 -c "print($(seconds) - $start)")")
  start=$(seconds)
  rclone_copy "moto:bench-source/data" "moto:bench-destination/rclone-$round"
  rclone_times+=("$(python3 -c "print($(seconds) - $start)")")
  for tool in emulator cli rclone; do
    copied=$(count "$tool-$round/")
    [ "$copied" -eq "$objects" ] || { echo "workflow-bench: $tool copied $copied of $objects in round $round" >&2; exit 1; }
  done
done

python3 - "${ours[*]}" "${cli[*]}" "${rclone_times[*]}" "$objects" <<'PY'
import statistics, sys
ours, cli, rclone = ([float(v) for v in arg.split()] for arg in sys.argv[1:4])
o, c, r = statistics.median(ours), statistics.median(cli), statistics.median(rclone)
peer, peer_name = min((c, "aws s3 cp --recursive"), (r, "rclone copy"))
name = f"copy {int(sys.argv[4]):,} objects (wall, median of 3)"
print(f"{name:<40} {o:.1f} s   aws s3 cp {c:.1f} s   rclone {r:.1f} s   ratio {o / peer:.2f} against {peer_name}"
      f"   target <= 1.0: {'met' if o <= peer else 'NOT met'}")
print("  rounds, emulator:", ", ".join(f"{v:.2f}" for v in ours), " aws s3 cp:", ", ".join(f"{v:.2f}" for v in cli),
      " rclone:", ", ".join(f"{v:.2f}" for v in rclone))
PY

echo "cost of the batched workflow (round 1):"
"$bin/emulator" cost bench-1 --state-dir "$work/state" --s3-log "$work/moto-round-1.log"

# The orchestration alone: everything already at the destination, so the run lists, finds no work,
# validates and reports. The emulator's peak RSS is read from /proc while it runs.
orchestration() {
  local name=$1
  python3 - "$bin/emulator" "$work/input.json" "$name" "$endpoint" "$bin" <<'PY'
import subprocess, sys, time
emulator, input_path, name, endpoint, build = sys.argv[1:6]
start = time.monotonic()
process = subprocess.Popen([emulator, "start-execution", "TransferStateMachine", "--input", input_path, "--execution-name", name,
                            "--endpoint-url", endpoint, "--build-dir", build], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = 0
while process.poll() is None:
    try:
        with open(f"/proc/{process.pid}/status") as status:
            peak = max(peak, next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
    except (OSError, StopIteration):
        pass
    time.sleep(0.05)
if process.returncode != 0:
    sys.exit(process.stderr.read().decode())
print(f"{time.monotonic() - start:.1f} {peak / 1024:.0f}")
PY
}
printf '{"source_bucket":"bench-source","source_prefix":"data/","destination_bucket":"bench-destination","destination_prefix":"emulator-1/"}' \
  >"$work/input.json"
read -r small_time small_rss < <(orchestration "present-$objects")
put_objects bench-source many/ "$large_run"
rclone_copy "moto:bench-source/many" "moto:bench-destination/many"
printf '{"source_bucket":"bench-source","source_prefix":"many/","destination_bucket":"bench-destination","destination_prefix":"many/"}' \
  >"$work/input.json"
read -r large_time large_rss < <(orchestration "present-$large_run")
python3 - "$objects" "$small_time" "$small_rss" "$large_run" "$large_time" "$large_rss" <<'PY'
import sys
n1, t1, r1, n2, t2, r2 = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
print(f"orchestration, all objects present       {n1:,} items {t1:.1f} s, emulator peak RSS {r1} MB;"
      f" {n2:,} items {t2:.1f} s, peak RSS {r2} MB"
      f"   target: RSS does not grow with the items: {'met' if r2 <= r1 * 1.2 + 5 else 'NOT met'}")
PY
