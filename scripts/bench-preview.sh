#!/usr/bin/env bash
# Preview timings on the offline engine: scripts/bench-preview.sh [stack] [runs]
# Medians of <runs> (default 3) `scripts/preview.sh <stack>` (transpile-only program) without the
# policy pack, with the compiled pack (.pack, what previews use) and with the TypeScript pack
# (policy-pack/, which the SDK type-checks on every start), round-robin; one warm-up run first. Prints a
# Markdown table (README, Performance). Uses its own state directory; the repository is untouched.
set -euo pipefail
stack="${1:-staging}"; runs="${2:-3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
. scripts/node-env.sh
compiled="$(bash scripts/pack.sh)"
state="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-bench-preview.XXXXXX")"
trap 'rm -rf "$state"' EXIT
export MINDMIRROR_STATE_DIR="$state"

time_one() { # time_one <pack dir|none>: seconds with two decimals
  local start end
  start="$(date +%s.%N)"
  if [ "$1" = none ]; then
    # preview.sh without a pack: same program, same engine, no --policy-pack.
    MINDMIRROR_PACK_DIR="" MINDMIRROR_NO_PACK=1 bash scripts/preview.sh "$stack" >/dev/null 2>&1
  else
    MINDMIRROR_PACK_DIR="$1" bash scripts/preview.sh "$stack" >/dev/null 2>&1
  fi
  end="$(date +%s.%N)"
  node -e 'console.log((process.argv[2] - process.argv[1]).toFixed(2))' "$start" "$end"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_one "$compiled" >/dev/null   # warm-up: stack init, file caches
# Round-robin, so a change in the machine's load touches every variant alike.
declare -A med samples
for _ in $(seq "$runs"); do
  for variant in none "$compiled" policy-pack; do samples[$variant]="${samples[$variant]:-} $(time_one "$variant")"; done
done
for variant in none "$compiled" policy-pack; do
  # shellcheck disable=SC2086 # the samples are numbers separated by spaces
  med[$variant]="$(median ${samples[$variant]})"
  echo "bench-preview: $variant:${samples[$variant]} (median ${med[$variant]} s)" >&2
done
pct() { node -e 'console.log(((process.argv[2] / process.argv[1] - 1) * 100).toFixed(0))' "$1" "$2"; }
echo "| $stack preview (transpile-only program), median of $runs | seconds | pack adds |"
echo "|---|---:|---:|"
echo "| without the pack | ${med[none]} | |"
echo "| with the compiled pack (\`.pack\`, what previews and the workflows use) | ${med[$compiled]} | +$(pct "${med[none]}" "${med[$compiled]}") % |"
echo "| with the TypeScript pack (\`policy-pack/\`, type-checked by the SDK on every start) | ${med[policy-pack]} | +$(pct "${med[none]}" "${med[policy-pack]}") % |"
