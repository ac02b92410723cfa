#!/usr/bin/env bash
# Large SFTP transfers: a partner's SFTP server (OpenSSH's sshd on a free loopback port, generated
# keys, the user key encrypted with a passphrase kept beside it in Secrets Manager), two jobs on the
# template's work queue, and the TransferWorker run by `emulator run-task` until SIGTERM.
# Usage: scripts/demo-worker.sh EMULATOR ENDPOINT
# Expects what scripts/demo-batch.sh leaves: moto with the template's resources (`emulator up`),
# AWS credentials and region in the environment, and s3://archive/2026/11/large.bin.
# Environment: PACKAGES=DIR runs the worker from its package in DIR, in an empty root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
emulator=${1:?usage: demo-worker.sh EMULATOR ENDPOINT}
endpoint=${2:?usage: demo-worker.sh EMULATOR ENDPOINT}
packaged=()
[ -n "${PACKAGES:-}" ] && packaged=(--packages "$PACKAGES")

work=$(mktemp -d)
sshd="" task=""
cleanup() {
  for pid in $task $sshd; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
port=$(free_port)

step "a partner's SFTP server: OpenSSH's sshd on 127.0.0.1:$port"
mkdir -p "$work/partner/out" "$work/partner/in"
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -C partner-host -f "$work/host_key"
ssh-keygen -q -t ed25519 -N 'demo passphrase' -C transfer-engine -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
cat >"$work/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PasswordAuthentication no
UsePAM no
StrictModes no
PidFile none
Subsystem sftp internal-sftp
CONFIG
/usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
sshd=$!
fingerprint=$(ssh-keygen -l -E sha256 -f "$work/host_key.pub" | awk '{print $2}')
head -c 50000000 /dev/urandom >"$work/partner/out/statement.bin"
echo "host key $fingerprint; the partner offers out/statement.bin (50 MB)"

step "the engine's key, encrypted, and its passphrase in Secrets Manager as sftp/demo-partner"
secret=$(python3 -c 'import json, sys; print(json.dumps({"privateKey": open(sys.argv[1]).read(), "passphrase": "demo passphrase"}))' "$work/user_key")
aws_ secretsmanager create-secret --name sftp/demo-partner --secret-string "$secret" --query Name --output text

step "two jobs on the template's work queue: pull the statement to S3, publish large.bin to the partner"
queue=$(aws_ sqs get-queue-url --queue-name local-work.fifo --query QueueUrl --output text)
partner() {
  printf '{"type":"sftp","host":"127.0.0.1","port":%s,"username":"%s","path":"%s","hostKeyFingerprint":"%s","secretId":"sftp/demo-partner"}' \
    "$port" "$(id -un)" "$1" "$fingerprint"
}
for job in \
  "{\"id\":\"pull-statement\",\"flow\":\"sftpToS3\",\"source\":$(partner "$work/partner/out/statement.bin"),\"destination\":{\"type\":\"s3\",\"bucket\":\"archive\",\"key\":\"partner/statement.bin\"}}" \
  "{\"id\":\"publish-large\",\"flow\":\"s3ToSFTP\",\"source\":{\"type\":\"s3\",\"bucket\":\"archive\",\"key\":\"2026/11/large.bin\"},\"destination\":$(partner "$work/partner/in/large.bin")}"; do
  id=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["id"])' "$job")
  aws_ sqs send-message --queue-url "$queue" --message-body "$job" --message-group-id "$id" \
    --message-deduplication-id "$id" --query MessageId --output text >/dev/null
  echo "$id"
done

step "emulator run-task TransferWorkerTask   (the worker's container, as on Fargate; logs below)"
"$emulator" run-task TransferWorkerTask --endpoint-url "$endpoint" "${packaged[@]}" \
  --parameter-overrides WorkerReceiveWaitSeconds=1 2>"$work/task.log" &
task=$!
for _ in $(seq 600); do
  [ "$(grep -c '"event":"job.succeeded"' "$work/task.log")" -ge 2 ] && break
  if grep -q '"event":"job.failed"' "$work/task.log" || ! kill -0 "$task" 2>/dev/null; then
    cat "$work/task.log"
    echo "demo-worker: a job failed" >&2
    exit 1
  fi
  sleep 0.2
done
kill -TERM "$task"
status=0
wait "$task" || status=$?
task=""
grep -E 'running:|job.succeeded|worker.stopped|exit status|^emulator: stopping' "$work/task.log" | cut -c1-220
echo "run-task exit status: $status"

step "both copies are byte-identical"
aws_ s3 cp --quiet s3://archive/partner/statement.bin "$work/statement.bin"
aws_ s3 cp --quiet s3://archive/2026/11/large.bin "$work/large.bin"
cmp "$work/partner/out/statement.bin" "$work/statement.bin" && echo "s3://archive/partner/statement.bin: identical"
cmp "$work/large.bin" "$work/partner/in/large.bin" && echo "partner in/large.bin: identical"

step "no log holds the engine's key, its passphrase or the operator's secret access key"
scripts/secret-check.sh --key "$work/user_key" --key "$work/host_key" --secret 'demo passphrase' --secret "$AWS_SECRET_ACCESS_KEY" "$work"
[ "$status" -eq 0 ]
