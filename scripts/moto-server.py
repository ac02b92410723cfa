"""moto_server, with one fix: SigV4 checks of URLs with escaped characters.

moto (5.2.1 seen) rebuilds the URL for its signature check from the request as werkzeug decoded
it: in the path, ASCII escapes such as %20 stay encoded but UTF-8 escapes come back as characters;
in the query, escapes such as %2F come back as characters. The canonical request it computes then
differs from the signer's, and every correctly signed request for a key like "ファイル.txt" or a
listing with prefix "data/" fails with SignatureDoesNotMatch (botocore's own requests too).
Re-encoding restores what the client signed: non-ASCII characters in the path, and every query
name and value the way SigV4 encodes them.

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

from moto.server import main  # noqa: E402  (after the patch, so every request sees it)

sys.exit(main(sys.argv[1:]))
