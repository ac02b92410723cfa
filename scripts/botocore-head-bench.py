#!/usr/bin/env python3
"""botocore's side of `aws-bench`: this process's CPU time per signed S3 HeadObject.

The Swift benchmark runs this against the same moto server, bucket and key, so the two clients
differ only in themselves. Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (kept
off the command line). Prints one JSON object: {"microseconds_per_call": ..., "calls": ...};
exits 1, saying why on stderr, if any HeadObject failed.
"""
import argparse
import json
import os
import sys
import time

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="e.g. http://127.0.0.1:5000")
    parser.add_argument("--region", required=True)
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--expected-size", type=int, required=True)
    parser.add_argument("--warm-up", type=int, default=20)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()

    # Path-style like the Swift client against a custom endpoint; one attempt per call, so a
    # failure is counted rather than hidden (and paid for) by a retry.
    client = botocore.session.get_session().create_client(
        "s3",
        region_name=args.region,
        endpoint_url=args.endpoint,
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}),
    )

    def head():
        return client.head_object(Bucket=args.bucket, Key=args.key)["ContentLength"]

    try:
        for _ in range(args.warm_up):
            head()
    except (ClientError, BotoCoreError) as error:
        sys.exit(f"botocore-head-bench: a warm-up HeadObject on {args.bucket}/{args.key} failed, "
                 f"so nothing was measured: {error}")

    failures = 0
    first_failure = None
    start = time.process_time()
    for _ in range(args.calls):
        try:
            size = head()
            problem = None if size == args.expected_size else f"ContentLength {size}, expected {args.expected_size}"
        except (ClientError, BotoCoreError) as error:
            problem = str(error)
        if problem:
            failures += 1
            first_failure = first_failure or problem
    elapsed = time.process_time() - start

    if failures:
        print(f"botocore-head-bench: {failures} of {args.calls} HeadObject calls on "
              f"{args.bucket}/{args.key} failed; the first: {first_failure}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"microseconds_per_call": elapsed * 1e6 / args.calls, "calls": args.calls}))


if __name__ == "__main__":
    main()
