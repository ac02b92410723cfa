#!/usr/bin/env bash
# GET /jobs/{id} through the local API Gateway of `emulator start` (SigV4 checked on every request,
# StatusService reading the job from moto's DynamoDB): requests per second and p99 latency with wrk,
# 8 connections for 10 s after 2 s of warm-up, one signed request replayed (valid for the 5 minutes API Gateway allows).
# The peer is the same proxy event sent straight to StatusService through the Lambda Invoke API of
# the same emulator: the ratio is what the gateway (routing, signature check, event) costs.
# Usage: scripts/api-bench.sh BIN_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
bin=${1:?usage: api-bench.sh BIN_DIR}

port=$(free_port)
work=$(mktemp -d)
python3 scripts/moto-server.py -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
emulator=""
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null; kill "$moto" 2>/dev/null; wait "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
for _ in $(seq 100); do curl -s -o /dev/null "$endpoint" && break; sleep 0.1; done

principal=arn:aws:iam::123456789012:user/bench
cat >"$work/callers.ini" <<INI
[bench]
aws_access_key_id = AKIABENCHCALLER
aws_secret_access_key = bench-caller-secret
principal_arn = $principal
INI
api_port=$(free_port)
invoke_port=$(free_port)
touch "$work/emulator.log"
"$bin/emulator" start --template template.yaml --build-dir "$bin" --endpoint-url "$endpoint" --port "$invoke_port" \
  --events-port 0 --api-port "$api_port" --credentials "$work/callers.ini" >/dev/null 2>"$work/emulator.log" &
emulator=$!
for _ in $(seq 600); do grep -q "API Gateway TransferApi" "$work/emulator.log" && break; sleep 0.2; done
grep -q "API Gateway TransferApi" "$work/emulator.log" || { echo "api-bench: the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }

at=2026-11-27T09:00:00Z
aws_ dynamodb put-item --table-name JobTable --item "$(cat <<JSON
{"pk": {"S": "job#job-bench"}, "id": {"S": "job-bench"}, "customer": {"S": "$principal"}, "source": {"S": "ep-source"},
 "destination": {"S": "ep-destination"}, "key": {"S": "in/report.csv"}, "size": {"N": "1024"}, "version": {"S": "etag"},
 "flow": {"S": "s3ToS3"}, "state": {"S": "SUCCEEDED"}, "attempts": {"N": "1"}, "bytes": {"N": "1024"}, "createdAt": {"S": "$at"},
 "updatedAt": {"S": "$at"}, "history": {"L": [{"M": {"state": {"S": "RECEIVED"}, "at": {"S": "$at"}, "by": {"S": "bench"}}}]}}
JSON
)"

url="http://127.0.0.1:$api_port/jobs/job-bench"
mapfile -t signed < <(python3 - "$url" <<'PY'
import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
request = AWSRequest(method="GET", url=sys.argv[1], data=b"")
SigV4Auth(Credentials("AKIABENCHCALLER", "bench-caller-secret"), "execute-api", "us-east-1").add_auth(request)
print(request.headers["Authorization"]); print(request.headers["X-Amz-Date"])
PY
)
check=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: ${signed[0]}" -H "X-Amz-Date: ${signed[1]}" "$url")
[ "$check" = 200 ] || { echo "api-bench: the signed GET answered $check" >&2; exit 1; }

# The peer: the proxy event the gateway makes for that request, straight to the function.
cat >"$work/event.json" <<JSON
{"resource": "/jobs/{id}", "path": "/jobs/job-bench", "httpMethod": "GET", "headers": {"Host": "127.0.0.1"},
 "pathParameters": {"id": "job-bench"}, "queryStringParameters": null, "body": null, "isBase64Encoded": false,
 "requestContext": {"requestId": "bench", "stage": "v1", "identity": {"userArn": "$principal"}}}
JSON
cat >"$work/invoke.lua" <<LUA
wrk.method = "POST"
wrk.body = io.open("$work/event.json"):read("*a")
LUA

# Prints "requests/s p99-ms non-2xx", after two seconds of the same load that start the instances.
measure() {
  wrk -t1 -c8 -d2s "$@" >/dev/null
  wrk -t1 -c8 -d10s --latency "$@" >"$work/wrk.txt"
  python3 - "$work/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rate:.0f} {p99:.1f} {bad.group(1) if bad else 0}")
PY
}
read -r ours ours_p99 ours_bad < <(measure -H "Authorization: ${signed[0]}" -H "X-Amz-Date: ${signed[1]}" "$url")
read -r peer peer_p99 peer_bad < <(measure -s "$work/invoke.lua" "http://127.0.0.1:$invoke_port/2015-03-31/functions/StatusService/invocations")
[ "$ours_bad" = 0 ] && [ "$peer_bad" = 0 ] || { echo "api-bench: non-2xx answers (gateway $ours_bad, invoke $peer_bad)" >&2; exit 1; }
python3 - "$ours" "$ours_p99" "$peer" "$peer_p99" <<'PY'
import sys
ours, ours_p99, peer, peer_p99 = (float(v) for v in sys.argv[1:])
name = "GET /jobs/{id} via API Gateway (SigV4)"
print(f"{name:<40} {ours:.0f} req/s  p99 {ours_p99:.1f} ms   peer (Invoke API, no gateway) {peer:.0f} req/s  p99 {peer_p99:.1f} ms"
      f"   ratio {ours / peer:.2f} of the peer's rate")
PY
