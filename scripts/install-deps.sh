#!/usr/bin/env bash
# Installs what building, testing and the demo need at the versions pinned in deps/: the Debian
# packages of deps/debian-packages.txt (C libraries, sshd, curl) and the Python packages of
# deps/requirements.txt (AWS CLI, moto, crc32c, cfn-lint, awslambdaric); with --bench also those of
# deps/debian-packages-bench.txt (wrk) and deps/requirements-bench.txt.
# Only what is missing or at another version is installed, so with everything in place this is a
# quick no-op (`make test` runs it every time).
# Usage: scripts/install-deps.sh [--bench]
set -euo pipefail
cd "$(dirname "$0")/.."

debian_lists=(deps/debian-packages.txt)
requirements=deps/requirements.txt
if [ "${1:-}" = "--bench" ]; then
  debian_lists+=(deps/debian-packages-bench.txt)
  requirements=deps/requirements-bench.txt
fi

# The name=version lines of the given lists, without comments and blank lines.
pins() { sed -e 's/#.*//' -e 's/[[:space:]]//g' "$@" | grep -v '^$' || true; }

missing=()
for pin in $(pins "${debian_lists[@]}"); do
  installed=$(dpkg-query -W -f='${Status} ${Version}' "${pin%%=*}" 2>/dev/null || true)
  [ "$installed" = "install ok installed ${pin#*=}" ] || missing+=("$pin")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --allow-downgrades "${missing[@]}" >/dev/null || {
    echo "install-deps: apt-get could not install ${missing[*]}; if a pinned version is gone from the" \
      "archive, 'apt-cache policy NAME' shows the available ones: update deps/debian-packages*.txt" >&2
    exit 1
  }
fi

if ! python3 scripts/requirements-met.py "$requirements"; then
  echo "install-deps: installing $requirements"
  python3 -m pip install --quiet --disable-pip-version-check -r "$requirements"
fi
command -v aws >/dev/null || { echo "install-deps: the aws command is not on PATH after installing awscli" >&2; exit 1; }
