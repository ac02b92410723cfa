#!/usr/bin/env bash
# Builds the libcurl.so.4 the function packages bundle, from Debian's own curl source package at the
# version pinned in deps/debian-sources.txt, which must be the installed libcurl4-openssl-dev's (the
# headers the binaries are compiled against). Debian's patches are applied as Debian's OpenSSL
# flavour applies them; it is configured with OpenSSL as its only TLS and HTTP and HTTPS as its only
# protocols, so it links only libssl, libcrypto and glibc: none of libssh2, GnuTLS (through librtmp
# and OpenLDAP), Kerberos, SASL, nghttp2, zstd, brotli, zlib, libidn2 or libpsl, which Debian's
# libcurl links and the functions never call. It keeps Debian's soname (libcurl.so.4), symbol
# version (CURL_OPENSSL_4) and CA locations; the build refuses a result that does not export every
# symbol Debian's libcurl exports, with the same version.
# With --http-only it is built without OpenSSL, for the packages of binaries that make no HTTPS
# call (those that do not link OpenSSL themselves, such as Echo): it links glibc alone, so such a
# package loads no libssl and no libcrypto (3.5 MB of a process's memory), and keeps the same
# soname and symbol version, so the same binary loads either.
# Built once: the result is kept in SCRATCH/libcurl/VERSION-KEY/ (KEY changes with this script and scripts/debian-source.sh) and
# later runs only print it. Prints that folder, which holds:
#   libcurl.so.4   stripped
#   VERSION        the Debian version it is built from
#   copyright      the source package's debian/copyright
# Usage: scripts/build-libcurl.sh [--http-only] SCRATCH
#   SCRATCH  SwiftPM's build folder (the downloads and the build go under SCRATCH/libcurl)
# Environment: CC (default: clang).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
http_only=false
if [ "${1:-}" = "--http-only" ]; then http_only=true; shift; fi
[ $# -eq 1 ] || { echo "usage: scripts/build-libcurl.sh [--http-only] SCRATCH" >&2; exit 2; }
fail() { echo "build-libcurl: $*" >&2; exit 1; }
source scripts/debian-source.sh

version=$(sed -n 's/^curl=\([^[:space:]]*\).*/\1/p' deps/debian-sources.txt)
[ -n "$version" ] || fail "deps/debian-sources.txt pins no curl=VERSION"
installed=$(dpkg-query -W -f='${Version}' libcurl4-openssl-dev 2>/dev/null) \
  || fail "libcurl4-openssl-dev is not installed (scripts/install-deps.sh)"
[ "$installed" = "$version" ] \
  || fail "deps/debian-sources.txt pins curl $version, but the binaries are compiled against libcurl4-openssl-dev $installed: pin the same version in both"
system_libcurl=$(pkg-config --variable=libdir libcurl)/libcurl.so.4
[ -f "$system_libcurl" ] || fail "no $system_libcurl to compare the exported symbols with"
cc=${CC:-clang}
for tool in apt-get tar xz patch make "$cc" objdump strip; do
  command -v "$tool" >/dev/null || fail "needs $tool on PATH (scripts/install-deps.sh --package installs what the project pins)"
done

key=$(cat "$0" scripts/debian-source.sh | sha256sum | cut -c1-12)
work=$(mkdir -p "$1/libcurl" && cd "$1/libcurl" && pwd)
flavour=$($http_only && echo http || echo openssl)
result=$work/$version-$flavour-$key
if [ -f "$result/libcurl.so.4" ]; then
  echo "$result"
  exit 0
fi

build=$work/build-$version-$flavour
# Debian's series, less its last two patches, which make the GnuTLS and NSS flavours (debian/rules
# pops them before building the OpenSSL one). Patches that change configure.ac concern LDAP,
# GSS-API and zsh, none of which is built here, so the released configure script is used as it is.
debian_source curl "$version" bookworm "$work" "$build" 90_gnutls 99_nss

if $http_only; then
  echo "build-libcurl: building libcurl $version without TLS, HTTP only (a few minutes, once)" >&2
  tls=(--without-ssl)
else
  echo "build-libcurl: building libcurl $version with OpenSSL, HTTP and HTTPS only (a few minutes, once)" >&2
  tls=(--with-openssl --with-ca-path=/etc/ssl/certs --with-ca-bundle=/etc/ssl/certs/ca-certificates.crt)
fi
(
  cd "$build"
  ./configure CC="$cc" CFLAGS=-O2 \
    --disable-dependency-tracking --enable-shared --disable-static \
    --enable-symbol-hiding --enable-versioned-symbols --enable-threaded-resolver \
    "${tls[@]}" \
    --without-libssh2 --without-libssh --without-nghttp2 --without-brotli --without-zstd --without-zlib \
    --without-libidn2 --without-libpsl --without-librtmp --without-gssapi --without-libgsasl \
    --disable-ldap --disable-ldaps --disable-ftp --disable-file --disable-rtsp --disable-dict \
    --disable-telnet --disable-tftp --disable-pop3 --disable-imap --disable-smb --disable-smtp \
    --disable-gopher --disable-mqtt --disable-manual --without-zsh-functions-dir --without-fish-functions-dir
  # configure names the symbol version after the TLS library (CURL_OPENSSL_4); without one it would
  # be CURL_4, which the binaries, linked against Debian's libcurl, do not ask for.
  sed -i 's/\bCURL_4\b/CURL_OPENSSL_4/' lib/libcurl.vers
  make -C lib -j"$(nproc)"
) >"$work/build-$version-$flavour.log" 2>&1 || fail "the build failed; its log is $work/build-$version-$flavour.log"

built=$build/lib/.libs/libcurl.so.4
[ -f "$built" ] || fail "the build made no libcurl.so.4; its log is $work/build-$version-$flavour.log"
# Every symbol Debian's libcurl exports, with its version, must be exported the same way here.
exports() { objdump -T "$1" | awk '$2 != "*UND*" && $NF ~ /^curl_/ { print $(NF-1), $NF }' | sort; }
missing=$(comm -23 <(exports "$system_libcurl") <(exports "$built"))
[ -z "$missing" ] || fail "the build does not export what Debian's libcurl does: $(tr '\n' ' ' <<<"$missing")"
allowed='^(libssl\.so\.3|libcrypto\.so\.3|libc\.so\.6)$'
$http_only && allowed='^libc\.so\.6$'
unwanted=$(objdump -p "$built" | awk -v allowed="$allowed" '$1 == "NEEDED" && $2 !~ allowed { print $2 }')
[ -z "$unwanted" ] || fail "the build links more than it should ($allowed): $unwanted"

staging=$result.partial
rm -rf "$staging"
mkdir -p "$staging"
install -m 755 "$built" "$staging/libcurl.so.4"
strip --strip-unneeded "$staging/libcurl.so.4"
echo "$version" >"$staging/VERSION"
install -m 644 "$build/debian/copyright" "$staging/copyright"
rm -rf "$result"
mv "$staging" "$result"
rm -rf "$build"
echo "$result"
