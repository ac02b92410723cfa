#!/usr/bin/env python3
"""Sends one HTTP request, SigV4-signed by botocore's own signer (as boto3 and awscurl sign), and
prints the answer as JSON: {"status", "headers": [[name, value], ...], "body_base64"}.

The request is JSON on standard input:
  {"method": "GET", "url": "http://127.0.0.1:3000/jobs?state=QUEUED",
   "headers": [["X-Correlation-Id", "c-1"]], "body": "text" | "body_base64": "..." | "body_size": N,
   "sign": {"access_key": "...", "secret_key": "...", "region": "us-east-1",
            "service": "execute-api", "date": "20261127T090000Z"}}
"sign" is optional (unsigned request); "send_url", when given, is where the request signed for "url" goes; its "service" defaults to execute-api and "date" to now.
A repeated header name is sent as separate lines and signed with all its values."""
import base64
import datetime
import http.client
import json
import sys
import urllib.parse

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def send(request):
    body = b""
    if "body" in request:
        body = request["body"].encode()
    elif "body_base64" in request:
        body = base64.b64decode(request["body_base64"])
    elif "body_size" in request:
        body = b"x" * request["body_size"]
    headers = [tuple(pair) for pair in request.get("headers", [])]
    sign = request.get("sign")
    if sign:
        signable = AWSRequest(method=request["method"], url=request["url"], data=body)
        for name, value in headers:
            signable.headers[name] = value  # appends: a repeated name is signed with all its values
        credentials = Credentials(sign["access_key"], sign["secret_key"], sign.get("session_token"))
        if "date" in sign:
            fixed = datetime.datetime.strptime(sign["date"], "%Y%m%dT%H%M%SZ")
            botocore.auth.get_current_datetime = lambda *_, **__: fixed
        SigV4Auth(credentials, sign.get("service", "execute-api"), sign.get("region", "us-east-1")).add_auth(signable)
        headers = list(signable.headers.items())
    url = urllib.parse.urlsplit(request.get("send_url", request["url"]))
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    target = url.path + ("?" + url.query if url.query else "")
    connection.putrequest(request["method"], target, skip_host=True, skip_accept_encoding=True)
    if not any(name.lower() == "host" for name, _ in headers):
        connection.putheader("Host", url.netloc)
    for name, value in headers:
        connection.putheader(name, value)
    if body or request["method"] in ("POST", "PUT", "PATCH"):
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    answer = response.read()
    return {"status": response.status, "headers": response.getheaders(), "body_base64": base64.b64encode(answer).decode()}


if __name__ == "__main__":
    json.dump(send(json.load(sys.stdin)), sys.stdout)
