#!/usr/bin/env bash
# Prints, per deployable binary, what it costs to ship and start: stripped size, the shared
# libraries it names itself (NEEDED) and all it loads (ldd), and for the Lambda functions the
# median (and fastest) time from exec to the first /next over several cold starts, as the emulator
# measures it (its REPORT line's Init Duration); then the load average over the run.
# With --packages, per package of `make package` instead: zip size, unpacked size, libraries
# bundled, and the median (fastest) exec to first /next of the unpacked package run as it is on this machine
# (its bootstrap as the code folder's, --code-dir) and in its empty root (--packages, which adds
# package-root's own start) with its peak memory there, beside the build folder's binary on this
# machine's libraries; Echo's package too when it is there (`scripts/package.sh Echo` makes it), and
# the worker's sizes.
# Usage: scripts/function-footprint.sh [--packages PACKAGES_DIR] BUILD_DIR [EMULATOR]
#   PACKAGES_DIR  holds NAME.zip for each function (make package)
#   BUILD_DIR     a release build folder holding the function executables
#   EMULATOR      the emulator executable (default: BUILD_DIR/emulator); with --packages,
#                 package-root must be beside it
# Environment: STARTS, the cold starts per median (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

packages=""
case "${1:-}" in
  -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --packages) packages=${2:?--packages needs a folder}; shift 2 ;;
esac
build_dir=${1:?usage: scripts/function-footprint.sh [--packages PACKAGES_DIR] BUILD_DIR [EMULATOR]}
emulator=${2:-$build_dir/emulator}
starts=${STARTS:-7}
functions=(ListObjects TransferObject ValidateTransfer GenerateReport Router ConfigService StatusService)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"; echo; echo "load average (1, 5, 15 min) at the end: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT

# The REPORT lines of $starts cold starts of function $1 from template $2; further arguments go to
# the emulator (--packages, --code-dir).
reports() {
  local name=$1 template=$2
  shift 2
  for _ in $(seq "$starts"); do
    echo '{}' | AWS_ACCESS_KEY_ID=footprint AWS_SECRET_ACCESS_KEY=footprint \
      "$emulator" invoke "$name" --event - --template "$template" --build-dir "$build_dir" \
      --endpoint-url http://127.0.0.1:9 "$@" 2>&1 >/dev/null | grep 'REPORT RequestId' || true
  done
}

# The median of the REPORT field $1 ("Init Duration", "Max Memory Used") over the lines on stdin.
median_of() {
  sed -n "s/.*$1: \([0-9.]*\) .*/\1/p" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}'
}

# "median (fastest)" of the Init Durations on stdin.
median_fastest() { sed -n "s/.*Init Duration: \([0-9.]*\) .*/\1/p" | median_lowest; }

# The median (and fastest) exec to first /next of function $1 from template $2 (arguments as for reports).
first_next() { reports "$@" | median_fastest; }

row() {
  local name=$1 template=$2 binary=$build_dir/$1
  cp "$binary" "$scratch/$name" && strip "$scratch/$name"
  local size needed loaded startup=-
  size=$(awk -v b="$(stat -c %s "$scratch/$name")" 'BEGIN {printf "%.1f MB", b / 1e6}')
  needed=$(readelf -d "$binary" | grep -c NEEDED)
  loaded=$(ldd "$binary" | wc -l)
  [ -n "$template" ] && startup="$(first_next "$name" "$template") ms"
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$size" "$needed" "$loaded" "$startup"
}

megabytes() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }

# One package: zip, unpacked, libraries, the three start-up medians and, in its empty root, the
# median peak memory; a package with no template ($2 empty: the worker) gets its sizes only.
package_row() {
  local name=$1 template=$2 zip=$packages/$1.zip
  [ -f "$zip" ] || { echo "function-footprint: no $zip (make package)" >&2; exit 1; }
  mkdir -p "$scratch/packages/$name"
  unzip -q -o "$zip" -d "$scratch/packages/$name"
  local sizes in_root
  sizes="$(megabytes "$(stat -c %s "$zip")") | $(megabytes "$(du -sb "$scratch/packages/$name" | cut -f1)") | $(find "$scratch/packages/$name/lib" -type f | wc -l)"
  if [ -z "$template" ]; then
    printf '| %s | %s | | | | |\n' "$name" "$sizes"
    return
  fi
  in_root=$(reports "$name" "$template" --packages "$scratch/packages")
  printf '| %s | %s | %s ms | %s ms | %s MB | %s ms |\n' "$name" "$sizes" \
    "$(first_next "$name" "$template" --code-dir "$name=$scratch/packages/$name")" \
    "$(median_fastest <<<"$in_root")" "$(median_of "Max Memory Used" <<<"$in_root")" \
    "$(first_next "$name" "$template")"
}

if [ -n "$packages" ]; then
  command -v unzip >/dev/null || { echo "function-footprint: needs unzip (scripts/install-deps.sh --package)" >&2; exit 1; }
  echo "Exec to first /next: median (fastest) of $starts cold starts."
  echo
  echo "| function | zip | unpacked | libraries | first /next: package on this machine | in its empty root | peak memory there | build folder's binary, this machine's libraries |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  for function in "${functions[@]}"; do package_row "$function" template.yaml; done
  if [ -f "$packages/Echo.zip" ]; then package_row Echo Benchmarks/template.yaml; fi
  if [ -f "$packages/TransferWorker.zip" ]; then package_row TransferWorker ""; fi
  exit 0
fi

echo "| binary | stripped | NEEDED | ldd | exec to first /next, median (fastest) of $starts |"
echo "| --- | --- | --- | --- | --- |"
for function in "${functions[@]}"; do row "$function" template.yaml; done
if [ -x "$build_dir/Echo" ]; then row Echo Benchmarks/template.yaml; fi
if [ -x "$build_dir/TransferWorker" ]; then row TransferWorker ""; fi
