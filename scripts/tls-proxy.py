"""A TLS endpoint for tests: terminates TLS and forwards each HTTP/1.1 request to a plain server.

moto speaks plain HTTP and closes the connection after every response. This proxy keeps each
client's TLS connection alive across requests (as S3 and STS do), sends every request to the
upstream server on a fresh connection, and returns the response without moto's
`Connection: close`, so clients can be seen reusing one connection. With
--requests-per-connection N it closes a connection (close_notify, then FIN) after N responses
without announcing it, as a server closing an idle keep-alive connection does.

It prints the port it listens on (127.0.0.1, chosen by the system) as one line on standard output,
and appends one line per event to --log: `<n> connected` after a handshake, `<n> refused <reason>`
when a handshake fails, `<n> <request line>` for every request forwarded, `<n> failed <reason>`
when a connection breaks. It exits when its parent
process does, so it never outlives the tests that started it.

Usage: python3 scripts/tls-proxy.py --cert server.pem --key server.key --upstream-port 5000
           --log events.log [--requests-per-connection N]
"""
import argparse
import itertools
import os
import socket
import ssl
import sys
import threading
import time

_log_lock = threading.Lock()
_connection_numbers = itertools.count(1)


def log(path, line):
    with _log_lock, open(path, "a", encoding="utf-8") as file:
        file.write(line + "\n")


def header_value(head, name):
    for line in head.split(b"\r\n")[1:]:
        field, _, value = line.partition(b":")
        if field.strip().lower() == name:
            return value.strip()
    return None


def without_header(head, name):
    lines = head.split(b"\r\n")
    return b"\r\n".join(line for line in lines if line.partition(b":")[0].strip().lower() != name)


def read_request(connection, pending):
    """One request as (head without its blank line, body), and the bytes after it; None at EOF."""
    while b"\r\n\r\n" not in pending:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        pending += chunk
    head, _, rest = pending.partition(b"\r\n\r\n")
    length = int(header_value(head, b"content-length") or 0)
    while len(rest) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return (head, rest[:length]), rest[length:]


def forward(head, body, upstream_port):
    """Sends the request upstream on a new connection and returns the whole response."""
    request = without_header(head, b"connection") + b"\r\nConnection: close\r\n\r\n" + body
    with socket.create_connection(("127.0.0.1", upstream_port)) as upstream:
        upstream.sendall(request)
        response = bytearray()
        while chunk := upstream.recv(1 << 20):
            response += chunk
    return bytes(response)


def is_delimited(method, response_head):
    """Whether the client can find the end of this response without the connection closing."""
    status = int(response_head.split(b" ", 2)[1])
    return (
        method == b"HEAD"
        or status in (204, 304)
        or header_value(response_head, b"content-length") is not None
        or header_value(response_head, b"transfer-encoding") is not None
    )


def handshake(client, context, options):
    """The TLS connection, or None when the handshake failed (the client refused the certificate)."""
    number = next(_connection_numbers)
    client.settimeout(10)
    try:
        connection = context.wrap_socket(client, server_side=True)
    except (ssl.SSLError, OSError) as error:
        log(options.log, f"{number} refused {error}")
        client.close()
        return None
    connection.settimeout(None)
    log(options.log, f"{number} connected")
    return number, connection


def serve(number, connection, options):
    pending = b""
    served = 0
    try:
        while True:
            request = read_request(connection, pending)
            if request is None:
                return
            (head, body), pending = request
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            log(options.log, f"{number} {request_line}")
            response = forward(head, body, options.upstream_port)
            response_head, _, response_body = response.partition(b"\r\n\r\n")
            served += 1
            if not is_delimited(head.split(b" ", 1)[0], response_head):
                connection.sendall(response)
                return
            connection.sendall(without_header(response_head, b"connection") + b"\r\n\r\n" + response_body)
            if served == options.requests_per_connection:
                return
    except (ssl.SSLError, OSError) as error:
        log(options.log, f"{number} failed {error}")
    finally:
        # Sends close_notify without waiting for the client's (non-blocking), then closes the socket.
        connection.setblocking(False)
        try:
            connection.unwrap()
        except (ssl.SSLError, OSError):
            pass
        connection.close()


def exit_with_parent():
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--requests-per-connection", type=int, default=0)
    options = parser.parse_args()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(options.cert, options.key)
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    threading.Thread(target=exit_with_parent, daemon=True).start()
    print(listener.getsockname()[1], flush=True)
    while True:
        client, _ = listener.accept()
        # Handshakes happen one at a time, in order, so a connection's handshake is logged before
        # any later connection is served: a test can count refused handshakes without waiting.
        accepted = handshake(client, context, options)
        if accepted:
            threading.Thread(target=serve, args=(*accepted, options), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
