#!/usr/bin/env bash
# Returns a stack to a recorded, verified deployment: scripts/deploy/rollback.sh <stack> <entry.json>
# (an entry of record.sh, chosen with `rollout.ts target`). In a git worktree of the entry's commit
# (its program, its Pulumi.<stack>.yaml, its pack), with deploy:pinTraffic set to the entry's
# revisions, it runs `pulumi up` with the policy pack: traffic goes back to exactly the revisions
# that passed their smoke tests, and the services' template, jobs and config return to that
# commit. Then the serving URLs are smoke-tested. Migrations are not reversed: they are
# expand/contract, so the old revisions keep working on the migrated schema.
# Prints the entry's image tags as JSON on fd 3 when it is open (the workflow records them).
set -euo pipefail
stack="${1:?usage: rollback.sh <stack> <entry.json>}"; entry="${2:?entry.json}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
sha="$(jq -r .sha "$entry")"
pins="$(jq -c '.revisions // {}' "$entry")"
[ -n "$sha" ] && [ "$sha" != null ] || { echo "::error::$entry names no commit"; exit 1; }
git -C "$repo" cat-file -e "$sha^{commit}" 2>/dev/null || git -C "$repo" fetch --quiet origin "$sha"

dir="${RUNNER_TEMP:-/tmp}/rollback-$stack-${sha:0:12}"
rm -rf "$dir"; git -C "$repo" worktree prune
git -C "$repo" worktree add --quiet --detach "$dir" "$sha"
trap 'git -C "$repo" worktree remove --force "$dir" >/dev/null 2>&1 || true' EXIT
cd "$dir"
if cmp -s package-lock.json "$repo/package-lock.json" && [ -d "$repo/node_modules" ]; then
  ln -s "$repo/node_modules" node_modules            # same lockfile: the same modules
else
  npm ci --ignore-scripts --no-audit --no-fund
fi

echo "rollback of $stack to $sha ($(jq -r '.ref + " at " + .at' "$entry")): traffic to $pins"
pulumi stack select "$stack" --non-interactive
pulumi config set --stack "$stack" deploy:pinTraffic "$pins"
pulumi up --stack "$stack" --policy-pack policy-pack --policy-pack-config "policy-pack/config/$stack.json" --yes --skip-preview --non-interactive --diff
bash "$repo/scripts/deploy/smoke.sh" "$stack" serving
echo "rollback of $stack to $sha: done"
