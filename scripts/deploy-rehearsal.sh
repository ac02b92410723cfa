#!/usr/bin/env bash
# A deployment rehearsal on moto, the way `sam deploy` goes on AWS: the artifacts of `sam build`
# uploaded by `aws cloudformation package`, the template transformed by AWS's SAM translator
# (scripts/sam-translate.py), and the stack created by `aws cloudformation deploy` on moto's
# CloudFormation. Prints each resource the stack created with its physical name, and the
# template's resources moto's CloudFormation does not create. Then `emulator up` runs against the
# same moto with the same template: a resource it finds already there has the name CloudFormation
# gave it.
# Usage: scripts/deploy-rehearsal.sh SAM_BUILD_DIR EMULATOR
#   SAM_BUILD_DIR  what `sam build` wrote (make sam-build: SCRATCH/sam-build), template.yaml included
#   EMULATOR       the emulator executable
# The stack is named `local`, the stack name the emulator resolves AWS::StackName to.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
built=${1:?usage: scripts/deploy-rehearsal.sh SAM_BUILD_DIR EMULATOR}
emulator=${2:?usage: scripts/deploy-rehearsal.sh SAM_BUILD_DIR EMULATOR}
python=.build-tools/sam/bin/python
[ -f "$built/template.yaml" ] || { echo "deploy-rehearsal: no $built/template.yaml (make sam-build)" >&2; exit 1; }
[ -x "$python" ] || { echo "deploy-rehearsal: no $python with the SAM translator (scripts/install-deps.sh --sam)" >&2; exit 1; }

port=$(free_port)
work=$(mktemp -d)
python3 scripts/moto-server.py -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; wait "$moto" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
for _ in $(seq 300); do curl -s -o /dev/null "$endpoint" && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=rehearsal AWS_SECRET_ACCESS_KEY=rehearsal AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1

step "aws cloudformation package: sam build's artifacts, zipped, to s3://deployment-artifacts on moto ($endpoint)"
aws_ s3 mb s3://deployment-artifacts >/dev/null
# Its uploader ignores --endpoint-url; AWS_ENDPOINT_URL reaches every client.
AWS_ENDPOINT_URL=$endpoint aws_ cloudformation package --template-file "$built/template.yaml" --s3-bucket deployment-artifacts \
  --output-template-file "$work/packaged.yaml" >"$work/package.log" 2>&1 || { cat "$work/package.log"; exit 1; }
aws_ s3 ls s3://deployment-artifacts/ | awk '{printf "%s  %.1f MB\n", $4, $3 / 1e6}'

step "the SAM transform (aws-sam-translator), offline"
"$python" scripts/sam-translate.py "$work/packaged.yaml" "$work/template.json"
"$python" - "$work/template.json" <<'PY'
import collections, json, sys
resources = json.load(open(sys.argv[1]))["Resources"]
kinds = collections.Counter(resource["Type"] for resource in resources.values())
print(f"{len(resources)} resources: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())))
PY

step "left out for moto: API Gateway and its permissions to invoke the functions (moto's CloudFormation does not import a RestApi's OpenAPI Body, so its Deployment fails with 'The REST API doesn't contain any methods')"
"$python" - "$work/template.json" <<'PY'
import json, sys
path = sys.argv[1]
template = json.load(open(path))
left_out = {name for name, resource in template["Resources"].items() if resource["Type"].startswith("AWS::ApiGateway::")}
mentions = lambda value: any(f'"{name}"' in json.dumps(value) or f"${{{name}" in json.dumps(value) for name in left_out)
# The permissions that let the API invoke its functions go with it.
left_out |= {name for name, resource in template["Resources"].items() if resource["Type"] == "AWS::Lambda::Permission" and mentions(resource)}
for name in sorted(left_out):
    print(f"  {name} ({template['Resources'].pop(name)['Type']})")
for name in [name for name, output in template.get("Outputs", {}).items() if mentions(output)]:
    print(f"  output {name}, which names them")
    del template["Outputs"][name]
assert not mentions(template["Resources"]), "a resource that stays refers to one left out"
json.dump(template, open(path, "w"), separators=(",", ":"))
PY

step "aws cloudformation deploy --stack-name local on moto"
wc -c <"$work/template.json" | awk '{printf "the transformed template: %d bytes\n", $1}'
AWS_ENDPOINT_URL=$endpoint aws_ cloudformation deploy --template-file "$work/template.json" --stack-name local \
  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND \
  || { echo "deploy-rehearsal: the stack was not created; moto's log ends:" >&2; tail -30 "$work/moto.log" >&2; exit 1; }
aws_ cloudformation describe-stacks --stack-name local --query 'Stacks[0].StackStatus' --output text
aws_ cloudformation list-stack-resources --stack-name local --output json >"$work/resources.json"
"$python" - "$work/template.json" "$work/resources.json" <<'PY'
import json, sys
template = json.load(open(sys.argv[1]))["Resources"]
summaries = json.load(open(sys.argv[2]))["StackResourceSummaries"]
created = {r["LogicalResourceId"]: r for r in summaries if r.get("LogicalResourceId")}
print("created by moto's CloudFormation:")
for name in sorted(created):
    r = created[name]
    print(f"  {name} ({r['ResourceType']}): {r.get('PhysicalResourceId', '')} {r['ResourceStatus']}")
missing = sorted(name for name in template if name not in created)
conditional = [name for name in missing if "Condition" in template[name]]
unknown = [name for name in missing if name not in conditional]
print(f"not created, moto's CloudFormation does not create the type: {len(unknown)}")
for name in unknown:
    print(f"  {name} ({template[name]['Type']})")
print(f"not created, by their condition with the default parameters: {len(conditional)}")
for name in conditional:
    print(f"  {name} ({template[name]['Type']}, Condition {template[name]['Condition']})")
PY

step "as deployed: each function's runtime, handler, architecture, memory, timeout, code size; the work queue"
aws_ lambda list-functions --output text \
  --query 'Functions[].[FunctionName,Runtime,Handler,Architectures[0],MemorySize,Timeout,CodeSize]'
aws_ sqs get-queue-attributes --queue-url "$(aws_ sqs get-queue-url --queue-name local-work.fifo --query QueueUrl --output text)" \
  --attribute-names FifoQueue VisibilityTimeout MessageRetentionPeriod RedrivePolicy --query Attributes --output json

step "emulator up with the same template on the same moto: 'exists' is a name CloudFormation gave too"
"$emulator" up --endpoint-url "$endpoint"
