#!/usr/bin/env bash
# The demo: functions run on this machine through the emulator. First the benchmarks' Echo
# (Benchmarks/template.yaml) from the command line, then through the Lambda Invoke API with the AWS
# CLI as the client; then the product's batch workflow (template.yaml, scripts/demo-batch.sh); then
# the engine's story end to end under `emulator start` (scripts/demo-story.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
bin=$(swift build --show-bin-path)
emulator="$bin/emulator"
bench_template=Benchmarks/template.yaml

step "The product's functions (template.yaml)"
"$emulator" list

step "emulator invoke Echo --template $bench_template --event events/echo.json   (answer on stdout, logs on stderr)"
"$emulator" invoke Echo --template "$bench_template" --event events/echo.json

step "emulator invoke Echo --template $bench_template --event events/echo-error.json   (a function error: exit status 1)"
status=0
"$emulator" invoke Echo --template "$bench_template" --event events/echo-error.json || status=$?
echo "exit status: $status"

step "emulator start-lambda --template $bench_template, then aws lambda invoke against it"
port=$(free_port)
"$emulator" start-lambda --template "$bench_template" --port "$port" 2>/tmp/emulator-demo.log &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  grep -q "Lambda Invoke API on" /tmp/emulator-demo.log 2>/dev/null && break
  sleep 0.1
done
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1
out=$(mktemp)
aws lambda invoke --endpoint-url "http://127.0.0.1:$port" --function-name Echo \
  --payload fileb://events/echo.json --log-type Tail "$out" > "$out.summary"
echo "answer: $(cat "$out")"
python3 - "$out.summary" <<'PY'
import base64, json, sys
summary = json.load(open(sys.argv[1]))
print("status:", summary["StatusCode"], "version:", summary["ExecutedVersion"])
print("last log lines:")
print(base64.b64decode(summary["LogResult"]).decode().rstrip())
PY
rm -f "$out" "$out.summary"

scripts/demo-batch.sh "$emulator"

scripts/demo-story.sh "$emulator"
