#!/usr/bin/env bash
# Renames and protection through the real engine, offline (issue #9):
#   1. `pulumi up` of production into a local backend.
#   2. Renaming a service, a database and a secret at once, each with `formerly`: the preview
#      replaces, creates and deletes nothing.
#   3. The same renames without `formerly`: the program refuses before any change, naming each.
#   4. Revoking a reader of a protected secret: the grant is deleted (grants are not protected).
#   5. Deleting a protected secret on purpose (catalog and catalog/deployed.ts): the engine refuses.
# Everything runs in a temporary directory; the repository is not modified.
# Last line: "rename: N passed, N failed".
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/node-env.sh || { echo "rename: 0 passed, 1 failed"; exit 1; }
eval "$(scripts/engine/provide.sh)" || { echo "rename: 0 passed, 1 failed"; exit 1; }
export PATH="$PATH_PREFIX:$PATH"
work="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-rename-check.XXXXXX")"
trap '[ -n "${MINDMIRROR_KEEP:-}" ] || rm -rf "$work"' EXIT
export PULUMI_HOME="$work/home" PULUMI_CONFIG_PASSPHRASE=rename-check PULUMI_SKIP_UPDATE_CHECK=true \
       PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_GCP_SKIP_REGION_VALIDATION=true \
       PULUMI_BACKEND_URL="file://$work/state"
mkdir -p "$work/home" "$work/state"

passed=0; failed=0
result() { # result <name> <ok?> [figures]
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok   $1${3:+: $3}"; else failed=$((failed + 1)); echo "FAIL $1${3:+: $3}"; fi
}

app="$work/app"
mkdir -p "$app/tests/helpers"
for f in Pulumi.yaml Pulumi.production.yaml index.ts program.ts tsconfig.json package.json; do cp "$f" "$app/"; done
for d in catalog components stack policy-pack; do cp -r "$d" "$app/$d"; done
cp tests/helpers/rename.ts "$app/tests/helpers/"
rm -rf "$app/policy-pack/node_modules"
ln -s "$repo/node_modules" "$app/node_modules"
cp "$app/Pulumi.production.yaml" "$work/config.yaml"

# What changed in a `pulumi preview --json`, by operation and type: "update: 10 Service, 5 Secret".
changed() { node -e '
  const out = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const by = {};
  for (const s of out.steps ?? []) if (s.op !== "same") { const t = s.urn.split("::")[2].split("$").pop().split(":").pop(); (by[s.op] ??= {})[t] = (by[s.op][t] ?? 0) + 1; }
  console.log(Object.entries(by).map(([op, ts]) => `${op}: ${Object.entries(ts).map(([t, n]) => `${n} ${t}`).join(", ")}`).join("; "));
' "$1"; }
# Counts the steps of a `pulumi preview --json` by operation: "same=N update=N replace=N ...".
ops() { node -e '
  const out = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const n = {};
  for (const s of out.steps ?? []) n[s.op] = (n[s.op] ?? 0) + 1;
  console.log(Object.entries(n).sort().map(([k, v]) => `${k}=${v}`).join(" "));
' "$1"; }
preview() { # preview <log> [flags]: JSON preview of production
  local log="$1"; shift
  (cd "$app" && pulumi preview --stack production --json --non-interactive "$@") > "$log" 2> "$log.err"
}
variant() { # variant <body>: index.ts running the program on a changed catalog
  cat > "$app/index.ts" <<TS
import { catalog } from "./catalog/catalog";
import { AnyCatalog } from "./catalog/types";
import { runProgram } from "./program";
import { renamed } from "./tests/helpers/rename";
let source = catalog as AnyCatalog;
void renamed;
$1
export = runProgram(source);
TS
}

# 1. Production, deployed.
(cd "$app" && pulumi stack init production --secrets-provider passphrase --non-interactive >/dev/null &&
  pulumi up --stack production --yes --skip-preview --non-interactive > "$work/up.log" 2>&1); rc=$?
[ "$rc" = 0 ] || tail -30 "$work/up.log"
result "pulumi up production into the local backend" "$rc" "$(grep -Eo '[0-9]+ created' "$work/up.log" | tail -1)"

# 2. Renames with formerly: nothing replaced, created or deleted.
sed -i 's/^    meals: /    nutrition: /' "$app/Pulumi.production.yaml"
variant 'source = renamed(source, "services", "meals", "nutrition");
source = renamed(source, "databases", "journal", "diary");
source = renamed(source, "secrets", "jwt-secret", "jwt-signing-key");'
preview "$work/renamed.json"; rc=$?
figures="$(ops "$work/renamed.json" 2>/dev/null)"
echo "$figures" | grep -Eq '(^| )(replace|create|delete|create-replacement|delete-replaced)=' && rc=1
[ "$rc" = 0 ] || { tail -30 "$work/renamed.json.err"; }
result "rename service meals->nutrition, database journal->diary, secret jwt-secret->jwt-signing-key with formerly: no replace, create or delete" "$rc" "$figures ($(changed "$work/renamed.json" 2>/dev/null))"

# 3. The same renames without formerly: refused before any change.
variant 'source = renamed(source, "services", "meals", "nutrition", false);
source = renamed(source, "databases", "journal", "diary", false);
source = renamed(source, "secrets", "jwt-secret", "jwt-signing-key", false);'
preview "$work/unrecorded.json"; rc=$?
ok=0
[ "$rc" != 0 ] || { echo "the preview succeeded"; ok=1; }
for kind in "services.meals" "databases.journal" "secrets.jwt-secret"; do
  grep -q "$kind: is deployed (catalog/deployed.ts)" "$work/unrecorded.json" "$work/unrecorded.json.err" || { echo "no refusal naming $kind"; ok=1; }
done
grep -q 'formerly: \[\\\?"journal\\\?"\]' "$work/unrecorded.json" "$work/unrecorded.json.err" || { echo "no line to add for databases.journal"; ok=1; }
steps="$(ops "$work/unrecorded.json" 2>/dev/null)"
[ "$ok" = 0 ] || tail -30 "$work/unrecorded.json.err"
result "the same renames without formerly: refused before any change" "$ok" "3 problems named, steps: ${steps:-none}"

# 4. Revoking a reader of a protected secret is an ordinary change.
cp "$work/config.yaml" "$app/Pulumi.production.yaml"
variant 'const services = JSON.parse(JSON.stringify(source.services));
delete services.gateway.secrets["jwt-secret"];
source = { ...source, services };'
preview "$work/revoke.json"; rc=$?
figures="$(ops "$work/revoke.json" 2>/dev/null)"
echo "$figures" | grep -q 'delete=1' || rc=1
[ "$rc" = 0 ] || { tail -30 "$work/revoke.json"; tail -30 "$work/revoke.json.err"; }
result "revoke gateway's read of the protected jwt-secret: its grant is deleted" "$rc" "$figures ($(changed "$work/revoke.json" 2>/dev/null))"

# 5. Deleting a protected secret on purpose: the engine refuses (protect).
sed -i 's/, "qdrant-api-key"//' "$app/catalog/deployed.ts"
variant 'const services = JSON.parse(JSON.stringify(source.services));
for (const svc of Object.values(services) as Array<{ secrets?: Record<string, unknown> }>) delete svc.secrets?.["qdrant-api-key"];
const secrets: Record<string, unknown> = { ...source.secrets };
delete secrets["qdrant-api-key"];
source = { ...source, services, secrets } as AnyCatalog;'
preview "$work/delete.json"; rc=$?
ok=0
[ "$rc" != 0 ] || { echo "the preview succeeded"; ok=1; }
grep -q "secret-qdrant-api-key-secret.* cannot be deleted.*because it is protected" <(tr -d '\n' < "$work/delete.json"; tr -d '\n' < "$work/delete.json.err") || { echo "the refusal is not the engine's protection"; ok=1; }
[ "$ok" = 0 ] || { tail -30 "$work/delete.json"; tail -30 "$work/delete.json.err"; }
result "delete the protected secret qdrant-api-key: the engine refuses" "$ok" "$(grep -oh 'Secret::secret-qdrant-api-key-secret[^`]*because it is protected' <(sed 's/\\n/ /g' "$work/delete.json" "$work/delete.json.err") | head -1)"

echo "rename: $passed passed, $failed failed"
[ "$failed" = 0 ]
