#!/usr/bin/env bash
# The engine's promise as one story, all through `emulator start` and the template: a partner drops
# a file on its SFTP server; the pull schedule finds it once it has settled; the TransferWorker
# brings it into the customer's landing bucket; the bucket's EventBridge event goes through
# ObjectCreatedRule and the ingest queue to the Router, which sends the file on to a second
# partner's SFTP server (the worker pushes it) and to a bucket in another account (JobStateMachine,
# run by the emulator's own Step Functions API, copies it with TransferObject). Each job's history
# is printed at the end, and the notifications on a queue subscribed to the jobs topic.
#
# The endpoints and the schedule are written straight into the template's tables, as the
# self-service API would write them (its own demo is its tests, with signed callers): this story
# is about the event path, and needs no caller credentials or connectivity checks.
# Usage: scripts/demo-story.sh EMULATOR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
emulator=${1:?usage: demo-story.sh EMULATOR}

work=$(mktemp -d)
moto="" sshd_a="" sshd_b="" engine=""
cleanup() {
  for pid in $engine $sshd_a $sshd_b $moto; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
# Seven requests go unchecked: the other account's role is made with the credentials of that role
# (moto checks them against the role only once it exists), then the operator user, as in demo-batch.sh.
INITIAL_NO_AUTH_ACTION_COUNT=7 python3 scripts/moto-server.py -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
endpoint="http://127.0.0.1:$port"
wait_for_port "$port"
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1

step "moto on $endpoint: the archive account (222222222222) and its writer role, then the operator user"
archive_role=arn:aws:iam::222222222222:role/archive-writer
read -r B_KEY B_SECRET B_TOKEN < <(AWS_ACCESS_KEY_ID=setup AWS_SECRET_ACCESS_KEY=setup aws_ sts assume-role \
  --role-arn "$archive_role" --role-session-name setup --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
as_b() { AWS_ACCESS_KEY_ID=$B_KEY AWS_SECRET_ACCESS_KEY=$B_SECRET AWS_SESSION_TOKEN=$B_TOKEN aws_ "$@"; }
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'
as_b iam create-role --role-name archive-writer --assume-role-policy-document "$trust" >/dev/null
as_b iam put-role-policy --role-name archive-writer --policy-name write --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:CreateBucket","s3:ListBucket","s3:GetObject","s3:PutObject","s3:AbortMultipartUpload"],"Resource":["arn:aws:s3:::acme-archive","arn:aws:s3:::acme-archive/*","arn:aws:s3:::acme-landing/*"]}]}'
become_operator
aws_ iam create-role --role-name transfer-source-reader --assume-role-policy-document "$trust" >/dev/null
aws_ iam put-role-policy --role-name transfer-source-reader --policy-name read --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::acme-landing","arn:aws:s3:::acme-landing/*"]}]}'
as_b s3 mb s3://acme-archive >/dev/null
aws_ s3 mb s3://acme-landing >/dev/null
echo "s3://acme-landing (this account), s3://acme-archive (account 222222222222, written by $archive_role)"

step "two partners' SFTP servers (OpenSSH's sshd): partner A drops files, partner B receives them"
ssh-keygen -q -t ed25519 -N 'demo passphrase' -C transfer-engine -f "$work/engine_key"
start_sshd() { # NAME PORT
  mkdir -p "$work/$1/outbound" "$work/$1/inbound"
  ssh-keygen -q -t ed25519 -N '' -C "$1-host" -f "$work/$1/host_key"
  cp "$work/engine_key.pub" "$work/$1/authorized_keys"
  start_partner_sshd "$work/$1" "$2"
}
port_a=$(free_port)
start_sshd partner-a "$port_a"
sshd_a=$!
port_b=$(free_port)
start_sshd partner-b "$port_b"
sshd_b=$!
fingerprint() { ssh-keygen -l -E sha256 -f "$work/$1/host_key.pub" | awk '{print $2}'; }
echo "partner A on 127.0.0.1:$port_a ($(fingerprint partner-a)), partner B on 127.0.0.1:$port_b ($(fingerprint partner-b))"

step "emulator up   (the template's tables, queues and topics), and a queue subscribed to the jobs topic"
"$emulator" up --endpoint-url "$endpoint" >/dev/null
notifications=$(aws_ sqs create-queue --queue-name acme-job-notifications --query QueueUrl --output text)
aws_ sns subscribe --topic-arn arn:aws:sns:us-east-1:123456789012:JobsTopic --protocol sqs \
  --notification-endpoint arn:aws:sqs:us-east-1:123456789012:acme-job-notifications --query SubscriptionArn --output text
secret=$(python3 -c 'import json, sys; print(json.dumps({"privateKey": open(sys.argv[1]).read(), "passphrase": "demo passphrase"}))' "$work/engine_key")
aws_ secretsmanager create-secret --name partners/acme-engine --secret-string "$secret" --query Name --output text

step "acme's endpoints and pull schedule, in the template's EndpointTable and ScheduleTable"
user=$(id -un)
put_endpoint() { aws_ dynamodb put-item --table-name EndpointTable --item "$1"; }
sftp_endpoint() { # ID NAME PORT PATH
  printf '{"pk":{"S":"endpoint#%s"},"id":{"S":"%s"},"customer":{"S":"acme"},"active":{"BOOL":true},"pushTo":{"L":[]},"type":{"S":"sftp"},"host":{"S":"127.0.0.1"},"port":{"N":"%s"},"username":{"S":"%s"},"path":{"S":"%s"},"hostKeyFingerprint":{"S":"%s"},"secretId":{"S":"partners/acme-engine"},"credential":{"S":"privateKey"}}' \
    "$1" "$1" "$3" "$user" "$4" "$(fingerprint "$2")"
}
put_endpoint "$(sftp_endpoint partner-a-outbound partner-a "$port_a" "$work/partner-a/outbound")"
put_endpoint "$(sftp_endpoint partner-b-inbound partner-b "$port_b" "$work/partner-b/inbound")"
put_endpoint '{"pk":{"S":"endpoint#archive"},"id":{"S":"archive"},"customer":{"S":"acme"},"active":{"BOOL":true},"pushTo":{"L":[]},"type":{"S":"s3"},"bucket":{"S":"acme-archive"},"prefix":{"S":"partner-a/"}}'
put_endpoint '{"pk":{"S":"endpoint#landing"},"id":{"S":"landing"},"customer":{"S":"acme"},"active":{"BOOL":true},"pushTo":{"L":[{"S":"partner-b-inbound"},{"S":"archive"}]},"type":{"S":"s3"},"bucket":{"S":"acme-landing"},"prefix":{"S":"inbound/"}}'
now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
aws_ dynamodb put-item --table-name ScheduleTable --item "{\"pk\":{\"S\":\"schedule#pull-partner-a\"},\"id\":{\"S\":\"pull-partner-a\"},\"customer\":{\"S\":\"acme\"},\"expression\":{\"S\":\"rate(1 minute)\"},\"source\":{\"S\":\"partner-a-outbound\"},\"pattern\":{\"S\":\"*.csv\"},\"destination\":{\"S\":\"landing\"},\"active\":{\"BOOL\":true},\"createdAt\":{\"S\":\"$now\"},\"nextRunAt\":{\"S\":\"$now\"},\"due\":{\"S\":\"due\"},\"dueAt\":{\"S\":\"$now\"}}"
cat <<TEXT
partner-a-outbound  sftp  $work/partner-a/outbound
landing             s3    s3://acme-landing/inbound/   pushes to partner-b-inbound and archive
partner-b-inbound   sftp  $work/partner-b/inbound
archive             s3    s3://acme-archive/partner-a/ (account 222222222222)
schedule pull-partner-a: rate(1 minute), *.csv from partner-a-outbound to landing
TEXT

step "emulator start   (functions, event sources, schedules, the Step Functions API and the TransferWorker service)"
"$emulator" start --endpoint-url "$endpoint" --port 0 --events-port 0 --api-port 0 --states-port 0 \
  --eventbridge-bucket acme-landing \
  --parameter-overrides WorkerSubnetIds=subnet-local WorkerReceiveWaitSeconds=1 DestinationWriterRoleArn="$archive_role" \
  2>"$work/emulator.log" &
engine=$!
for _ in $(seq 600); do
  grep -q "service TransferWorkerService: task" "$work/emulator.log" && break
  kill -0 "$engine" 2>/dev/null || { cat "$work/emulator.log"; exit 1; }
  sleep 0.1
done
grep -E "^emulator: (Step Functions API|Lambda Invoke API|EventBridge API|service |watching |polling )" "$work/emulator.log" | cut -c1-200

step "kill -9 the worker's task: the service replaces it, as ECS replaces a stopped task"
worker=$(grep -o "task TransferWorkerTask running (pid [0-9]*" "$work/emulator.log" | head -1 | grep -o "[0-9]*$")
kill -KILL "$worker"
for _ in $(seq 300); do
  [ "$(grep -c "task TransferWorkerTask running" "$work/emulator.log")" -ge 2 ] && break
  sleep 0.1
done
grep -E "^emulator: service " "$work/emulator.log" | tail -2 | cut -c1-200

step "partner A drops outbound/invoice-2026-11.csv (2 MB); the next PullTickRule tick (every minute) runs the schedule"
python3 - "$work/partner-a/outbound/invoice-2026-11.csv" <<'PY'
import random, sys
rows = ["invoice,line,amount"] + [f"2026-11-{n:06},{n % 7},{random.randint(1, 99999) / 100}" for n in range(90000)]
open(sys.argv[1], "w").write("\n".join(rows)[: 2 * 1024 * 1024])
PY
jobs() {
  aws_ dynamodb scan --table-name JobTable --output json | python3 -c '
import json, sys
jobs = [item for item in json.load(sys.stdin)["Items"] if item["pk"]["S"].startswith("job#")]
print(len(jobs), sum(job["state"]["S"] in ("SUCCEEDED", "FAILED", "CANCELLED") for job in jobs),
      sum(job["state"]["S"] == "FAILED" for job in jobs))'
}
status=1
for _ in $(seq 360); do
  read -r total ended failed < <(jobs)
  if [ "$failed" -gt 0 ]; then break; fi
  if [ "$total" -eq 3 ] && [ "$ended" -eq 3 ]; then status=0; break; fi
  sleep 0.5
done
grep -E '"(event|message)":"(schedule\.(polled|run)|job\.(found|dispatched|started|succeeded|failed))"|^emulator: (execution |[A-Za-z]+: Router got )' \
  "$work/emulator.log" | cut -c1-200 || true
if [ "$status" -ne 0 ]; then
  tail -50 "$work/emulator.log"
  echo "demo-story: the jobs did not all succeed" >&2
  exit 1
fi

step "each job's history"
aws_ dynamodb scan --table-name JobTable --output json >"$work/jobs.json"
python3 - "$work/jobs.json" <<'PY'
import json, sys
jobs = [item for item in json.load(open(sys.argv[1]))["Items"] if item["pk"]["S"].startswith("job#")]
for job in sorted(jobs, key=lambda job: job["createdAt"]["S"]):
    field = lambda name: job.get(name, {}).get("S") or job.get(name, {}).get("N") or "?"
    print(f"{field('id')}  {field('flow')}  {field('source')} -> {field('destination')}  {field('state')}  {field('bytes')} bytes")
    for move in job["history"]["L"]:
        move = move["M"]
        print(f"    {move['at']['S']}  {move['state']['S']:<10} by {move['by']['S']}")
PY

step "the file arrived byte-identical at both destinations"
cmp "$work/partner-a/outbound/invoice-2026-11.csv" "$work/partner-b/inbound/invoice-2026-11.csv" \
  && echo "partner B: inbound/invoice-2026-11.csv identical"
as_b s3 cp --quiet s3://acme-archive/partner-a/invoice-2026-11.csv "$work/archived.csv"
cmp "$work/partner-a/outbound/invoice-2026-11.csv" "$work/archived.csv" \
  && echo "s3://acme-archive/partner-a/invoice-2026-11.csv (account 222222222222): identical"

step "the notifications on acme-job-notifications (jobId and state are message attributes)"
for _ in $(seq 20); do
  aws_ sqs receive-message --queue-url "$notifications" --max-number-of-messages 10 --wait-time-seconds 1 --output json \
    > "$work/received.json"
  # moto hands SNS's copies to the queue as it publishes: an empty receive after some means all are in.
  if [ ! -s "$work/received.json" ]; then [ -s "$work/notifications.txt" ] && break || continue; fi
  python3 - "$work/received.json" >>"$work/notifications.txt" <<'PY'
import json, sys
for message in json.load(open(sys.argv[1])).get("Messages", []):
    attributes = json.loads(message["Body"])["MessageAttributes"]
    print(attributes["jobId"]["Value"], attributes["state"]["Value"])
PY
  python3 -c 'import json, sys; [print(m["ReceiptHandle"]) for m in json.load(open(sys.argv[1])).get("Messages", [])]' \
    "$work/received.json" | while read -r handle; do aws_ sqs delete-message --queue-url "$notifications" --receipt-handle "$handle"; done
done
sort -k1,1 -s "$work/notifications.txt" | awk '{states[$1] = states[$1] " " $2} END {for (job in states) print job ":" states[job]}'
echo "$(wc -l <"$work/notifications.txt") notifications"

step "Ctrl-C: the emulator stops the worker's task and itself"
kill -INT "$engine"
wait "$engine" || true
engine=""
grep -E "^emulator: (stopping|service )" "$work/emulator.log" | tail -3 | cut -c1-200

step "no log holds the engine's key, its passphrase, a secret access key or a session token"
scripts/secret-check.sh --key "$work/engine_key" --secret 'demo passphrase' --secret "$AWS_SECRET_ACCESS_KEY" \
  --secret "$B_SECRET" --secret "$B_TOKEN" "$work"
