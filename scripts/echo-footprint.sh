#!/usr/bin/env bash
# The runtime loop's own footprint, in one run: Echo (this runtime) beside aws-lambda-cpp's echo,
# both packaged the same way (scripts/package-function.sh: glibc with its loader, the packages'
# libcurl built without TLS, as for every binary that makes no HTTPS call, the C++ runtime and
# GCC's unwinder linked statically) and started from their packages, alternately.
# Prints a table, per runtime: zip, unpacked, stripped binary, what the binary holds of Foundation
# (symbols defined in it from FoundationEssentials, Foundation, _FoundationCollections and the regex
# engine, counted with nm on the unstripped build), peak memory up to the first /next in kB
# (GNU time's ru_maxrss of the package's bootstrap pointed at a closed Runtime API: each loads,
# initialises and tries /next, then exits), and under the emulator in each one's empty root
# (--packages): the REPORT line's Max Memory Used (VmHWM, whole MB) and exec to first /next (Init
# Duration); each the median and lowest of STARTS cold starts; then the load average.
# aws-lambda-cpp is in no package registry this project installs from, and its source is not kept
# in this repository: PEER_SOURCE is a folder holding its runtime as released (include/,
# src/runtime.cpp, src/logging.cpp; Apache-2.0). It is compiled here with the flags of its release
# build (-O2 -DNDEBUG, no exceptions, no RTTI, AWS_LAMBDA_LOG=0) against the system's libcurl, around
# the echo handler of its README.
# Usage: scripts/echo-footprint.sh PEER_SOURCE ECHO_ZIP ECHO_BINARY EMULATOR
#   PEER_SOURCE  aws-lambda-cpp's source folder (above)
#   ECHO_ZIP     Echo's package (`scripts/package.sh Echo` makes SCRATCH/packages/Echo.zip)
#   ECHO_BINARY  the unstripped release Echo it was made from, for nm
#   EMULATOR     the emulator executable; package-root must be beside it
# Environment: STARTS (default 15), SCRATCH (default .build: where scripts/build-libcurl.sh keeps
# the packages' libcurl), CXX (default g++).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

usage="usage: scripts/echo-footprint.sh PEER_SOURCE ECHO_ZIP ECHO_BINARY EMULATOR"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
[ $# -eq 4 ] || { echo "$usage" >&2; exit 2; }
peer_source=$1 echo_zip=$2 echo_binary=$3 emulator=$4
starts=${STARTS:-15}
cxx=${CXX:-g++}
fail() { echo "echo-footprint: $*" >&2; exit 1; }

for file in include/aws/lambda-runtime/runtime.h src/runtime.cpp src/logging.cpp; do
  [ -f "$peer_source/$file" ] || fail "no $peer_source/$file: PEER_SOURCE must hold aws-lambda-cpp's runtime source"
done
[ -f "$echo_zip" ] || fail "no $echo_zip (scripts/package.sh Echo)"
[ -x "$echo_binary" ] || fail "no $echo_binary (the release build scripts/package.sh made)"
[ -x "$emulator" ] && [ -x "$(dirname "$emulator")/package-root" ] \
  || fail "no emulator with package-root beside it at $emulator (swift build --product emulator --product package-root)"
for tool in "$cxx" pkg-config unzip nm strip /usr/bin/time; do
  command -v "$tool" >/dev/null || fail "needs $tool on PATH (scripts/install-deps.sh --package installs what the project pins)"
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
peer=AwsLambdaCppEcho

# aws-lambda-cpp's echo: the handler of its README returning the payload, linked as its packager expects.
mkdir -p "$scratch/bin" "$scratch/packages/Echo"
cat >"$scratch/echo.cpp" <<'EOF'
#include <aws/lambda-runtime/runtime.h>

using namespace aws::lambda_runtime;

static invocation_response echo(invocation_request const& request)
{
    return invocation_response::success(request.payload, "application/json");
}

int main()
{
    run_handler(echo);
    return 0;
}
EOF
# shellcheck disable=SC2046 # pkg-config's flags are words
"$cxx" -std=c++11 -O2 -DNDEBUG -DAWS_LAMBDA_LOG=0 -fno-exceptions -fno-rtti -I"$peer_source/include" \
  "$peer_source/src/runtime.cpp" "$peer_source/src/logging.cpp" "$scratch/echo.cpp" -o "$scratch/bin/$peer" \
  -static-libstdc++ -static-libgcc $(pkg-config --cflags --libs libcurl) || fail "cannot compile aws-lambda-cpp's echo from $peer_source"
libcurl=$(scripts/build-libcurl.sh --http-only "${SCRATCH:-.build}")
scripts/package-function.sh --libraries "$libcurl" "$scratch/bin" "$peer" "$scratch/packages" >/dev/null
unzip -q "$echo_zip" -d "$scratch/packages/Echo"
cp "$echo_zip" "$scratch/packages/Echo.zip"

# Beside the packages, so that each CodeUri names an existing folder (the emulator starts a
# function in its code folder).
cat >"$scratch/packages/template.yaml" <<EOF
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Echo:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: Echo, Runtime: provided.al2023, Handler: bootstrap, MemorySize: 128, Timeout: 3}
  $peer:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: $peer, Runtime: provided.al2023, Handler: bootstrap, MemorySize: 128, Timeout: 3}
EOF

# One cold start of $1 in its empty root: its REPORT line.
cold_start() {
  echo '{"message":"echo"}' | AWS_ACCESS_KEY_ID=footprint AWS_SECRET_ACCESS_KEY=footprint \
    "$emulator" invoke "$1" --event - --template "$scratch/packages/template.yaml" --packages "$scratch/packages" \
    --build-dir "$scratch/bin" --endpoint-url http://127.0.0.1:9 2>&1 >/dev/null | grep 'REPORT RequestId' || true
}

# Peak resident memory (kB) of $1's bootstrap run to its first /next against a closed port, as GNU
# time reads it (ru_maxrss; time's own process is too small to count).
to_first_next_kb() {
  env -i AWS_LAMBDA_RUNTIME_API=127.0.0.1:9 /usr/bin/time -f %M -o "$scratch/time" "$scratch/packages/$1/bootstrap" >/dev/null 2>&1 || true
  tail -n 1 "$scratch/time"
}

for name in Echo "$peer"; do : >"$scratch/$name.reports"; : >"$scratch/$name.kb"; done
for _ in $(seq "$starts"); do
  for name in Echo "$peer"; do
    cold_start "$name" >>"$scratch/$name.reports"
    to_first_next_kb "$name" >>"$scratch/$name.kb"
  done
done

field() { sed -n "s/.*$1: \([0-9.]*\) .*/\1/p" "$2"; }
megabytes() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
# Symbols the binary defines from Foundation's modules and the regex engine FoundationEssentials calls.
foundation_symbols() {
  nm --defined-only "$1" 2>/dev/null | grep -cE '20FoundationEssentials|10Foundation[A-Z0-9_]|22_FoundationCollections|17_StringProcessing|12_RegexParser' || true
}

echo "Each figure of $starts cold starts, alternating: median (lowest)."
echo
echo "| runtime | zip | unpacked | binary (stripped) | Foundation symbols in it | peak memory to the first /next | Max Memory Used in its empty root | exec to first /next in its empty root |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for name in Echo "$peer"; do
  binary=$echo_binary
  [ "$name" = "$peer" ] && binary=$scratch/bin/$peer
  cp "$binary" "$scratch/stripped" && strip "$scratch/stripped"
  printf '| %s | %s | %s | %s | %s | %s kB | %s MB | %s ms |\n' "$name" "$(megabytes "$(stat -c %s "$scratch/packages/$name.zip")")" \
    "$(megabytes "$(du -sb "$scratch/packages/$name" | cut -f1)")" "$(megabytes "$(stat -c %s "$scratch/stripped")")" \
    "$(foundation_symbols "$binary")" "$(median_lowest <"$scratch/$name.kb")" \
    "$(field 'Max Memory Used' "$scratch/$name.reports" | median_lowest)" \
    "$(field 'Init Duration' "$scratch/$name.reports" | median_lowest)"
done
echo
echo "load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
