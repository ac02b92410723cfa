#!/usr/bin/env bash
# Installs what building, testing, the demo and the benchmarks need, only where it is missing:
# Debian packages (C libraries, sshd, curl, wrk) and Python packages (AWS CLI, moto, crc32c for
# moto's CRC32C checksums, awslambdaric).
# Usage: scripts/install-deps.sh [--bench]
set -euo pipefail

packages=(libcurl4-openssl-dev libssh2-1-dev libssl-dev openssh-server pkg-config curl)
python_modules=("awscli:awscli" "moto[server]:moto.server" "crc32c:crc32c" "cfn-lint:cfnlint")
if [ "${1:-}" = "--bench" ]; then
  packages+=(wrk)
  python_modules+=("awslambdaric:awslambdaric")
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for entry in "${python_modules[@]}"; do
  requirement=${entry%%:*}
  module=${entry##*:}
  if ! python3 -c "import ${module}" >/dev/null 2>&1; then
    echo "install-deps: installing ${requirement}"
    python3 -m pip install --quiet --disable-pip-version-check "${requirement}"
  fi
done
command -v aws >/dev/null || { echo "install-deps: the aws command is not on PATH after installing awscli" >&2; exit 1; }
