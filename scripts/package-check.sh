#!/usr/bin/env bash
# Proves each function package needs nothing from this machine but the kernel. For each NAME it
# unpacks PACKAGES_DIR/NAME.zip into a fresh folder and invokes NAME through the emulator with
# --packages, which runs it in an empty root of its own (package-root: the package at /var/task,
# read-only, and this machine's /proc, /dev and /tmp; no /lib, no /usr, no /etc, no shell).
# A package passes when its function reaches the Runtime API and answers: a response, its own
# error, or its init error through /runtime/init/error. It fails when the process ends without a
# word to the Runtime API (a library missing from the zip, a crash: Runtime.ExitError); the
# function's own log then names what failed to load.
# Prints one line per package with the emulator's Init Duration (exec to first /next, in the root).
# Usage: scripts/package-check.sh PACKAGES_DIR EMULATOR NAME...
#   PACKAGES_DIR  holds NAME.zip for each NAME (make package)
#   EMULATOR      the emulator executable; package-root must be beside it
#   NAME          the functions of template.yaml to check
# Environment: EVENT (default: {}), the event each function is invoked with.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
[ $# -ge 3 ] || { echo "usage: scripts/package-check.sh PACKAGES_DIR EMULATOR NAME..." >&2; exit 2; }
packages=$1 emulator=$2
shift 2
command -v unzip >/dev/null || { echo "package-check: needs unzip (scripts/install-deps.sh --package)" >&2; exit 1; }
[ -x "$emulator" ] || { echo "package-check: no emulator at $emulator (swift build --product emulator)" >&2; exit 1; }
[ -x "$(dirname "$emulator")/package-root" ] \
  || { echo "package-check: no package-root beside $emulator (swift build --product package-root)" >&2; exit 1; }

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
failed=0
for name in "$@"; do
  zip=$packages/$name.zip
  if [ ! -f "$zip" ]; then
    echo "$name: FAILED: no $zip (make package)"
    failed=1
    continue
  fi
  mkdir "$unpacked/$name"
  unzip -q "$zip" -d "$unpacked/$name"
  # A closed port as the AWS endpoint: each function must start, take the event and answer, but
  # no AWS call succeeds (the demo and the tests do those).
  status=0
  echo "${EVENT:-{\}}" | AWS_ACCESS_KEY_ID=package-check AWS_SECRET_ACCESS_KEY=package-check \
    "$emulator" invoke "$name" --event - --packages "$unpacked" --endpoint-url http://127.0.0.1:9 \
    >"$unpacked/$name.out" 2>"$unpacked/$name.log" || status=$?
  answer=$(head -c 300 "$unpacked/$name.out")
  init=$(sed -n 's/.*Init Duration: \([0-9.]*\) ms.*/\1 ms/p' "$unpacked/$name.log" | head -1)
  error_type=$(sed -n 's/.*"errorType" *: *"\([^"]*\)".*/\1/p' "$unpacked/$name.out" | head -1)
  if [ "$status" -eq 0 ]; then
    echo "$name: answered in its empty root (init ${init:-?}): $answer"
  elif [ "$status" -eq 1 ] && [ -n "$error_type" ] && [[ "$error_type" != Runtime.* ]]; then
    echo "$name: answered in its empty root with its own error (init ${init:-?}): $answer"
  else
    echo "$name: FAILED in its empty root (emulator exit $status): $answer"
    sed 's/^/    /' "$unpacked/$name.log"
    failed=1
  fi
done
exit $failed
