#!/usr/bin/env bash
# The real engine, offline: what unit tests under mocks cannot prove.
#   1-2. `npm run preview` of staging and production with the policy pack: both pass.
#   3.   A deliberately non-compliant program (tests/engine/bad-program) is stopped, and the
#        engine's output names each core policy.
#   4.   URN stability: `pulumi up` of staging, then the same program with the catalog reordered
#        previews with --expect-no-changes.
#   5.   `pulumi stack export` of that state holds no generated secret in plain text.
#   6.   The bootstrap (bootstrap/: stacks mindmirror-ci, mindmirror-staging, mindmirror-prod) is
#        previewed and goes up into a local backend with the stand-in gcp and github providers, and the exported
#        state of all three plus staging's holds no principalSet, no workloadIdentityUser binding but
#        to one exact subject, a provider pinning repository_id, and no unconditioned self-escalating
#        project grant (scripts/check-ci-access.ts).
# Everything runs in a temporary directory (state, copies); the repository is not modified.
# Last line: "engine: N passed, N failed".
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/node-env.sh || { echo "engine: 0 passed, 1 failed"; exit 1; }
eval "$(scripts/engine/provide.sh)" || { echo "engine: 0 passed, 1 failed"; exit 1; }
export PATH="$PATH_PREFIX:$PATH"
work="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-engine-check.XXXXXX")"
trap '[ -n "${MINDMIRROR_KEEP:-}" ] || rm -rf "$work"' EXIT
export MINDMIRROR_STATE_DIR="$work/state"
export PULUMI_HOME="$work/state/home" PULUMI_CONFIG_PASSPHRASE=engine-check PULUMI_SKIP_UPDATE_CHECK=true \
       PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_GCP_SKIP_REGION_VALIDATION=true
mkdir -p "$work/state/home"

passed=0; failed=0
result() { # result <name> <seconds> <ok?>
  if [ "$3" = 0 ]; then passed=$((passed + 1)); echo "ok   $1 (${2}s)"; else failed=$((failed + 1)); echo "FAIL $1 (${2}s)"; fi
}
timed() { local start=$SECONDS; "$@"; local rc=$?; echo $((SECONDS - start)) > "$work/seconds"; return $rc; }

# 1-2. The README's main command for both stacks.
for stack in staging production; do
  timed scripts/preview.sh "$stack" > "$work/preview-$stack.log" 2>&1
  rc=$?
  # Values unknown at preview (outputs of resources being created, as with the real providers)
  # defer some checks to `up` as advisories; the stack passes when no mandatory violation remains.
  grep -qE "(✅|⚠️) mindmirror-gcp-platform" "$work/preview-$stack.log" || rc=1
  grep -qE '^ +- \[mandatory\]' "$work/preview-$stack.log" && rc=1
  [ "$rc" = 0 ] || tail -40 "$work/preview-$stack.log"
  result "preview $stack with the policy pack passes" "$(cat "$work/seconds")" "$rc"
done

# A project copy that runs from $work with the repository's node_modules.
copy_project() { # copy_project <from> <to>
  mkdir -p "$2"
  (cd "$1" && tar --exclude=node_modules --exclude=.pulumi-state -cf - .) | (cd "$2" && tar -xf -)
  ln -s "$repo/node_modules" "$2/node_modules"
}
export PULUMI_BACKEND_URL="file://$work/state"

# 3. The bad program is stopped by each core policy.
copy_project tests/engine/bad-program "$work/bad"
(
  cd "$work/bad"
  pulumi stack init staging --secrets-provider passphrase --non-interactive >/dev/null 2>&1
  timed pulumi preview --stack staging --non-interactive \
    --policy-pack "$repo/policy-pack" --policy-pack-config "$repo/policy-pack/config/staging.json" > "$work/bad.log" 2>&1
) ; rc=$?
ok=0
[ "$rc" != 0 ] || { echo "the bad program's preview succeeded"; ok=1; }
for policy in gcp-cloudrun-internal-ingress gcp-no-plaintext-secrets gcp-budget-caps; do
  grep -q "$policy" "$work/bad.log" || { echo "the engine's output does not name $policy"; ok=1; }
done
grep -q "hunter2" "$work/bad.log" && { echo "a violation printed the secret value"; ok=1; }
[ "$ok" = 0 ] || tail -40 "$work/bad.log"
result "bad program stopped, naming each core policy" "$(cat "$work/seconds")" "$ok"

# 4. URN stability through the engine.
mkdir -p "$work/app"
for f in Pulumi.yaml Pulumi.staging.yaml index.ts program.ts tsconfig.json package.json; do cp "$f" "$work/app/"; done
for d in catalog components stack policy-pack; do cp -r "$d" "$work/app/$d"; done
rm -rf "$work/app/policy-pack/node_modules"
ln -s "$repo/node_modules" "$work/app/node_modules"
(
  cd "$work/app"
  export PULUMI_BACKEND_URL="file://$work/state-app"
  mkdir -p "$work/state-app"
  pulumi stack init staging --secrets-provider passphrase --non-interactive >/dev/null &&
  timed pulumi up --stack staging --yes --skip-preview --non-interactive \
    --policy-pack "$repo/policy-pack" --policy-pack-config "$repo/policy-pack/config/staging.json" > "$work/up.log" 2>&1
) ; rc=$?
[ "$rc" = 0 ] || tail -40 "$work/up.log"
result "pulumi up staging into the local backend" "$(cat "$work/seconds")" "$rc"

cat > "$work/app/index.ts" <<'TS'
// The same program with every catalog map in reverse order: nothing may change.
import { catalog } from "./catalog/catalog";
import { AnyCatalog } from "./catalog/types";
import { runProgram } from "./program";

const reversed = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).reverse());
const source = catalog as AnyCatalog;
export = runProgram({ ...source, services: reversed(source.services), databases: reversed(source.databases), secrets: reversed(source.secrets) });
TS
(
  cd "$work/app"
  export PULUMI_BACKEND_URL="file://$work/state-app"
  timed pulumi preview --stack staging --expect-no-changes --non-interactive > "$work/reordered.log" 2>&1
) ; rc=$?
[ "$rc" = 0 ] || tail -40 "$work/reordered.log"
result "reordered catalog: preview --expect-no-changes" "$(cat "$work/seconds")" "$rc"

# 5. No generated secret in plain text in the exported state.
(
  cd "$work/app"
  export PULUMI_BACKEND_URL="file://$work/state-app"
  start=$SECONDS
  pulumi stack export --stack staging > "$work/export.json" &&
  pulumi stack export --stack staging --show-secrets > "$work/export-shown.json" &&
  node -e '
    const [plain, shown] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
    const secrets = shown.deployment.resources
      .filter((r) => r.type === "random:index/randomPassword:RandomPassword")
      // --show-secrets keeps the secret envelope and puts the JSON-encoded value in "plaintext".
      .map((r) => r.outputs.result)
      .map((v) => (v && typeof v === "object" && "plaintext" in v ? JSON.parse(v.plaintext) : v));
    if (secrets.length === 0 || secrets.some((s) => typeof s !== "string" || s.length < 16)) { console.error("no generated passwords found"); process.exit(1); }
    const text = JSON.stringify(plain);
    const leaked = secrets.filter((s) => text.includes(s));
    console.error(`${secrets.length} generated passwords, ${leaked.length} in plain text in the export`);
    process.exit(leaked.length === 0 ? 0 : 1);
  ' "$work/export.json" "$work/export-shown.json"
  rc=$?
  echo $((SECONDS - start)) > "$work/seconds"
  exit $rc
) ; rc=$?
result "stack export holds no generated secret in plain text" "$(cat "$work/seconds")" "$rc"

# 6. The bootstrap through the engine, then the CI invariants on every exported state.
mkdir -p "$work/boot"
for d in bootstrap components policy-pack stack; do
  (cd "$repo" && tar --exclude=node_modules -cf - "$d") | (cd "$work/boot" && tar -xf -)
done
cp tsconfig.json package.json "$work/boot/"
ln -s "$repo/node_modules" "$work/boot/node_modules"
(
  cd "$work/boot/bootstrap"
  export PULUMI_BACKEND_URL="file://$work/state-boot"
  mkdir -p "$work/state-boot"
  start=$SECONDS
  for bstack in mindmirror-ci mindmirror-staging mindmirror-prod; do
    # `up` without --skip-preview: the engine previews, then applies, in one run of the program.
    pulumi stack init "$bstack" --secrets-provider passphrase --non-interactive >/dev/null &&
    pulumi up --stack "$bstack" --yes --non-interactive > "$work/boot-up-$bstack.log" 2>&1 &&
    pulumi stack export --stack "$bstack" > "$work/boot-$bstack.json" || { tail -30 "$work/boot-up-$bstack.log"; exit 1; }
    echo "  $bstack: $(grep -E '^ +[+] [0-9]+ (to create|created)' "$work/boot-up-$bstack.log" | tr -s ' ' | paste -sd ',' -)"
  done
  platform=(); [ -s "$work/export.json" ] && platform=(--platform "$work/export.json")
  node -r "$repo/node_modules/ts-node/register/transpile-only" "$repo/scripts/check-ci-access.ts" "${platform[@]}" \
    --bootstrap "$work/boot-mindmirror-ci.json" "$work/boot-mindmirror-staging.json" "$work/boot-mindmirror-prod.json"
  rc=$?
  echo $((SECONDS - start)) > "$work/seconds"
  exit $rc
) ; rc=$?
result "bootstrap (ci, staging, prod) up through the engine; CI trust and grants checked on exported state" "$(cat "$work/seconds")" "$rc"

echo "engine: $passed passed, $failed failed"
[ "$failed" = 0 ]
