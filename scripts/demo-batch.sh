#!/usr/bin/env bash
# The batch S3→S3 workflow on this machine: moto with signature and IAM checks on, the roles the
# template names, `emulator up`, then `emulator start-execution` twice (the rerun copies nothing);
# then, on the same moto, the TransferWorker through `emulator run-task` (scripts/demo-worker.sh).
# Usage: scripts/demo-batch.sh EMULATOR
# Environment: PACKAGES=DIR runs the functions and the worker from their packages in DIR (make
# package), each in an empty root (emulator --packages), instead of from the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
emulator=${1:?usage: demo-batch.sh EMULATOR}
packaged=()
[ -n "${PACKAGES:-}" ] && packaged=(--packages "$PACKAGES")

port=$(free_port)
work=$(mktemp -d)
INITIAL_NO_AUTH_ACTION_COUNT=4 python3 scripts/moto-server.py -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; wait "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
wait_for_port "$port"
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1

step "moto on $endpoint, checking signatures and IAM after its first 4 actions: an operator user"
become_operator

step "the source reader and destination writer roles the template names"
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/operator"},"Action":"sts:AssumeRole"}]}'
aws_ iam create-role --role-name transfer-source-reader --assume-role-policy-document "$trust" >/dev/null
aws_ iam put-role-policy --role-name transfer-source-reader --policy-name read --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::partner-drop","arn:aws:s3:::partner-drop/*"]}]}'
aws_ iam create-role --role-name transfer-destination-writer --assume-role-policy-document "$trust" >/dev/null
aws_ iam put-role-policy --role-name transfer-destination-writer --policy-name write --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:PutObject","s3:AbortMultipartUpload"],"Resource":["arn:aws:s3:::archive","arn:aws:s3:::archive/*","arn:aws:s3:::partner-drop/*"]}]}'
echo "transfer-source-reader, transfer-destination-writer"

step "a partner's drop: 200 files, some under names with spaces and unicode, one of 12 MB"
aws_ s3 mb s3://partner-drop >/dev/null
aws_ s3 mb s3://archive >/dev/null
mkdir -p "$work/files/daily reports" "$work/files/données"
python3 - "$work/files" <<'PY'
import os, sys
root = sys.argv[1]
for index in range(200):
    folder = ["", "daily reports/", "données/"][index % 3]
    with open(os.path.join(root, f"{folder}file-{index:03}.csv"), "wb") as f:
        f.write(os.urandom(100 + index * 10))
with open(os.path.join(root, "large.bin"), "wb") as f:
    f.write(os.urandom(12 * 1024 * 1024))
PY
aws_ s3 cp --recursive --quiet "$work/files" s3://partner-drop/incoming/
aws_ s3 ls --recursive --summarize s3://partner-drop/incoming/ | tail -2

step "emulator up   (the template's buckets, report topic, work queues and job table)"
"$emulator" up --endpoint-url "$endpoint"

step "emulator start-execution TransferStateMachine --input events/batch-transfer.json"
overrides=(--parameter-overrides MultipartThresholdBytes=8388608 MultipartPartSizeBytes=5242880)
"$emulator" start-execution TransferStateMachine --input events/batch-transfer.json --execution-name demo-1 \
  --endpoint-url "$endpoint" --function-logs "$work/functions.log" "${overrides[@]}" "${packaged[@]}"

step "report.json beside the manifest"
aws_ s3 cp s3://local-manifestbucket/runs/demo-1/report.json - | python3 -c '
import json, sys
report = json.load(sys.stdin)
print(json.dumps({k: report[k] for k in ("status", "objects", "bytes", "duration_seconds")}, indent=2))'

step "the same transfer again: everything is already there, nothing is copied twice"
"$emulator" start-execution TransferStateMachine --input events/batch-transfer.json --execution-name demo-2 \
  --endpoint-url "$endpoint" --function-logs "$work/functions.log" "${overrides[@]}" "${packaged[@]}" 2>/dev/null

scripts/demo-worker.sh "$emulator" "$endpoint"

step "no log of the batch run holds the operator's secret access key"
scripts/secret-check.sh --secret "$AWS_SECRET_ACCESS_KEY" "$work"
