#!/bin/bash
# A Lambda runtime in bash over the curl command, driven by its event:
#   {"do":"report"}   answer with what the function sees (environment, directory, headers)
#   {"do":"pause"}    answer after 0.4 s
#   {"do":"sleep"}    sleep 30 s (past any test timeout)
#   {"do":"crash"}    exit 3 in the middle of the invocation
#   {"do":"fail"}     report an error through /error
#   {"do":"big"}      answer 7 MiB, then answer the status the API gave in a log line
#   {"do":"bogus"}    post a response for a request id that does not exist; answer the status
set -u
api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "scripted runtime started, pid $$"
while true; do
  curl -sS -D "$work/headers" -o "$work/event" "$api/invocation/next" || exit 1
  header() { grep -i "^$1:" "$work/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
  id=$(header Lambda-Runtime-Aws-Request-Id)
  event=$(cat "$work/event")
  echo "handling $event"
  case "$event" in
    *pause*) sleep 0.4 ;;
    *sleep*) sleep 30 ;;
    *crash*) echo "crashing on purpose"; exit 3 ;;
    *fail*)
      curl -sS -o /dev/null -X POST -H 'Lambda-Runtime-Function-Error-Type: Function.Unhandled' \
        --data-binary '{"errorMessage":"partner refused the file","errorType":"ScriptError"}' "$api/invocation/$id/error"
      continue ;;
    *big*)
      head -c 7340032 /dev/zero | tr '\0' 'a' > "$work/big"
      status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST --data-binary @"$work/big" "$api/invocation/$id/response")
      echo "big response answered $status"
      continue ;;
    *bogus*)
      status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST --data-binary '{}' "$api/invocation/not-a-request/response")
      printf '{"bogus_status":"%s"}' "$status" > "$work/answer" ;;
  esac
  if [ ! -s "$work/answer" ]; then
    printf '{"function":"%s","version":"%s","memory":"%s","stream":"%s","group":"%s","root":"%s","cwd":"%s","region":"%s","stage":"%s","handler":"%s","pid":%d,"trace":"%s","arn":"%s","deadline":"%s","tenant":"%s","client_context":"%s"}' \
      "$AWS_LAMBDA_FUNCTION_NAME" "$AWS_LAMBDA_FUNCTION_VERSION" "$AWS_LAMBDA_FUNCTION_MEMORY_SIZE" "$AWS_LAMBDA_LOG_STREAM_NAME" \
      "$AWS_LAMBDA_LOG_GROUP_NAME" "$LAMBDA_TASK_ROOT" "$(pwd)" "$AWS_REGION" "${STAGE:-}" "$_HANDLER" "$$" \
      "$(header Lambda-Runtime-Trace-Id)" "$(header Lambda-Runtime-Invoked-Function-Arn)" "$(header Lambda-Runtime-Deadline-Ms)" \
      "$(header Lambda-Runtime-Aws-Tenant-Id)" "$(header Lambda-Runtime-Client-Context)" > "$work/answer"
  fi
  curl -sS -o /dev/null -X POST --data-binary @"$work/answer" "$api/invocation/$id/response"
  rm -f "$work/answer"
done
