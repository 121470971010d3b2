#!/usr/bin/env bash
# Rehearses the real workflow files offline with nektos/act (host mode, no containers): the same
# YAML GitHub runs, with the third-party actions mapped to small local stand-ins that keep their
# inputs and outputs (scripts/rehearse/actions/*, via --local-repository), the offline Pulumi engine
# (real CLI, engine, SDK and policy pack; stand-in providers), and fake-cloud.js for Cloud Run's
# revisions/traffic/jobs, the deployment smoke targets (behind a curl stand-in) and the GitHub API.
#
#   scripts/rehearse/run.sh            every rehearsal, in order (they build on each other)
# Last line: "rehearse: N passed, N failed". Per rehearsal: "ok|FAIL <name> (<seconds>s)".
#   MINDMIRROR_KEEP=1                  keep the work directory (printed) for inspection
#   MINDMIRROR_TOOLS_CACHE             where act is built (default ~/.cache/mindmirror-tools)
#
# What each rehearsal shows (the expected outcome is part of the check):
#   first-run             push to main on an empty backend: deploy fails at the preflight with the
#                         `pulumi stack init --secrets-provider gcpkms://...` instruction
#   staging-deploy        after the operator's one-time init (passphrase here: no KMS offline), push
#                         to main deploys staging from the empty backend: preview with the pack,
#                         staged up, migrations, smoke tests, promotion, record
#   pr-preview-staging    pull request preview of each stack in its preview-<stack> environment
#   pr-preview-production   with the pack: passes and comments
#   pr-violation          a pull request making an internal service public fails its preview,
#                         naming gcp-cloudrun-internal-ingress
#   staging-smoke-fails   a release whose web app fails its smoke test: the candidate revision never
#                         gets traffic, the deploy fails and rolls back to the recorded deployment
#   staging-fix-forward   the next release: pinned rollout (candidate URL), promotion, recorded
#   production-v1.0.0     release tags through the staging gate into production
#   production-v1.1.0
#   production-rollback   manual rollback of production from its release tag to "previous": traffic
#                         returns to v1.0.0's revisions, and a pull request records the image tags
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/node-env.sh || { echo "rehearse: 0 passed, 1 failed"; exit 1; }
eval "$(scripts/engine/provide.sh)" || { echo "rehearse: 0 passed, 1 failed"; exit 1; }
engine_bin="$PATH_PREFIX"

# act, built once from its Go module into a cache outside the repository.
act_version="v0.2.89"
cache="${MINDMIRROR_TOOLS_CACHE:-$HOME/.cache/mindmirror-tools}"
act="$cache/act-$act_version"
if [ ! -x "$act" ]; then
  command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
  echo "rehearse: building github.com/nektos/act@$act_version into $cache" >&2
  mkdir -p "$cache"; tmp="$(mktemp -d)"
  GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-mod=mod go install "github.com/nektos/act@$act_version" >&2 || { echo "rehearse: 0 passed, 1 failed"; exit 1; }
  mv "$tmp/act" "$act"; rm -rf "$tmp"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mindmirror-rehearsal.XXXXXX")"
# The stand-ins, copied: a checkout or rebase of the repository meanwhile cannot change them.
cp -a "$repo/scripts/rehearse" "$work/home"
home="$work/home"
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null
  if [ -n "${MINDMIRROR_KEEP:-}" ]; then echo "rehearse: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
export REHEARSAL_DIR="$work" REHEARSAL_HOME="$home" REHEARSAL_TOOLS="$work/tools" REHEARSAL_ORIGIN="$work/origin.git"
backend="file://$work/backend"
mkdir -p "$work/backend" "$work/logs" "$work/pulumi-home"
# A snapshot of node_modules (hard links) and its lockfile: an `npm ci` in the repository while the
# rehearsal runs cannot pull modules from under it.
cp -al "$repo/node_modules" "$work/node_modules" && cp "$repo/package-lock.json" "$work/package-lock.json"
export REHEARSAL_MODULES="$work/node_modules" REHEARSAL_MODULES_LOCK="$work/package-lock.json"

# The tool cache setup-node reads: the project's Node, and an npm whose `npm ci` restores
# node_modules (hard links) when the lockfile is the one they were installed from.
node_version="$(tr -d ' \r\n' < .node-version)"
mkdir -p "$work/tools/node/$node_version/bin"
node_bin="$(readlink -f "$(command -v node)")"
case "$node_bin" in "$repo/node_modules/"*) node_bin="$work/node_modules/${node_bin#"$repo/node_modules/"}" ;; esac
ln -s "$node_bin" "$work/tools/node/$node_version/bin/node"
cat > "$work/tools/node/$node_version/bin/npm" <<'EOF'
#!/usr/bin/env bash
if [ "${1:-}" = ci ]; then
  echo "$GITHUB_WORKFLOW/$GITHUB_JOB npm $*" >> "$REHEARSAL_DIR/npm.log"
  if cmp -s package-lock.json "$REHEARSAL_MODULES_LOCK"; then
    rm -rf node_modules && cp -al "$REHEARSAL_MODULES" node_modules
    echo "npm $* (rehearsal: node_modules of this lockfile restored from the cache)"; exit 0
  fi
fi
exec /usr/bin/env -S npm "$@"
EOF
sed -i "s|exec /usr/bin/env -S npm|exec $(command -v npm)|" "$work/tools/node/$node_version/bin/npm"
chmod +x "$work/tools/node/$node_version/bin/npm"

# The repository as GitHub would hold it: the working tree (tracked and new files) as main.
git init -q --bare "$work/origin.git"
mkdir -p "$work/repo"
git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$work/repo"
g() { git -C "$work/repo" -c user.name=rehearsal -c user.email=rehearsal@example.invalid "$@"; }
g init -q -b main
g remote add origin https://github.com/mindmirror/mindmirror.git   # what act derives the repository from
g remote add local "$work/origin.git"
g add -A && g commit -qm "rehearsal: the working tree" && g push -q local main
commit_push() { g commit -qam "$1" && g push -q local HEAD:"${2:-main}"; }

# Fake Cloud Run endpoints, reached through the curl stand-in.
port=$((20000 + RANDOM % 20000))
export REHEARSAL_HTTP_PORT="$port"
node "$home/fake-cloud.js" serve "$port" > "$work/logs/fake-cloud.log" 2>&1 &
server_pid=$!

vars_for() { # vars_for <github environment>: the bootstrap's variables of that environment
  local env="$1" stack="${1#preview-}" project role
  case "$stack" in staging) project=mindmirror-staging ;; production) project=mindmirror-prod ;; esac
  case "$env" in preview-*) role=previewer ;; *) role=deployer ;; esac
  echo --var "GCP_WORKLOAD_IDENTITY_PROVIDER=projects/1000/locations/global/workloadIdentityPools/github/providers/github" \
       --var "GCP_SERVICE_ACCOUNT=$role@$project.iam.gserviceaccount.com" --var "GCP_PROJECT=$project" \
       --var "GCP_REGION=us-central1" --var "PULUMI_BACKEND_URL=$backend" --var "PULUMI_STACK=$stack"
}
run_act() { # run_act <log> <event> <event.json> <act args...>
  local log="$1" event="$2" payload="$3"; shift 3
  (cd "$work/repo" && PATH="$home/bin:$PATH" "$act" "$event" -e "$payload" \
     -P ubuntu-latest=-self-hosted --no-skip-checkout --action-cache-path "$work/act" --container-daemon-socket - \
     --concurrent-jobs 1 --actor rehearsal \
     --local-repository "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683=$home/actions/checkout" \
     --local-repository "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020=$home/actions/setup-node" \
     --local-repository "google-github-actions/auth@71f986410dfbc7added4569d411d040a91dc6935=$home/actions/auth" \
     --local-repository "google-github-actions/setup-gcloud@77e7a554d41e2ee56fc945c52dfd3f33d12def9a=$home/actions/setup-gcloud" \
     --local-repository "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d=$home/actions/pulumi" \
     --local-repository "aquasecurity/setup-trivy@3fb12ec12f41e471780db15c232d5dd185dcb514=$home/actions/setup-trivy" \
     --env "PULUMI_CONFIG_PASSPHRASE=rehearsal" --env "PULUMI_HOME=$work/pulumi-home" \
     --env "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true" --env "PULUMI_GCP_SKIP_REGION_VALIDATION=true" \
     --env "REHEARSAL_DIR=$work" --env "REHEARSAL_HOME=$home" --env "REHEARSAL_TOOLS=$work/tools" \
     --env "REHEARSAL_ORIGIN=$work/origin.git" --env "REHEARSAL_MODULES=$REHEARSAL_MODULES" \
     --env "REHEARSAL_MODULES_LOCK=$REHEARSAL_MODULES_LOCK" --env "REHEARSAL_HTTP_PORT=$port" \
     --env SMOKE_RETRIES=2 --env SMOKE_RETRY_DELAY=1 \
     "$@") > "$log" 2>&1
}
event() { # event <file> <json>
  printf '%s\n' "$2" > "$work/$1"; echo "$work/$1"
}

passed=0; failed=0
result() { # result <name> <seconds> <ok 0|1> [detail]
  if [ "$3" = 0 ]; then passed=$((passed + 1)); echo "ok   $1 (${2}s)${4:+: $4}"
  else failed=$((failed + 1)); echo "FAIL $1 (${2}s)${4:+: $4}"; echo "---- last lines of $work/logs/$1.log"; tail -40 "$work/logs/$1.log"; fi
}
expect() { # expect <name> <pass|fail> <check command...>: runs after run_act into logs/<name>.log
  local name="$1" want="$2" rc="$3"; shift 3
  local ok=0
  if [ "$want" = pass ] && [ "$rc" != 0 ]; then ok=1; fi
  if [ "$want" = fail ] && [ "$rc" = 0 ]; then ok=1; fi
  if [ "$ok" = 0 ] && [ "$#" -gt 0 ]; then "$@" >> "$work/logs/$name.log" 2>&1 || ok=1; fi
  echo "$ok"
}
record_of() { cat "$work/backend/.mindmirror/deployments/$1.json" 2>/dev/null || echo '{"deployments":[]}'; }
serving() { node "$home/fake-cloud.js" serving "$1"; }   # serving <project>/<service>
github_deployment() { # github_deployment <sha> <environment>: what GitHub records for a green environment job
  node -e 'const f=process.argv[1];const fs=require("fs");const a=fs.existsSync(f)?JSON.parse(fs.readFileSync(f,"utf8")):[];
    a.push({id:a.length+1,sha:process.argv[2],environment:process.argv[3],state:"success"});fs.writeFileSync(f,JSON.stringify(a))' \
    "$work/github-deployments.json" "$1" "$2"
}
push_event() { event "push.json" "{\"ref\":\"$1\",\"after\":\"$(g rev-parse HEAD)\",\"repository\":{\"full_name\":\"mindmirror/mindmirror\"}}"; }
set_tag() { sed -i "s|^\(    $2:\) .*|\1 $3|" "$work/repo/Pulumi.$1.yaml"; }

# ---- first-run: the deploy on an empty backend stops at the preflight with the instruction.
name=first-run; start=$SECONDS
run_act "$work/logs/$name.log" push "$(push_event refs/heads/main)" -W .github/workflows/deploy.yml $(vars_for staging); rc=$?
check_first_run() {
  grep -q "pulumi stack init staging --secrets-provider gcpkms://projects/mindmirror-staging/locations/us-central1/keyRings/pulumi/cryptoKeys/stack-secrets" "$work/logs/$name.log" &&
  ! grep -q "Stage (new revisions" "$work/logs/$name.log"
}
ok="$(expect "$name" fail "$rc" check_first_run)"
result "$name" $((SECONDS - start)) "$ok" "deploy failed at the preflight, as it must"
sed -n 's/.*| \(Stack staging is not initialised.*\)/\1/p; s/.*|   \(pulumi .*\)/  \1/p; s/.*| \(then commit .*\)/\1/p; s/.*| \(Run once, .*\)/\1/p' "$work/logs/$name.log" | head -6 | sed 's/^/     /'

# ---- the operator's one-time step (bootstrap/README.md step 2), with a passphrase instead of KMS.
(
  cd "$work/repo" && export PATH="$engine_bin:$PATH" PULUMI_HOME="$work/pulumi-home" PULUMI_CONFIG_PASSPHRASE=rehearsal PULUMI_SKIP_UPDATE_CHECK=true
  pulumi login "$backend" >/dev/null && pulumi stack init staging --secrets-provider passphrase --non-interactive >/dev/null &&
  pulumi stack init production --secrets-provider passphrase --non-interactive >/dev/null
) || { echo "FAIL stack init"; }
commit_push "Initialise the stacks (the salts pulumi stack init wrote)"

# ---- staging-deploy: from the empty stack through migrations, rollout and smoke tests.
name=staging-deploy; start=$SECONDS
sha="$(g rev-parse HEAD)"
run_act "$work/logs/$name.log" push "$(push_event refs/heads/main)" -W .github/workflows/deploy.yml $(vars_for staging); rc=$?
check_staging_deploy() {
  [ "$(record_of staging | jq '.deployments | length')" = 1 ] &&
  [ "$(record_of staging | jq -r '.deployments[0].sha')" = "$sha" ] &&
  [ "$(grep -c 'gcloud run jobs execute' "$work/calls.log")" -ge 1 ] &&
  grep -q "smoke (candidate): .* passed on staging" "$work/logs/$name.log" &&
  grep -q "smoke (serving): .* passed on staging" "$work/logs/$name.log" &&
  grep -q "staging deployed" "$work/logs/$name.log"
}
ok="$(expect "$name" pass "$rc" check_staging_deploy)"
[ "$ok" = 0 ] && github_deployment "$sha" staging
result "$name" $((SECONDS - start)) "$ok" "$(grep -c 'gcloud run jobs execute' "$work/calls.log" 2>/dev/null) migration job(s) run, record holds $(record_of staging | jq '.deployments | length') verified deployment(s)"

# ---- pull request previews of both stacks, each in its preview environment.
g switch -q -c feature
sed -i 's/^# Staging: /# Staging (reviewed): /' "$work/repo/Pulumi.staging.yaml"
commit_push "A pull request" feature
pr="$(event pr.json '{"number":7,"pull_request":{"number":7,"head":{"ref":"feature"},"base":{"ref":"main"}},"repository":{"full_name":"mindmirror/mindmirror"}}')"
for stack in staging production; do
  name="pr-preview-$stack"; start=$SECONDS
  run_act "$work/logs/$name.log" pull_request "$pr" -W .github/workflows/preview.yml -j preview --matrix "stack:$stack" $(vars_for "preview-$stack"); rc=$?
  check_preview() { grep -q "Preview of \`$stack\` with the policy pack: passed" "$work/pr-comments.md" && grep -q "previewer@" "$work/auth.log"; }
  ok="$(expect "$name" pass "$rc" check_preview)"
  result "$name" $((SECONDS - start)) "$ok" "preview with the pack passed and was commented"
done

# ---- pr-violation: an internal service made public fails the preview.
g switch -q -c bad
sed -i '0,/ingress: "internal",/s//ingress: "public",/' "$work/repo/catalog/catalog.ts"
commit_push "A pull request that makes an internal service public" bad
name=pr-violation; start=$SECONDS
run_act "$work/logs/$name.log" pull_request "$pr" -W .github/workflows/preview.yml -j preview --matrix stack:staging $(vars_for preview-staging); rc=$?
check_violation() { grep -q "gcp-cloudrun-internal-ingress" "$work/logs/$name.log" && grep -q "Preview of \`staging\` with the policy pack: FAILED" "$work/pr-comments.md"; }
ok="$(expect "$name" fail "$rc" check_violation)"
result "$name" $((SECONDS - start)) "$ok" "the preview failed, naming gcp-cloudrun-internal-ingress"
g switch -q main

# ---- staging-smoke-fails: the web app's candidate fails its smoke test; traffic never moves.
web="$(record_of staging | jq -r '.deployments[0].revisions | to_entries[] | select(.key == "web") | .value')"
set_tag staging web main-smoke-fail
commit_push "Release a web app that fails its smoke test"
name=staging-smoke-fails; start=$SECONDS
run_act "$work/logs/$name.log" push "$(push_event refs/heads/main)" -W .github/workflows/deploy.yml $(vars_for staging); rc=$?
check_smoke_fails() {
  grep -q "smoke test failed (candidate): web" "$work/logs/$name.log" &&
  ! grep -q "Success - Main Promote" "$work/logs/$name.log" &&
  grep -q "rollback of staging to $sha: done" "$work/logs/$name.log" &&
  [ "$(serving "mindmirror-staging/${web%-*-*}")" = "$web 100" ] &&
  [ "$(record_of staging | jq '.deployments | length')" = 1 ] &&
  grep -q "rolled-back" "$work/notifications.log"
}
ok="$(expect "$name" fail "$rc" check_smoke_fails)"
result "$name" $((SECONDS - start)) "$ok" "deploy failed, web traffic stayed on $(serving "mindmirror-staging/${web%-*-*}"), rolled back to the recorded deployment"

# ---- staging-fix-forward: a good release, rolled out through the candidate tag.
set_tag staging web main-2
set_tag production web v1.1.0
commit_push "Fix forward: web main-2 (and v1.1.0 for production)"
sha2="$(g rev-parse HEAD)"
name=staging-fix-forward; start=$SECONDS
run_act "$work/logs/$name.log" push "$(push_event refs/heads/main)" -W .github/workflows/deploy.yml $(vars_for staging); rc=$?
check_fix_forward() {
  grep -q "ok   web https://candidate---" "$work/logs/$name.log" &&
  [ "$(record_of staging | jq '.deployments | length')" = 2 ] &&
  [ "$(serving "mindmirror-staging/${web%-*-*}" | cut -d' ' -f1)" = "$(record_of staging | jq -r '.deployments[1].revisions.web')" ]
}
ok="$(expect "$name" pass "$rc" check_fix_forward)"
[ "$ok" = 0 ] && github_deployment "$sha2" staging
result "$name" $((SECONDS - start)) "$ok" "candidate smoke-tested on its tagged URL, then promoted; web serves $(serving "mindmirror-staging/${web%-*-*}")"

# ---- production: v1.0.0 (the first staging deploy's commit), then v1.1.0, through the staging gate.
for release in "v1.0.0 $sha" "v1.1.0 $sha2"; do
  read -r tag at <<< "$release"
  g tag "$tag" "$at" && g push -q local "$tag"
  g checkout -q "$tag"
  name="production-$tag"; start=$SECONDS
  run_act "$work/logs/$name.log" push "$(push_event "refs/tags/$tag")" -W .github/workflows/deploy.yml $(vars_for production); rc=$?
  check_production() { grep -q "staging gate: commit $at was deployed to staging" "$work/logs/$name.log" && [ "$(record_of production | jq -r '.deployments[-1].sha')" = "$at" ]; }
  ok="$(expect "$name" pass "$rc" check_production)"
  result "$name" $((SECONDS - start)) "$ok" "staging gate passed, production record holds $(record_of production | jq '.deployments | length') deployment(s)"
  g checkout -q main
done

# ---- production-rollback: from the released tag, back to the previous verified deployment.
name=production-rollback; start=$SECONDS
g checkout -q v1.1.0
dispatch="$(event dispatch.json '{"ref":"refs/tags/v1.1.0","inputs":{"stack":"production","to":"previous"},"repository":{"full_name":"mindmirror/mindmirror"}}')"
run_act "$work/logs/$name.log" workflow_dispatch "$dispatch" -W .github/workflows/rollback.yml --input stack=production --input to=previous $(vars_for production); rc=$?
g checkout -q main
check_rollback() {
  local want; want="$(record_of production | jq -r '.deployments[0].revisions.web')"
  [ "$(serving "mindmirror-prod/${want%-*-*}" | cut -d' ' -f1)" = "$want" ] &&
  [ "$(record_of production | jq -r '.deployments[-1].sha')" = "$sha" ] &&
  grep -q "Rollback production to ${sha:0:12}" "$work/pull-requests.log" &&
  git -C "$work/origin.git" show "$(git -C "$work/origin.git" for-each-ref --format='%(refname)' refs/heads/rollback/ | head -1):Pulumi.production.yaml" | grep -q "^    web: $(git -C "$work/repo" show "v1.0.0:Pulumi.production.yaml" | sed -n 's/^    web: //p')$"
}
ok="$(expect "$name" pass "$rc" check_rollback)"
result "$name" $((SECONDS - start)) "$ok" "production web serves $(record_of production | jq -r '.deployments[0].revisions.web') again; pull request opened with v1.0.0's image tags"

echo "rehearse: $passed passed, $failed failed"
[ "$failed" = 0 ]
