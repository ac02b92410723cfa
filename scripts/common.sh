# Helpers the demo and benchmark scripts share; sourced, not run.

# A heading for the next step of a demo.
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# A TCP port nobody listens on right now on the loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# The AWS CLI against $endpoint (moto).
aws_() { aws --endpoint-url "$endpoint" "$@"; }
