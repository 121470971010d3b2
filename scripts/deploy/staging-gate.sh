#!/usr/bin/env bash
# The staging gate: scripts/deploy/staging-gate.sh <commit>. Succeeds only when GitHub's
# deployments API holds a successful deployment of exactly that commit to the environment
# `staging` (a later deploy turns it "inactive", which still means it succeeded once). Used before
# a production deploy (deploy.yml) and before a production rollback (rollback.yml).
set -euo pipefail
sha="${1:?usage: staging-gate.sh <commit>}"
: "${GITHUB_REPOSITORY:?}"
ok=false
for id in $(gh api "repos/$GITHUB_REPOSITORY/deployments?sha=$sha&environment=staging&per_page=100" --jq '.[].id'); do
  if gh api "repos/$GITHUB_REPOSITORY/deployments/$id/statuses?per_page=100" --jq '[.[].state] | any(. == "success")' | grep -qx true; then
    ok=true
  fi
done
if [ "$ok" != true ]; then
  echo "::error::commit $sha has no successful staging deployment; merge it to main and let it deploy to staging first"
  exit 1
fi
echo "staging gate: commit $sha was deployed to staging"
