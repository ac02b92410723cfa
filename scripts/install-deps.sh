#!/usr/bin/env bash
# Installs what building, testing and the demo need at the versions pinned in deps/: the Debian
# packages of deps/debian-packages.txt (C libraries, sshd, curl) and the Python packages of
# deps/requirements.txt (AWS CLI, moto, crc32c, cfn-lint, awslambdaric); with --bench also those of
# deps/debian-packages-bench.txt (wrk) and deps/requirements-bench.txt; with --package those of
# deps/debian-packages-package.txt (zip, unzip, the CA bundle, static libc); with --image those of
# deps/debian-packages-image.txt (buildah, for the worker's image); with --sam the AWS SAM CLI of
# deps/requirements-sam.txt, in a virtual environment of its own (.build-tools/sam: its pins
# would otherwise fight the project's own, cfn-lint's first).
# Only what is missing or at another version is installed, so with everything in place this is a
# quick no-op (`make test` runs it every time).
# Usage: scripts/install-deps.sh [--bench] [--package] [--image] [--sam]
set -euo pipefail
cd "$(dirname "$0")/.."

debian_lists=(deps/debian-packages.txt)
requirements=deps/requirements.txt
sam=false
for option in "$@"; do
  case "$option" in
    --bench) debian_lists+=(deps/debian-packages-bench.txt); requirements=deps/requirements-bench.txt ;;
    --package) debian_lists+=(deps/debian-packages-package.txt) ;;
    --image) debian_lists+=(deps/debian-packages-image.txt) ;;
    --sam) sam=true ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps: unknown option $option (see --help)" >&2; exit 2 ;;
  esac
done

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

# The SAM CLI in its own virtual environment; `.build-tools/sam/bin/sam` is the command.
if $sam; then
  venv=.build-tools/sam
  if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" scripts/requirements-met.py deps/requirements-sam.txt; }; then
    echo "install-deps: installing deps/requirements-sam.txt into $venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r deps/requirements-sam.txt
  fi
fi
