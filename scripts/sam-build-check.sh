#!/usr/bin/env bash
# Runs `sam build` on template.yaml (the Makefile build method: no Docker) and checks that each
# function's artifact is exactly its package from `make package`: the same files, byte for byte,
# with an executable bootstrap at the root. Then runs `sam validate --lint`.
# Usage: scripts/sam-build-check.sh SAM PACKAGES_DIR NAME...
#   SAM           the sam command (make sam-build installs the pinned one into .build-tools/sam)
#   PACKAGES_DIR  where make package puts the packages (the build-<LogicalId> targets make them there)
#   NAME          the template's functions to check
# Environment: SCRATCH, SwiftPM's build folder the build targets use (default: .build); SAM_BUILD_DIR,
# where sam build writes (default: SCRATCH/sam-build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
[ $# -ge 3 ] || { echo "usage: scripts/sam-build-check.sh SAM PACKAGES_DIR NAME..." >&2; exit 2; }
sam=$1 packages=$2
shift 2
command -v "$sam" >/dev/null || { echo "sam-build-check: no $sam (scripts/install-deps.sh --sam)" >&2; exit 1; }
export SCRATCH=${SCRATCH:-.build} PACKAGES=$packages SAM_CLI_TELEMETRY=0
build_dir=${SAM_BUILD_DIR:-$SCRATCH/sam-build}

"$sam" build --template template.yaml --build-dir "$build_dir"
failed=0
for name in "$@"; do
  artifact=$build_dir/$name
  if [ ! -x "$artifact/bootstrap" ]; then
    echo "$name: FAILED: sam build left no executable $artifact/bootstrap"
    failed=1
  elif ! difference=$(diff -r "$packages/$name" "$artifact"); then
    echo "$name: FAILED: $artifact differs from $packages/$name:"
    echo "$difference" | sed 's/^/    /'
    failed=1
  else
    echo "$name: sam build's artifact is its package ($(du -sb "$artifact" | cut -f1) bytes, bootstrap executable)"
  fi
done
"$sam" validate --lint --template template.yaml || failed=1
exit $failed
