#!/usr/bin/env python3
"""A Lambda custom runtime (a `bootstrap`) in plain Python that records every event it gets.

Each event is appended as one JSON line {"function": NAME, "event": EVENT} to $RECORD_FILE, so tests
read what functions received. The answer depends on the event:
  SQS batches: a record whose body contains "crash-batch" fails the whole invocation; one whose
    body contains "malformed" makes the answer an invalid partial batch response; records whose
    body contains "fail" are reported in batchItemFailures, and so are those whose body contains
    "flaky" on their first receive.
  other events: {"error": "..."} fails the invocation; {"fail-first": N, ...} fails while this
    event has been received N times or fewer; anything else answers {"ok": true}.
"""
import json
import os
import urllib.request

API = "http://%s/2018-06-01/runtime" % os.environ["AWS_LAMBDA_RUNTIME_API"]
NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "?")


def post(path, body, headers=None):
    request = urllib.request.Request(API + path, data=json.dumps(body).encode(), method="POST", headers=headers or {})
    urllib.request.urlopen(request).read()


def answer(event):
    records = event.get("Records") if isinstance(event, dict) else None
    if records and records[0].get("eventSource") == "aws:sqs":
        bodies = [record.get("body", "") for record in records]
        if any("crash-batch" in body for body in bodies):
            raise RuntimeError("the batch cannot be processed")
        if any("malformed" in body for body in bodies):
            return {"batchItemFailures": [{"itemIdentifier": ""}]}
        failed = [r for r in records if "fail" in r.get("body", "")
                  or ("flaky" in r.get("body", "") and r["attributes"].get("ApproximateReceiveCount") == "1")]
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in failed]}
    if isinstance(event, dict) and "error" in event:
        raise RuntimeError(str(event["error"]))
    if isinstance(event, dict) and "fail-first" in event:
        with open(os.environ["RECORD_FILE"], encoding="utf-8") as record:
            seen = sum(1 for line in record if json.loads(line)["event"] == event)
        if seen <= event["fail-first"]:
            raise RuntimeError("attempt %d fails" % seen)
    return {"ok": True}


while True:
    with urllib.request.urlopen(API + "/invocation/next") as response:
        request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
        raw = response.read()
    event = json.loads(raw)
    with open(os.environ["RECORD_FILE"], "a", encoding="utf-8") as record:
        record.write(json.dumps({"function": NAME, "event": event}) + "\n")
    try:
        post("/invocation/%s/response" % request_id, answer(event))
    except Exception as error:  # the function's failure, reported as Lambda runtimes do
        post("/invocation/%s/error" % request_id, {"errorMessage": str(error), "errorType": "RecorderError"},
             {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
