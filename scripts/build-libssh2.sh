#!/usr/bin/env bash
# Builds the libssh2.so.1 the TransferWorker's package bundles and sftp-bench runs on, from Debian's
# libssh2 source package at the version pinned in deps/debian-sources.txt (Debian 13's 1.11.1:
# bookworm's 1.10 lacks AES-GCM), with Debian's patches and the project's
# Packaging/libssh2-bulk-cipher.patch, which has OpenSSL encrypt and decrypt a packet's blocks in
# one call instead of one 16-byte call each (the patch says what it changes and what it measured).
# OpenSSL is its crypto and it is built without zlib, so it links only libssl, libcrypto and glibc
# (the SFTP module never asks for compression). It keeps Debian's soname (libssh2.so.1); the
# binaries are compiled against bookworm's libssh2-1-dev 1.10 headers, so the build refuses a
# result that does not export every symbol that library exports.
# Built once: the result is kept in SCRATCH/libssh2/VERSION-KEY/ (KEY changes with this script,
# scripts/debian-source.sh and the patch) and later runs only print it. Prints that folder, which holds:
#   libssh2.so.1   stripped
#   VERSION        the Debian version it is built from, and the patch
#   copyright      the source package's debian/copyright
# Usage: scripts/build-libssh2.sh SCRATCH
#   SCRATCH  SwiftPM's build folder (the downloads and the build go under SCRATCH/libssh2)
# Environment: CC (default: clang).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
[ $# -eq 1 ] || { echo "usage: scripts/build-libssh2.sh SCRATCH" >&2; exit 2; }
fail() { echo "build-libssh2: $*" >&2; exit 1; }
source scripts/debian-source.sh

version=$(sed -n 's/^libssh2=\([^[:space:]]*\).*/\1/p' deps/debian-sources.txt)
[ -n "$version" ] || fail "deps/debian-sources.txt pins no libssh2=VERSION"
project_patch=Packaging/libssh2-bulk-cipher.patch
system_libssh2=$(pkg-config --variable=libdir libssh2 2>/dev/null)/libssh2.so.1
[ -f "$system_libssh2" ] || fail "no $system_libssh2 to compare the exported symbols with (libssh2-1-dev: scripts/install-deps.sh)"
cc=${CC:-clang}
for tool in apt-get tar xz patch make "$cc" objdump strip; do
  command -v "$tool" >/dev/null || fail "needs $tool on PATH (scripts/install-deps.sh --package installs what the project pins)"
done

key=$(cat "$0" scripts/debian-source.sh "$project_patch" | sha256sum | cut -c1-12)
work=$(mkdir -p "$1/libssh2" && cd "$1/libssh2" && pwd)
result=$work/$version-$key
if [ -f "$result/libssh2.so.1" ]; then
  echo "$result"
  exit 0
fi

build=$work/build-$version
# Debian's series as debian/rules applies it; the patches touching configure.ac or libssh2.pc only
# concern static linking, so the released configure script is used as it is.
debian_source libssh2 "$version" trixie "$work" "$build"
patch -d "$build" -p1 -s --no-backup-if-mismatch <"$project_patch" || fail "$project_patch does not apply to libssh2 $version"

echo "build-libssh2: building libssh2 $version with OpenSSL, without zlib (a minute, once)" >&2
(
  cd "$build"
  ./configure CC="$cc" CFLAGS=-O2 --disable-dependency-tracking --enable-shared --disable-static \
    --with-crypto=openssl --without-libz --disable-examples-build --disable-docker-tests --disable-rpath
  make -C src -j"$(nproc)"
) >"$work/build-$version.log" 2>&1 || fail "the build failed; its log is $work/build-$version.log"

built=$build/src/.libs/libssh2.so.1
[ -f "$built" ] || fail "the build made no libssh2.so.1; its log is $work/build-$version.log"
# Every symbol bookworm's libssh2 exports must be exported here too.
exports() { objdump -T "$1" | awk '$2 != "*UND*" && $NF ~ /^libssh2_/ { print $NF }' | sort; }
missing=$(comm -23 <(exports "$system_libssh2") <(exports "$built"))
[ -z "$missing" ] || fail "the build does not export what Debian's libssh2 does: $(tr '\n' ' ' <<<"$missing")"
unwanted=$(objdump -p "$built" | awk '$1 == "NEEDED" && $2 !~ /^(libssl\.so\.3|libcrypto\.so\.3|libc\.so\.6)$/ { print $2 }')
[ -z "$unwanted" ] || fail "the build links more than OpenSSL and glibc: $unwanted"

staging=$result.partial
rm -rf "$staging"
mkdir -p "$staging"
install -m 755 "$built" "$staging/libssh2.so.1"
strip --strip-unneeded "$staging/libssh2.so.1"
echo "$version + $(basename "$project_patch")" >"$staging/VERSION"
install -m 644 "$build/debian/copyright" "$staging/copyright"
rm -rf "$result"
mv "$staging" "$result"
rm -rf "$build"
echo "$result"
