#!/usr/bin/env bash
# Prints, per deployable binary, what it costs to ship and start: stripped size, the shared
# libraries it names itself (NEEDED) and all it loads (ldd), and for the Lambda functions the
# median time from exec to the first /next over several cold starts, as the emulator measures it
# (its REPORT line's Init Duration).
# Usage: scripts/function-footprint.sh BUILD_DIR [EMULATOR]
#   BUILD_DIR  a release build folder holding the function executables
#   EMULATOR   the emulator executable (default: BUILD_DIR/emulator)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:?usage: scripts/function-footprint.sh BUILD_DIR [EMULATOR]}
emulator=${2:-$build_dir/emulator}
starts=${STARTS:-7}
functions=(ListObjects TransferObject ValidateTransfer GenerateReport)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The median of the Init Duration over $starts cold starts of function $1 from template $2.
first_next() {
  local samples=()
  for _ in $(seq "$starts"); do
    samples+=("$(echo '{}' | AWS_ACCESS_KEY_ID=footprint AWS_SECRET_ACCESS_KEY=footprint \
      "$emulator" invoke "$1" --event - --template "$2" --build-dir "$build_dir" \
      --endpoint-url http://127.0.0.1:9 2>&1 >/dev/null | sed -n 's/.*Init Duration: \([0-9.]*\) ms.*/\1/p')")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "-")}'
}

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

echo "| binary | stripped | NEEDED | ldd | exec to first /next (median of $starts) |"
echo "| --- | --- | --- | --- | --- |"
for function in "${functions[@]}"; do row "$function" template.yaml; done
if [ -x "$build_dir/Echo" ]; then row Echo Benchmarks/template.yaml; fi
if [ -x "$build_dir/TransferWorker" ]; then row TransferWorker ""; fi
