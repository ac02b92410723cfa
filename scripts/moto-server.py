"""moto_server, with three fixes: SigV4 checks of URLs with escaped characters, the order in
which a FIFO queue gives back messages of a group that returned together, and the extra
notification of a completed multipart upload.

moto (5.2.1 seen) rebuilds the URL for its signature check from the request as werkzeug decoded
it: in the path, ASCII escapes such as %20 stay encoded but UTF-8 escapes come back as characters;
in the query, escapes such as %2F come back as characters. The canonical request it computes then
differs from the signer's, and every correctly signed request for a key like "ファイル.txt" or a
listing with prefix "data/" fails with SignatureDoesNotMatch (botocore's own requests too).
Re-encoding restores what the client signed: non-ASCII characters in the path, and every query
name and value the way SigV4 encodes them.

On a FIFO queue, moto (5.2.1 seen) holds a message group while any of its messages is in its
"pending" set, and takes a message out of that set only when a receive walks past it visible
again. When several messages of a group return after their visibility timeout (a batch that
failed), the receive finds the first one while the later ones are still "pending", skips it, and
delivers a later one first: the group comes back out of order. SQS holds a group only while a
message of it is in flight, that is, still invisible; counting only those restores SQS's order.

Completing a multipart upload stores the object through moto's PutObject, which announces an
s3:ObjectCreated:Put before the s3:ObjectCreated:CompleteMultipartUpload; S3 sends only the latter.
The store inside the completion is made silent.

Usage: python3 scripts/moto-server.py [moto_server arguments]
"""
import sys
from urllib.parse import quote, unquote

from moto.iam import access_control

_original_init = access_control.IAMRequestBase.__init__


def _signed_form(path):
    route, _, query = path.partition("?")
    route = "".join(c if ord(c) < 128 else quote(c, safe="") for c in route)
    if not query:
        return route
    pairs = []
    for pair in query.split("&"):
        name, equals, value = pair.partition("=")
        pairs.append(quote(unquote(name), safe="-_.~") + equals + quote(unquote(value), safe="-_.~"))
    return route + "?" + "&".join(pairs)


def _init_with_encoded_path(self, account_id, method, path, *args, **kwargs):
    _original_init(self, account_id, method, _signed_form(path), *args, **kwargs)


access_control.IAMRequestBase.__init__ = _init_with_encoded_path

from moto.sqs import models as sqs_models  # noqa: E402


def _groups_in_flight(queue):
    return {message.group_id for message in queue.pending_messages if message.group_id is not None and not message.visible}


sqs_models.Queue.pending_message_groups = property(_groups_in_flight)

import threading  # noqa: E402

from moto.s3 import models as s3_models  # noqa: E402

_completing = threading.local()
_original_put_object = s3_models.S3Backend.put_object
_original_complete = s3_models.S3Backend.complete_multipart_upload


def _put_object(self, *args, **kwargs):
    if getattr(_completing, "active", False):
        kwargs["disable_notification"] = True
    return _original_put_object(self, *args, **kwargs)


def _complete_multipart_upload(self, *args, **kwargs):
    _completing.active = True
    try:
        return _original_complete(self, *args, **kwargs)
    finally:
        _completing.active = False


s3_models.S3Backend.put_object = _put_object
s3_models.S3Backend.complete_multipart_upload = _complete_multipart_upload

from moto.server import main  # noqa: E402  (after the patch, so every request sees it)

sys.exit(main(sys.argv[1:]))
