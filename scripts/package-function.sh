#!/usr/bin/env bash
# Makes the deployable package of one function: OUT_DIR/NAME.zip, and beside it OUT_DIR/NAME/, the
# same files unpacked. A package needs nothing outside itself at run time but the kernel:
#   bootstrap        a static launcher (Packaging/bootstrap.c) that starts bin/NAME through lib/'s loader
#   bin/NAME         the function, stripped (built in release with --static-swift-stdlib)
#   lib/             every shared library it loads (ldd's closure), glibc and glibc's loader included
#   etc/ca-certificates.crt   the CA bundle for TLS (bootstrap sets AWS_CA_BUNDLE to it unless set)
#   licenses/        the Debian copyright file of every package a file comes from
#   PACKAGE.txt      what each file is, from which Debian package at which version, and why
# Every library must be listed in Packaging/libraries.txt, which says why it is there.
# Usage: scripts/package-function.sh [--libraries DIR]... BUILD_DIR NAME OUT_DIR
#   --libraries DIR  libraries built for the packages (scripts/build-libcurl.sh's or
#                    scripts/build-libssh2.sh's folder: the file, VERSION and copyright), loaded
#                    and bundled in place of the machine's library of the same name; may be repeated
#   BUILD_DIR        a release build folder holding the executable NAME
#   NAME             the function (or the TransferWorker)
#   OUT_DIR          where NAME.zip and NAME/ are written (NAME/ is replaced)
# Environment: BOOTSTRAP_CC (default: musl-gcc, from musl-tools) builds bootstrap statically against
# musl: 40 KB, where glibc's static libc.a makes it 0.7 MB.
set -euo pipefail

usage="usage: scripts/package-function.sh [--libraries DIR]... BUILD_DIR NAME OUT_DIR"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
own_libraries=""
while [ "${1:-}" = "--libraries" ]; do
  own_libraries=${own_libraries:+$own_libraries:}$(cd "${2:?--libraries needs a folder}" && pwd)
  shift 2
done
[ $# -eq 3 ] || { echo "$usage" >&2; exit 2; }
build_dir=$1 name=$2 out_dir=$3
root=$(cd "$(dirname "$0")/.." && pwd)
libraries_list=$root/Packaging/libraries.txt
bootstrap_cc=${BOOTSTRAP_CC:-musl-gcc}

fail() { echo "package-function: $name: $*" >&2; exit 1; }
# The Debian package and the reason Packaging/libraries.txt gives for the library file $1.
listed() { awk -v file="$1" '$1 == file { $1 = ""; sub(/^ +/, ""); print; exit }' "$libraries_list"; }

for tool in ldd strip zip "$bootstrap_cc" dpkg-query; do
  command -v "$tool" >/dev/null || fail "needs $tool on PATH (scripts/install-deps.sh installs what the project pins)"
done
binary=$build_dir/$name
[ -x "$binary" ] || fail "no executable $binary (build it with \`swift build -c release --product $name --static-swift-stdlib\`)"

case "$(uname -m)" in
  x86_64) loader_name=ld-linux-x86-64.so.2 ;;
  aarch64) loader_name=ld-linux-aarch64.so.1 ;;
  *) fail "no glibc loader name known for $(uname -m)" ;;
esac

# The loader's closure: "name => path (address)" lines, and the loader's own "path (address)"; the
# libraries of --libraries are found first, as the package's lib/ is found first when it runs.
closure=$(LD_LIBRARY_PATH=$own_libraries ldd "$binary") || fail "ldd cannot read $binary"
missing=$(awk '/=> not found/ { print $1 }' <<<"$closure")
if [ -n "$missing" ]; then
  for file in $missing; do
    entry=$(listed "$file")
    if [ -n "$entry" ]; then
      echo "package-function: $name: $binary needs $file, which is not on this machine: install ${entry%% *}" \
        "(scripts/install-deps.sh installs the pinned packages that bring it)" >&2
    else
      echo "package-function: $name: $binary needs $file, which is not on this machine and not in" \
        "Packaging/libraries.txt: install the Debian package that ships it and list it there" >&2
    fi
  done
  exit 1
fi
libraries=$(awk '$2 == "=>" && $3 ~ /^\// { print $1 " " $3 } $1 ~ /^\// && $1 ~ /ld-linux/ { print "'"$loader_name"' " $1 }' <<<"$closure")

package=$out_dir/$name
rm -rf "$package" "$out_dir/$name.zip"
mkdir -p "$package/bin" "$package/lib" "$package/etc" "$package/licenses"
out_dir=$(cd "$out_dir" && pwd) package=$out_dir/$name

install -m 755 "$binary" "$package/bin/$name"
strip --strip-all "$package/bin/$name"
"$bootstrap_cc" -static -Os -s -Wall -Wextra -DPROGRAM="\"$name\"" -DLOADER="\"$loader_name\"" \
  -o "$package/bootstrap" "$root/Packaging/bootstrap.c" \
  || fail "cannot build bootstrap with $bootstrap_cc -static (install musl-tools)"

{
  echo "$name: a self-contained package for provided.al2023 ($(uname -m)); it loads nothing from outside itself."
  echo "bootstrap starts bin/$name as: lib/$loader_name --library-path lib --inhibit-cache bin/$name"
  echo
  printf '%-32s %-18s %-28s %s\n' file "Debian package" version why
  printf '%-32s %-18s %-28s %s\n' bootstrap musl-dev "$(dpkg-query -W -f='${Version}' musl-dev 2>/dev/null || echo '?')" \
    "Packaging/bootstrap.c, linked statically against musl"
  printf '%-32s %-18s %-28s %s\n' "bin/$name" - - "the function, release build, static Swift standard library, C++ runtime and unwinder (GCC's libstdc++ and libgcc, under licenses/libgcc-s1)"
} >"$package/PACKAGE.txt"

debian_packages=(musl-dev libgcc-s1)
while read -r file path; do
  entry=$(listed "$file")
  [ -n "$entry" ] || fail "$binary loads $file ($path), which Packaging/libraries.txt does not list: add it with its Debian package and why it is loaded"
  debian_package=${entry%% *} why=${entry#* }
  why=${why#"${why%%[! ]*}"}
  install -m 755 "$path" "$package/lib/$file"
  folder=$(dirname "$path")
  if [ -n "$own_libraries" ] && [[ ":$own_libraries:" == *":$folder:"* ]]; then
    version="$(cat "$folder/VERSION") (source)"
    install -m 644 "$folder/copyright" "$package/licenses/$debian_package"
  else
    version=$(dpkg-query -W -f='${Version}' "$debian_package" 2>/dev/null) || version="?"
    debian_packages+=("$debian_package")
  fi
  printf '%-32s %-18s %-28s %s\n' "lib/$file" "$debian_package" "$version" "$why" >>"$package/PACKAGE.txt"
done <<<"$libraries"

ca_bundle=/etc/ssl/certs/ca-certificates.crt
[ -f "$ca_bundle" ] || fail "no $ca_bundle: install ca-certificates"
install -m 644 "$ca_bundle" "$package/etc/ca-certificates.crt"
printf '%-32s %-18s %-28s %s\n' etc/ca-certificates.crt ca-certificates "$(dpkg-query -W -f='${Version}' ca-certificates)" \
  "the CAs TLS trusts: libcurl, built with Debian's CA locations, looks at /etc/ssl/certs, which the package cannot rely on" >>"$package/PACKAGE.txt"
debian_packages+=(ca-certificates)

for debian_package in $(printf '%s\n' "${debian_packages[@]}" | sort -u); do
  copyright=/usr/share/doc/$debian_package/copyright
  [ -f "$copyright" ] || fail "no $copyright to ship with $debian_package's files"
  install -m 644 "$copyright" "$package/licenses/$debian_package"
done

# Fixed times and a sorted file list, so the same inputs make the same zip (sam deploy uploads a
# package again only when its hash changes).
find "$package" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +
(cd "$package" && find . -mindepth 1 | LC_ALL=C sort | zip -q -X -9 -@ "$out_dir/$name.zip")
echo "$out_dir/$name.zip"
