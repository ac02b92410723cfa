#!/usr/bin/env bash
# Builds the TransferWorker's OCI image from Packaging/TransferWorker.Containerfile with buildah (no
# Docker daemon), saves it as an OCI archive, prints its size, and runs it once until its first
# log line: the worker is started as the Containerfile's entry point, as ECS would, with the
# template's variables pointing at a closed AWS endpoint, and stopped with SIGTERM.
# Usage: scripts/worker-image.sh PACKAGES_DIR [OUT]
#   PACKAGES_DIR  holds TransferWorker/, the unpacked package (make package)
#   OUT           the OCI archive to write (default: PACKAGES_DIR/transfer-worker.oci.tar)
# Environment: BUILDAH (default: buildah), IMAGE (default: localhost/transfer-worker:latest).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
packages=${1:?usage: scripts/worker-image.sh PACKAGES_DIR [OUT]}
out=${2:-$packages/transfer-worker.oci.tar}
buildah=${BUILDAH:-buildah}
image=${IMAGE:-localhost/transfer-worker:latest}
command -v "$buildah" >/dev/null || { echo "worker-image: needs buildah (scripts/install-deps.sh --image)" >&2; exit 1; }
[ -x "$packages/TransferWorker/bootstrap" ] \
  || { echo "worker-image: no $packages/TransferWorker/bootstrap (make package)" >&2; exit 1; }

"$buildah" build --quiet --isolation chroot -f Packaging/TransferWorker.Containerfile -t "$image" "$packages" >/dev/null
rm -f "$out"
"$buildah" push --quiet "$image" "oci-archive:$out"
unpacked=$("$buildah" images --format '{{.Size}}' "$image" | head -1)
awk -v b="$(stat -c %s "$out")" -v o="$out" -v u="$unpacked" \
  'BEGIN { printf "%s: the image is %s unpacked, %.1f MB as pushed (one gzip layer, OCI archive)\n", "'"$image"'", u, b / 1e6 }'
echo "saved as $out"

container=$("$buildah" from --quiet "$image")
trap '"$buildah" rm "$container" >/dev/null' EXIT
log=$(mktemp)
# buildah run does not apply the entry point: start it by hand, as the image's user.
timeout -s TERM 5 "$buildah" run --isolation chroot --user 65534:65534 \
  --env WORK_QUEUE_URL=http://127.0.0.1:9/123456789012/work.fifo --env JOB_TABLE=jobs --env STAGING_BUCKET=staging \
  --env RECEIVE_WAIT_SECONDS=1 --env AWS_ENDPOINT_URL=http://127.0.0.1:9 --env AWS_REGION=us-east-1 \
  --env AWS_ACCESS_KEY_ID=image --env AWS_SECRET_ACCESS_KEY=image \
  "$container" -- /app/bootstrap >"$log" 2>&1 || true
first=$(head -1 "$log")
rm -f "$log"
case "$first" in
  *worker.started*) echo "ran the image: its first log line: $first" ;;
  *) echo "worker-image: the image did not log worker.started first: ${first:-(no output)}" >&2; exit 1 ;;
esac
