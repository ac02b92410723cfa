#!/usr/bin/env python3
"""What one batch execution used, and what 1 M small objects would cost on AWS in that shape and in
the unbatched one (one STANDARD child execution and one Lambda invocation per listed object).

Reads the execution's report (report.json), the functions' log of `emulator start-execution
--function-logs` (its REPORT lines: invocations, billed duration, memory) and moto's request log
for the run (S3 requests by method). Usage:
  workflow-cost.py REPORT_JSON FUNCTION_LOG MOTO_LOG_SLICE
Prices: us-east-1, published on the AWS pricing pages (Step Functions, Lambda x86, S3 Standard).
"""
import json
import re
import sys

STANDARD_TRANSITION = 0.025 / 1000
EXPRESS_REQUEST = 1.00 / 1_000_000
EXPRESS_GB_SECOND = 0.00001667
EXPRESS_MEMORY_GB = 64 / 1024  # express workflows are billed at 64 MB at least
LAMBDA_REQUEST = 0.20 / 1_000_000
LAMBDA_GB_SECOND = 0.0000166667
S3_WRITE = 0.005 / 1000  # PUT, COPY, POST, LIST
S3_READ = 0.0004 / 1000  # GET, HEAD and the rest
TARGET_OBJECTS = 1_000_000


def invocations(log_path):
    """function name -> [(billed ms, memory MB)] from the REPORT lines."""
    found = {}
    pattern = re.compile(r"^(\S+)\s+REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB")
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = pattern.match(line)
            if match:
                found.setdefault(match.group(1), []).append((int(match.group(2)), int(match.group(3))))
    return found


def s3_requests(moto_log):
    """(writes, reads) among moto's access-log lines for S3 (STS and SNS posts to / excluded)."""
    writes = reads = 0
    request = re.compile(r'"(GET|HEAD|PUT|POST|DELETE) (\S+) HTTP/1\.[01]"')
    with open(moto_log, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = request.search(line)
            if not match or match.group(2) == "/":
                continue
            method, target = match.groups()
            listing = method == "GET" and ("list-type=2" in target or "uploads" in target.split("?")[-1])
            if method in ("PUT", "POST") or listing:
                writes += 1
            elif method != "DELETE":
                reads += 1
    return writes, reads


def main():
    report_path, log_path, moto_log = sys.argv[1:4]
    with open(report_path, encoding="utf-8") as file:
        report = json.load(file)
    listed = report["objects"]["listed"]
    listing_calls = report["listing_invocations"]
    batches = report["batches"]
    calls = invocations(log_path)
    lambda_requests = sum(len(v) for v in calls.values())
    lambda_gb_s = sum(ms / 1000 * mb / 1024 for v in calls.values() for ms, mb in v)
    child_ms = sum(ms for ms, _ in calls.get("TransferObject", []))
    # Parent (STANDARD) transitions: Prepare, Settings, ListObjects and ListingComplete per listing
    # invocation, AnyWork, TransferAll when it ran, ValidateTransfer, GenerateReport, Outcome, the end.
    transitions = 2 + 2 * listing_calls + 1 + (1 if batches else 0) + 4
    writes, reads = s3_requests(moto_log)

    print(f"  this execution ({listed} objects listed, {report['objects']['copied']} copied):")
    print(f"    state transitions (STANDARD parent) {transitions}, EXPRESS children {batches}")
    print(f"    Lambda invocations {lambda_requests} ({', '.join(f'{k} {len(v)}' for k, v in sorted(calls.items()))}),"
          f" {lambda_gb_s:.2f} GB-s")
    print(f"    S3 requests: {writes} PUT/COPY/POST/LIST, {reads} GET/HEAD")

    scale = TARGET_OBJECTS / listed
    s3_cost = (writes * S3_WRITE + reads * S3_READ) * scale
    batched = {
        "Step Functions": transitions * STANDARD_TRANSITION  # the parent does not grow with the objects, but listing does
        + 2 * listing_calls * (scale - 1) * STANDARD_TRANSITION
        + batches * scale * EXPRESS_REQUEST + child_ms / 1000 * scale * EXPRESS_MEMORY_GB * EXPRESS_GB_SECOND,
        "Lambda": lambda_requests * scale * LAMBDA_REQUEST + lambda_gb_s * scale * LAMBDA_GB_SECOND,
    }
    copy_calls = calls.get("TransferObject", [])
    per_object_gb_s = (sum(ms / 1000 * mb / 1024 for ms, mb in copy_calls) / max(report["objects"]["copied"], 1))
    unbatched = {
        # One child per listed object: its one Task state, plus the Map's own transition per item.
        "Step Functions": (2 * TARGET_OBJECTS + transitions) * STANDARD_TRANSITION,
        # One invocation per listed object, each billed at least 1 ms at the function's memory.
        "Lambda": TARGET_OBJECTS * LAMBDA_REQUEST
        + TARGET_OBJECTS * max(per_object_gb_s, 0.001 * 256 / 1024) * LAMBDA_GB_SECOND,
    }
    print(f"  1,000,000 such objects at AWS prices (us-east-1), S3 requests ${s3_cost:.2f}:")
    for name, shape in (("batched (this shape)", batched), ("unbatched (one child per object)", unbatched)):
        orchestration = sum(shape.values())
        parts = ", ".join(f"{k} ${v:.2f}" for k, v in shape.items())
        print(f"    {name:<34} orchestration ${orchestration:.2f} ({parts}) = {100 * orchestration / s3_cost:.1f} % of S3")
    share = 100 * sum(batched.values()) / s3_cost
    print(f"  target: orchestration at most 10 % of the S3 request cost: {'met' if share <= 10 else 'NOT met'} ({share:.1f} %)")


if __name__ == "__main__":
    main()
