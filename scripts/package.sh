#!/usr/bin/env bash
# Builds each named executable in release with the static Swift standard library and makes its
# self-contained package (scripts/package-function.sh): OUT_DIR/NAME.zip and OUT_DIR/NAME/. The
# packages bundle the libcurl scripts/build-libcurl.sh builds (once, under the build folder) in
# place of Debian's, which links libraries the functions never call (built without TLS for a
# binary that does not link OpenSSL, such as Echo, so its package loads no OpenSSL), and the libssh2
# scripts/build-libssh2.sh builds (1.11 with AES-GCM and bulk ciphering), and link the C++ runtime
# statically: the -lstdc++ of the static Swift standard library's link line finds libstdc++.a
# first (in SCRATCH/static-libstdc++), so a binary carries the few parts of it that it uses
# (0.1 MB) and loads no libstdc++.so.6 (2.2 MB); GCC's unwinder is linked statically too
# (-static-libgcc), so no libgcc_s.so.1 is loaded (0.1 MB of Echo's peak memory). They are
# linked by lld with packed relative relocations (`-z pack-relative-relocs`, DT_RELR): a
# static-stdlib binary's 21,000 relative relocations take 4 KB instead of 0.5 MB, all of which
# the loader would read at every start (0.5 MB of Echo's peak memory). glibc's loader reads
# DT_RELR since 2.36, the version the packages bundle. lld also places the functions the runtime
# loop runs from exec to its second /next together, in the order of Packaging/startup-order.txt
# (scripts/startup-order.sh), so start-up keeps 1.8 MB of code resident instead of 2.9 MB
# scattered over the standard library (1.1-1.2 MB of Echo's peak memory).
# Prints each zip with its size.
# Usage: scripts/package.sh [--scratch-path DIR] [--out DIR] NAME...
#   --scratch-path DIR  SwiftPM's build folder (default: .build)
#   --out DIR           where the packages go (default: SCRATCH/packages)
# Environment: SWIFT (default: swift).
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build out=""
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch-path) scratch=${2:?--scratch-path needs a folder}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "package: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
[ ${#names[@]} -gt 0 ] || { echo "usage: scripts/package.sh [--scratch-path DIR] [--out DIR] NAME..." >&2; exit 2; }
out=${out:-$scratch/packages}
swift=${SWIFT:-swift}

static_cxx=$(${CC:-clang} -print-file-name=libstdc++.a)
[ -f "$static_cxx" ] || { echo "package: no libstdc++.a for a static C++ runtime: install libstdc++-12-dev (scripts/install-deps.sh --package)" >&2; exit 1; }
mkdir -p "$scratch/static-libstdc++"
ln -sfn "$static_cxx" "$scratch/static-libstdc++/libstdc++.a"
static_cxx_dir=$(cd "$scratch/static-libstdc++" && pwd)
# Named after its content, so that SwiftPM, which relinks when the link line changes but does not
# read the file, relinks when the order changes.
order=$(cd "$scratch" && pwd)/startup-order-$(sha256sum Packaging/startup-order.txt | cut -c1-12).txt
cp Packaging/startup-order.txt "$order"
for name in "${names[@]}"; do
  "$swift" build -c release --scratch-path "$scratch" --product "$name" --static-swift-stdlib -Xlinker -L"$static_cxx_dir" \
    -Xswiftc -Xclang-linker -Xswiftc -static-libgcc -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs \
    -Xlinker --symbol-ordering-file="$order" -Xlinker --no-warn-symbol-ordering
done
build_dir=$("$swift" build -c release --scratch-path "$scratch" --show-bin-path)
libcurl_tls=$(scripts/build-libcurl.sh "$scratch")
libcurl_http=$(scripts/build-libcurl.sh --http-only "$scratch")
libssh2=$(scripts/build-libssh2.sh "$scratch")
mkdir -p "$out"
for name in "${names[@]}"; do
  # HTTPS goes only through the AWS client, which signs with libcrypto: a binary that does not link
  # OpenSSL itself makes no HTTPS call, and gets the libcurl without TLS.
  libcurl=$libcurl_http
  if readelf -d "$build_dir/$name" | grep 'NEEDED.*\[libcrypto\.so' >/dev/null; then libcurl=$libcurl_tls; fi
  zip=$(scripts/package-function.sh --libraries "$libcurl" --libraries "$libssh2" "$build_dir" "$name" "$out")
  awk -v b="$(stat -c %s "$zip")" -v z="$zip" 'BEGIN { printf "%s  %.1f MB\n", z, b / 1e6 }'
done
