#!/usr/bin/env python3
"""Fuzzes the self-serve API from its OpenAPI document with Schemathesis: for every operation,
examples generated from the document (valid ones, then invalid ones) are sent, SigV4-signed with
botocore's signer, to a running API (emulator start-api / start), and every answer is checked: no
5xx, a status the document lists for the operation, the documented content type and body schema,
and invalid data refused with a 4xx.

Usage: api-fuzz.py OPENAPI BASE_URL MAX_EXAMPLES   (credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_REGION). Prints one JSON summary {"operations", "cases", "statuses", "failures": [...]}; exits 1
when a check failed."""
import collections
import json
import os
import sys

import requests
import schemathesis
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


class SigV4(requests.auth.AuthBase):
    """Signs each prepared request as boto3 would, for execute-api."""

    def __init__(self, credentials, region):
        self.credentials = credentials
        self.region = region

    def __call__(self, prepared):
        body = prepared.body or b""
        if isinstance(body, str):
            body = body.encode()
        signable = AWSRequest(method=prepared.method, url=prepared.url, data=body, headers=dict(prepared.headers))
        SigV4Auth(self.credentials, "execute-api", self.region).add_auth(signable)
        for name, value in signable.headers.items():
            prepared.headers[name] = value
        return prepared


def main(document, base_url, max_examples):
    auth = SigV4(Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]), os.environ.get("AWS_REGION", "us-east-1"))
    schema = schemathesis.openapi.from_path(document)
    summary = {"operations": 0, "cases": 0, "statuses": collections.Counter(), "failures": []}
    for result in schema.get_all_operations():
        operation = result.ok()
        summary["operations"] += 1
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @settings(max_examples=max_examples, deadline=None, database=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                if schema.is_security_param_negated(case):
                    return  # every request is signed here; the gateway's refusals are tested on their own
                try:
                    response = case.call(base_url=base_url, auth=auth, timeout=60)
                except (UnicodeEncodeError, ValueError):
                    return  # a header value HTTP cannot carry: the client refuses to send it
                summary["cases"] += 1
                summary["statuses"][str(response.status_code)] += 1
                try:
                    case.validate_response(response, checks=CHECKS)
                except (Exception, BaseExceptionGroup) as failure:  # a check failed: keep it, go on
                    if len(summary["failures"]) < 20:
                        summary["failures"].append({
                            "operation": operation.label, "mode": mode.value, "status": response.status_code,
                            "request": f"{case.method} {getattr(case, 'formatted_path', case.path)} query={case.query} body={str(case.body)[:200]}",
                            "answer": response.text[:300], "failure": str(failure)[:600]})

            run()
    summary["statuses"] = dict(summary["statuses"])
    json.dump(summary, sys.stdout, indent=1)
    print()
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
