#!/usr/bin/env bash
# scripts/engine/smoke.sh — end-to-end self-test of the offline Pulumi engine.
#
# In a temporary directory it writes a tiny TypeScript program (gcp service account +
# Cloud Run v2 service + random password), then with a local file backend runs
#   pulumi preview; pulumi up --yes; pulumi preview --expect-no-changes
# checks that `pulumi stack export` does not hold the generated password in plaintext,
# and that a one-policy CrossGuard pack (cloudrunv2 Service must set ingress) makes
# `pulumi preview --policy-pack` fail naming the policy. Then `pulumi destroy --yes`.
#
# node_modules comes from the repository (symlinked; nothing is installed).
# Exit 0 and a last line "smoke: N passed, 0 failed" when everything holds.
# KEEP_SMOKE_DIR=1 keeps the temporary directory for inspection.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
nm="$repo/node_modules"
for p in @pulumi/pulumi @pulumi/gcp @pulumi/random @pulumi/policy typescript ts-node; do
  [ -d "$nm/$p" ] || { echo "smoke: $nm/$p missing: run npm ci in $repo first" >&2; exit 1; }
done

eval "$("$here/provide.sh")"
export PATH="$PATH_PREFIX:$PATH"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-smoke.XXXXXX")"
cleanup() { if [ "${KEEP_SMOKE_DIR:-0}" = 1 ]; then echo "smoke: kept $tmp" >&2; else rm -rf "$tmp"; fi; }
trap cleanup EXIT

# Offline engine environment.
export PULUMI_HOME="$tmp/pulumi-home"            # no user credentials/plugins touched
export PULUMI_CONFIG_PASSPHRASE=test
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
export NO_COLOR=1

passed=0; failed=0
ok()   { passed=$((passed+1)); echo "smoke: ok   - $*"; }
bad()  { failed=$((failed+1)); echo "smoke: FAIL - $*"; }
step() { echo; echo "smoke: \$ $*"; }

prog="$tmp/prog"; pack="$tmp/policy"; state="$tmp/state"
mkdir -p "$prog" "$pack" "$state"

cat >"$prog/Pulumi.yaml" <<'EOF'
name: engine-smoke
runtime:
  name: nodejs
  options:
    typescript: true
description: offline engine smoke test
EOF
cat >"$prog/package.json" <<'EOF'
{ "name": "engine-smoke", "version": "0.0.0", "private": true, "main": "index.ts",
  "dependencies": { "@pulumi/pulumi": "*", "@pulumi/gcp": "*", "@pulumi/random": "*" },
  "devDependencies": { "typescript": "*", "ts-node": "*" } }
EOF
cat >"$prog/tsconfig.json" <<'EOF'
{ "compilerOptions": { "strict": true, "target": "es2020", "module": "commonjs", "moduleResolution": "node",
    "sourceMap": true, "skipLibCheck": true, "forceConsistentCasingInFileNames": true },
  "files": ["index.ts"] }
EOF
cat >"$prog/index.ts" <<'EOF'
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import * as random from "@pulumi/random";

const password = new random.RandomPassword("db-password", { length: 24, special: false });

const sa = new gcp.serviceaccount.Account("runner", {
    accountId: "smoke-runner",
    displayName: new pulumi.Config().get("displayName") ?? "smoke test runner",
});

const secret = new gcp.secretmanager.Secret("db-password", {
    secretId: "db-password",
    replication: { auto: {} },
});
new gcp.secretmanager.SecretVersion("db-password-v1", {
    secret: secret.id,
    secretData: password.result,
});

const svc = new gcp.cloudrunv2.Service("api", {
    location: "europe-west1",
    deletionProtection: false,
    template: {
        serviceAccount: sa.email,
        containers: [{ image: "example.invalid/smoke/api:1" }],
    },
});

export const email = sa.email;
export const uri = svc.uri;
export const passwordOut = password.result;
export const project = new pulumi.Config("gcp").require("project");
EOF
ln -s "$nm" "$prog/node_modules"

cat >"$pack/PulumiPolicy.yaml" <<'EOF'
runtime: nodejs
description: smoke-test policy pack
EOF
cat >"$pack/package.json" <<'EOF'
{ "name": "smoke-policies", "version": "0.1.0", "private": true, "main": "index.ts",
  "dependencies": { "@pulumi/policy": "*", "@pulumi/pulumi": "*" } }
EOF
cat >"$pack/tsconfig.json" <<'EOF'
{ "compilerOptions": { "strict": true, "target": "es2020", "module": "commonjs", "moduleResolution": "node",
    "skipLibCheck": true }, "files": ["index.ts"] }
EOF
cat >"$pack/index.ts" <<'EOF'
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("smoke-policies", {
    policies: [{
        name: "cloud-run-ingress-required",
        description: "Every Cloud Run v2 service must set ingress explicitly.",
        enforcementLevel: "mandatory",
        validateResource: (args, reportViolation) => {
            if (args.type === "gcp:cloudrunv2/service:Service" && !args.props.ingress) {
                reportViolation(`Cloud Run service ${args.name} has no ingress set`);
            }
        },
    }],
});
EOF
ln -s "$nm" "$pack/node_modules"

step "go test ./... (stand-in sources)"
if (cd "$here/standin" && GOFLAGS=-mod=readonly go test ./... 2>&1); then ok "stand-in unit tests"; else bad "stand-in unit tests"; fi

cd "$prog"
step "pulumi version"; pulumi version
step "pulumi login file://$state"; pulumi login "file://$state"
step "pulumi stack init dev"; pulumi stack init dev
pulumi config set gcp:project smoke-project
pulumi config set gcp:region europe-west1

step "pulumi preview"
if pulumi preview --non-interactive --diff 2>&1 | tee "$tmp/preview1.txt"; then
  if grep -Eq "gcp:cloudrunv2(/service)?:Service" "$tmp/preview1.txt" &&
     grep -Eq "random:index(/randomPassword)?:RandomPassword" "$tmp/preview1.txt" &&
     grep -q "6 to create" "$tmp/preview1.txt"; then
    ok "preview plans the gcp and random resources"
  else bad "preview output lacks the expected resources"; fi
else bad "pulumi preview failed"; fi

step "pulumi up --yes"
if pulumi up --yes --non-interactive 2>&1 | tee "$tmp/up.txt"; then ok "pulumi up"; else bad "pulumi up failed"; fi

step "pulumi preview --expect-no-changes"
if pulumi preview --non-interactive --expect-no-changes 2>&1 | tee "$tmp/preview2.txt"; then
  ok "unchanged program previews no changes"
else bad "second preview reported changes (or failed)"; fi

step "pulumi config set displayName changed; pulumi preview --diff"
pulumi config set displayName "changed runner"
if pulumi preview --non-interactive --diff >"$tmp/preview3.txt" 2>&1 &&
   grep -q "1 to update" "$tmp/preview3.txt" && ! grep -q "to replace" "$tmp/preview3.txt"; then
  ok "changing displayName previews exactly one in-place update"
else cat "$tmp/preview3.txt"; bad "displayName change did not preview as one update"; fi
pulumi config rm displayName

step "pulumi stack export"
pulumi stack export >"$tmp/state.json"
pw="$(pulumi stack output passwordOut --show-secrets || true)"
email="$(pulumi stack output email || true)"
if [ "${#pw}" -eq 24 ]; then ok "password output has 24 characters"; else bad "password output is '${#pw}' chars"; fi
if grep -qF -- "$pw" "$tmp/state.json"; then bad "generated password is in plaintext in stack export"
else ok "stack export does not hold the password in plaintext"; fi
if grep -q '"ciphertext"' "$tmp/state.json"; then ok "stack export holds secrets as ciphertext"; else bad "no ciphertext in stack export"; fi
if [ "$email" = "smoke-runner@smoke-project.iam.gserviceaccount.com" ]; then ok "service account email computed: $email"
else bad "unexpected service account email '$email'"; fi

step "pulumi preview --policy-pack $pack"
set +e
pulumi preview --non-interactive --policy-pack "$pack" >"$tmp/policy.txt" 2>&1
rc=$?
set -e
cat "$tmp/policy.txt"
if [ "$rc" -ne 0 ] && grep -q "cloud-run-ingress-required" "$tmp/policy.txt" && grep -q "mandatory" "$tmp/policy.txt"; then
  ok "policy pack ran and its mandatory policy failed the preview (exit $rc)"
else bad "policy preview: exit $rc, policy name/mandatory not found in output"; fi

step "pulumi destroy --yes"
if pulumi destroy --yes --non-interactive >"$tmp/destroy.txt" 2>&1; then ok "pulumi destroy"
else cat "$tmp/destroy.txt"; bad "pulumi destroy failed"; fi

echo
echo "smoke: engine: $(tr '\n' ';' <"$PATH_PREFIX/ENGINE.txt")"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
