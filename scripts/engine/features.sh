#!/usr/bin/env bash
# The optional features through the real engine, offline: each switch flipped in a copy of the
# stack's Pulumi.<stack>.yaml, `pulumi preview` with the policy pack. A variant the README says fits
# the stack's cap must pass; one it says does not fit must be stopped by gcp-budget-caps (and only
# by it). The "off" side of each switch is the stack's own preview (scripts/engine/check.sh).
# Everything runs in a temporary directory; the repository is not modified.
# Usage: bash scripts/engine/features.sh [variant ...]   Last line: "features: N passed, N failed".
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
eval "$(scripts/engine/provide.sh)" || { echo "features: 0 passed, 1 failed"; exit 1; }
export PATH="$PATH_PREFIX:$PATH"
work="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-features.XXXXXX")"
trap '[ -n "${MINDMIRROR_KEEP:-}" ] || rm -rf "$work"' EXIT
export PULUMI_HOME="$work/home" PULUMI_CONFIG_PASSPHRASE=features-check PULUMI_SKIP_UPDATE_CHECK=true \
       PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_GCP_SKIP_REGION_VALIDATION=true
mkdir -p "$work/home"

# name | stack | expected (pass / budget) | config keys to set, as JSON
VARIANTS=(
  'documents-off|production|pass|{"mindmirror:documents":{"enabled":false}}'
  'warm-all|production|budget|{"mindmirror:warmInstances":{"services":["agent","journal","habits","meals","movements","practices","users","gateway","web"]}}'
  'off-hours|production|pass|{"mindmirror:warmInstances":{"services":["gateway"],"offHours":{}}}'
  'redis-on|production|budget|{"mindmirror:redis":{"enabled":true}}'
  'login-on|production|pass|{"mindmirror:login":{"enabled":true,"members":["group:mindmirror-team@mindmirror.app"]}}'
  'login-off|staging|pass|{"mindmirror:login":{"enabled":false}}'
  'operator-access|production|pass|{"mindmirror:operatorAccess":{"enabled":true,"members":["group:platform-operators@mindmirror.app"]}}'
  'operator-access|staging|budget|{"mindmirror:operatorAccess":{"enabled":true,"members":["group:platform-operators@mindmirror.app"]}}'
  'edge|production|budget|{"mindmirror:edge":{"enabled":true,"domain":"mindmirror.app"}}'
  'edge-without-warm-gateway|production|budget|{"mindmirror:edge":{"enabled":true,"domain":"mindmirror.app"},"mindmirror:warmInstances":{"services":[]}}'
)

mkdir -p "$work/app"
for f in Pulumi.yaml Pulumi.staging.yaml Pulumi.production.yaml index.ts program.ts tsconfig.json package.json; do cp "$f" "$work/app/"; done
for d in catalog components stack policy-pack; do cp -r "$d" "$work/app/$d"; done
rm -rf "$work/app/policy-pack/node_modules"
ln -s "$repo/node_modules" "$work/app/node_modules"

passed=0; failed=0
for variant in "${VARIANTS[@]}"; do
  IFS='|' read -r name stack expect keys <<< "$variant"
  if [ "$#" -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  dir="$work/$name-$stack"
  mkdir -p "$dir/state"
  # The stack file with the variant's keys replaced (js-yaml from the repository's dev dependencies).
  node -e '
    const yaml = require(process.argv[1] + "/node_modules/js-yaml");
    const fs = require("fs");
    const doc = yaml.load(fs.readFileSync(process.argv[2], "utf8"));
    Object.assign(doc.config, JSON.parse(process.argv[3]));
    fs.writeFileSync(process.argv[4], yaml.dump(doc));
  ' "$repo" "Pulumi.$stack.yaml" "$keys" "$dir/Pulumi.$stack.yaml"
  start=$SECONDS
  (
    cd "$work/app"
    export PULUMI_BACKEND_URL="file://$dir/state"
    pulumi stack init "$stack" --secrets-provider passphrase --non-interactive >/dev/null 2>&1
    grep '^encryptionsalt:' "Pulumi.$stack.yaml" >> "$dir/Pulumi.$stack.yaml" 2>/dev/null
    pulumi preview --stack "$stack" --config-file "$dir/Pulumi.$stack.yaml" --non-interactive \
      --policy-pack "$repo/policy-pack" --policy-pack-config "$repo/policy-pack/config/$stack.json" > "$dir/preview.log" 2>&1
  ); rc=$?
  seconds=$((SECONDS - start))
  estimate="$(grep -o 'estimated baseline cost is [0-9.]* USD a month, over [0-9.]*' "$dir/preview.log" | head -1)"
  ok=1
  if [ "$expect" = pass ]; then
    # As in check.sh: values unknown at preview are advisories (⚠️); a pass is no mandatory violation.
    [ "$rc" = 0 ] && grep -qE "(✅|⚠️) mindmirror-gcp-platform" "$dir/preview.log" && ! grep -qE '^ +- \[mandatory\]' "$dir/preview.log" && ok=0
  else
    # Stopped, by the budget policy, and by nothing else that is mandatory.
    if [ "$rc" != 0 ] && grep -q "gcp-budget-caps" "$dir/preview.log"; then
      others="$(grep '^ *- \[mandatory\]' "$dir/preview.log" | grep -v gcp-budget-caps || true)"
      [ -z "$others" ] && ok=0
    fi
  fi
  if [ "$ok" = 0 ]; then passed=$((passed + 1)); echo "ok   $name ($stack): $expect (${seconds}s) $estimate"
  else failed=$((failed + 1)); echo "FAIL $name ($stack): expected $expect (${seconds}s)"; tail -30 "$dir/preview.log"; fi
  rm -rf "$dir/state"
  (cd "$work/app" && git checkout -q -- "Pulumi.$stack.yaml" 2>/dev/null || cp "$repo/Pulumi.$stack.yaml" "Pulumi.$stack.yaml")
done

echo "features: $passed passed, $failed failed"
[ "$failed" = 0 ]
