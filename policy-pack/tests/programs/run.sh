#!/usr/bin/env bash
# Public programs through the real engine with the policy pack (CI runs this from .ci/run).
# Each directory here declares, in our own code, what a public Pulumi program on Google Cloud
# declares (its README names the source). Each is previewed offline with the pack and no pack
# config (the defaults an outside program meets); the findings, one line per diagnostic
# "<level> <policy> <resource>", must equal the directory's expected.txt. The largest program is
# also previewed without the pack, and both times printed.
# Last line: "programs: N passed, N failed".
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$repo"
eval "$(scripts/engine/provide.sh)" || { echo "programs: 0 passed, 1 failed"; exit 1; }
export PATH="$PATH_PREFIX:$PATH"
work="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-programs.XXXXXX")"
trap '[ -n "${MINDMIRROR_KEEP:-}" ] || rm -rf "$work"' EXIT
export PULUMI_HOME="$work/home" PULUMI_BACKEND_URL="file://$work/state" PULUMI_CONFIG_PASSPHRASE=programs \
       PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_GCP_SKIP_REGION_VALIDATION=true
mkdir -p "$work/home" "$work/state"

# findings <log>: "<level> <policy> <resource>" per policy diagnostic, sorted.
findings() {
  sed -nE 's/^ +- \[(mandatory|advisory)\] \[severity: [a-z]+\] +([a-z0-9-]+) +\([^:]+:[^:]+:[^:]+: (.*)\)$/\1 \2 \3/p' "$1" | sort
}

passed=0; failed=0; largest=""; largest_count=0
for dir in "$here"/*/; do
  name="$(basename "$dir")"
  mkdir -p "$work/$name"
  (cd "$dir" && tar --exclude=node_modules -cf - .) | (cd "$work/$name" && tar -xf -)
  ln -s "$repo/node_modules" "$work/$name/node_modules"
  start=$SECONDS
  (
    cd "$work/$name" &&
    pulumi stack init test --secrets-provider passphrase --non-interactive > "$work/$name.log" 2>&1 &&
    pulumi preview --stack test --non-interactive --policy-pack "$repo/policy-pack" >> "$work/$name.log" 2>&1
  )
  seconds=$((SECONDS - start))
  findings "$work/$name.log" > "$work/$name.found"
  count="$(grep -cE '^ +[+~-] +[a-z]+:' "$work/$name.log")"
  if [ "$count" -gt "$largest_count" ]; then largest="$name"; largest_count="$count"; fi
  if diff -u "$dir/expected.txt" "$work/$name.found" > "$work/$name.diff"; then
    passed=$((passed + 1)); echo "ok   $name: $(wc -l < "$work/$name.found") findings as expected (${seconds}s)"
  else
    failed=$((failed + 1)); echo "FAIL $name (${seconds}s): findings differ from expected.txt"; cat "$work/$name.diff"
    grep -q "Policies:" "$work/$name.log" || tail -20 "$work/$name.log"
  fi
done

if [ -n "$largest" ]; then
  (
    cd "$work/$largest" &&
    start=$(date +%s%N); pulumi preview --stack test --non-interactive > /dev/null 2>&1; without=$(( ($(date +%s%N) - start) / 1000000 ))
    start=$(date +%s%N); pulumi preview --stack test --non-interactive --policy-pack "$repo/policy-pack" > /dev/null 2>&1; with=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "largest program, $largest ($largest_count resources): preview ${without} ms without the pack, ${with} ms with it"
  )
fi
echo "programs: $passed passed, $failed failed"
[ "$failed" = 0 ]
