# Sourced by scripts/build-libcurl.sh and scripts/build-libssh2.sh: one Debian source package,
# fetched and unpacked with Debian's patch series applied. The caller defines fail().
#
# debian_source PACKAGE VERSION SUITE WORK BUILD [SKIPPED_PATCH...]
#   Fetches PACKAGE=VERSION's source from SUITE (bookworm, trixie, with its -updates and -security)
#   into WORK/source once, through apt with a source list of its own under WORK/apt, so the
#   machine's apt configuration is left as it is (apt checks the files against the signed index).
#   Then unpacks it into BUILD (emptied first) and applies debian/patches/series, less the patches
#   whose names contain a SKIPPED_PATCH.
debian_source() {
  local package=$1 version=$2 suite=$3 work=$4 build=$5
  shift 5
  local apt_dir=$work/apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$work/source"
  cat >"$apt_dir/sources.list" <<SOURCES
deb-src http://deb.debian.org/debian $suite main
deb-src http://deb.debian.org/debian $suite-updates main
deb-src http://deb.debian.org/debian-security $suite-security main
SOURCES
  local apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/none"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root")
  if [ ! -f "$work/source/${package}_$version.dsc" ]; then
    echo "fetching Debian's $package $version source" >&2
    apt-get -qq "${apt_options[@]}" update >&2 || fail "apt-get could not read Debian's source index"
    (cd "$work/source" && apt-get -qq "${apt_options[@]}" source --download-only "$package=$version" >&2) \
      || fail "apt-get could not fetch $package $version's source: if the archive no longer has it, pin the version it has (\`apt-get source --print-uris\`) in deps/debian-sources.txt"
  fi
  rm -rf "$build"
  mkdir -p "$build"
  tar -xzf "$work/source/${package}_${version%%-*}.orig.tar.gz" -C "$build" --strip-components=1
  tar -xJf "$work/source/${package}_$version.debian.tar.xz" -C "$build"
  local skipped=(-e '^[[:space:]]*$') name patch
  for name in "$@"; do skipped+=(-e "$name"); done
  for patch in $(sed -e 's/#.*//' "$build/debian/patches/series" | grep -v "${skipped[@]}"); do
    patch -d "$build" -p1 -s --no-backup-if-mismatch <"$build/debian/patches/$patch" || fail "Debian's patch $patch does not apply"
  done
}
