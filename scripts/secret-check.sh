#!/usr/bin/env bash
# Greps every log (*.log, recursively) under the given folders for the secret material the suites
# or the demo handed the engine, and for any private key block or moto session token: zero hits,
# or exit 1 naming the files (never the secret).
# Usage: scripts/secret-check.sh [--secrets FILE] [--secret TEXT] [--key FILE]... FOLDER...
#   --secrets FILE  secrets one a line (what the test fixtures record in $TEST_LOG_DIR/secrets.txt;
#                   none when it does not exist)
#   --secret TEXT   one secret (a secret access key, a passphrase, a password)
#   --key FILE      a private key file: each line of its body is a secret
set -euo pipefail
list=$(mktemp)
trap 'rm -f "$list"' EXIT
folders=()
while [ $# -gt 0 ]; do
  case "$1" in
    --secrets) [ ! -f "$2" ] || cat "$2" >>"$list"; shift 2 ;;
    --secret) printf '%s\n' "$2" >>"$list"; shift 2 ;;
    --key) grep -v -e '^-----' -e '^$' "$2" >>"$list"; shift 2 ;;
    *) folders+=("$1"); shift ;;
  esac
done
[ ${#folders[@]} -gt 0 ] || { echo "usage: secret-check.sh [--secrets FILE] [--secret TEXT] [--key FILE]... FOLDER..." >&2; exit 2; }
# Lines shorter than 12 characters are too short to be told from ordinary text.
awk 'length($0) >= 12' "$list" | sort -u >"$list.long"
mv "$list.long" "$list"
# A private key's armour, and moto's session tokens (AWS's own start the same way).
patterns=('PRIVATE KEY-----' 'FQoGZXIvYXdzE')
logs=$(find "${folders[@]}" -type f -name '*.log' | wc -l)
# One pass over the logs for the secrets and the patterns together (an empty list adds no pattern).
expressions=()
for pattern in "${patterns[@]}"; do expressions+=(-e "$pattern"); done
hits=$(find "${folders[@]}" -type f -name '*.log' -exec grep -l -F -f "$list" "${expressions[@]}" {} + | sort -u || true)
echo "secret-check: $(wc -l <"$list") secrets and ${#patterns[@]} patterns against $logs logs: $(printf '%s' "$hits" | grep -c . || true) with a hit"
if [ -n "$hits" ]; then
  echo "$hits" | sed 's/^/secret-check: secret material in /'
  exit 1
fi
