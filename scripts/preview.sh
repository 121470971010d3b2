#!/usr/bin/env bash
# npm run preview -- <staging|production> [more pulumi preview flags]
#
# Offline (default): installs node modules if missing, provides the Pulumi engine from its Go
# modules (scripts/engine/provide.sh, cached outside the repo), logs into a file backend inside the
# project (.pulumi-state/), creates the stack with a passphrase secrets provider, and runs
#   pulumi preview --stack <stack> --policy-pack .pack --policy-pack-config policy-pack/config/<stack>.json
# where .pack is policy-pack/ compiled to JavaScript (scripts/pack.sh, rebuilt when the pack
# changes), and the program runs transpile-only: `npm test` type-checks both, so a preview does not
# pay for it again (PULUMI_NODEJS_TRANSPILE_ONLY=false and MINDMIRROR_PACK_DIR=policy-pack restore
# the type-checking engine path).
# with stand-in providers (no cloud account). The passphrase's salt stays in .pulumi-state/, so the
# tracked Pulumi.<stack>.yaml is never modified.
#
# Real (MINDMIRROR_ENGINE=real): uses the `pulumi` on PATH, the backend you are logged into, your
# Google credentials and the real providers; the stack must exist (see README, Deploying for real).
set -euo pipefail

stack="${1:-staging}"
shift || true
case "$stack" in staging|production) ;; *) echo "usage: npm run preview -- <staging|production> [pulumi flags]" >&2; exit 2 ;; esac

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
pack_config="policy-pack/config/$stack.json"
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"

if [ ! -d node_modules/@pulumi/pulumi ]; then
  echo "preview: installing node modules (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
# The project's Node (.node-version) first on PATH: the program and the pack run under it.
. scripts/node-env.sh
pack="${MINDMIRROR_PACK_DIR:-$(bash scripts/pack.sh)}"

if [ "${MINDMIRROR_ENGINE:-offline}" = "real" ]; then
  exec pulumi preview --stack "$stack" --policy-pack "$pack" --policy-pack-config "$pack_config" --non-interactive "$@"
fi

eval "$(scripts/engine/provide.sh)"
export PATH="$PATH_PREFIX:$PATH"
state="${MINDMIRROR_STATE_DIR:-$repo/.pulumi-state}"
mkdir -p "$state/config" "$state/home"
export PULUMI_HOME="$state/home"
export PULUMI_BACKEND_URL="file://$state"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-mindmirror-offline-preview}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_GCP_SKIP_REGION_VALIDATION=true

# The stack's config, plus the salt of this local state's passphrase, in a file outside git.
salt_file="$state/config/$stack.salt"
if ! pulumi stack select "$stack" --non-interactive >/dev/null 2>&1; then
  before="$(grep -c '^encryptionsalt:' "Pulumi.$stack.yaml" || true)"
  pulumi stack init "$stack" --secrets-provider passphrase --non-interactive >&2
  if [ "$before" = "0" ]; then
    grep '^encryptionsalt:' "Pulumi.$stack.yaml" > "$salt_file"
    sed -i '/^encryptionsalt:/d' "Pulumi.$stack.yaml"
  fi
fi
config_file="$state/config/Pulumi.$stack.yaml"
{ grep -v '^encryptionsalt:' "Pulumi.$stack.yaml"; cat "$salt_file" 2>/dev/null || true; } > "$config_file"

pack_flags=(--policy-pack "$pack" --policy-pack-config "$pack_config")
[ -z "${MINDMIRROR_NO_PACK:-}" ] || pack_flags=()   # scripts/bench-preview.sh: the program alone
exec pulumi preview --stack "$stack" --config-file "$config_file" "${pack_flags[@]}" --non-interactive "$@"
