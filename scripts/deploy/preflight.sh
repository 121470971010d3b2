#!/usr/bin/env bash
# Preflight of every workflow that runs pulumi against a stack (preview, deploy, rollback):
#   scripts/deploy/preflight.sh <stack>
# Fails, with the exact one-time command to run, when the stack is not initialised: no
# secrets provider recorded in Pulumi.<stack>.yaml (without one, pulumi stops later with
# "passphrase must be set") or no stack in the state backend ($PULUMI_BACKEND_URL). Also checks
# that the GitHub environment's PULUMI_STACK (when set) names this stack. Logs into the backend
# and selects the stack on success.
# The secrets provider is the bootstrap's KMS key: gcpkms://projects/$GCP_PROJECT/locations/
# $GCP_REGION/keyRings/pulumi/cryptoKeys/stack-secrets (bootstrap output secretsProvider;
# MINDMIRROR_SECRETS_PROVIDER overrides it).
set -euo pipefail
stack="${1:?usage: preflight.sh <stack>}"
file="Pulumi.$stack.yaml"
: "${PULUMI_BACKEND_URL:?PULUMI_BACKEND_URL is not set: the GitHub environment needs the variable PULUMI_BACKEND_URL (bootstrap output stateBucketUrl)}"

if [ -n "${PULUMI_STACK:-}" ] && [ "$PULUMI_STACK" != "$stack" ]; then
  echo "::error::this job runs stack $stack but its GitHub environment says PULUMI_STACK=$PULUMI_STACK"
  exit 1
fi

provider="${MINDMIRROR_SECRETS_PROVIDER:-gcpkms://projects/${GCP_PROJECT:-<project>}/locations/${GCP_REGION:-<region>}/keyRings/pulumi/cryptoKeys/stack-secrets}"
instruction() { # instruction <what is wrong>
  {
    echo "::error title=Stack $stack is not initialised::$1"
    echo "Stack $stack is not initialised: $1."
    echo "Run once, from the repository root, with credentials that may use the state bucket and the KMS key:"
    echo "  pulumi login $PULUMI_BACKEND_URL"
    echo "  pulumi stack init $stack --secrets-provider $provider"
    echo "then commit the secretsprovider: and encryptedkey: lines it writes into $file (bootstrap/README.md, step 2)."
  } >&2
  exit 1
}

has_provider=false
if grep -Eq '^secretsprovider: *[a-z]+://' "$file" && grep -Eq '^encryptedkey: *[^ ]' "$file"; then
  has_provider=true
elif grep -Eq '^encryptionsalt: *[^ ]' "$file" && { [ -n "${PULUMI_CONFIG_PASSPHRASE:-}" ] || [ -n "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; }; then
  has_provider=true # a passphrase stack (offline rehearsals); production stacks use the KMS key
fi
[ "$has_provider" = true ] || instruction "$file records no secrets provider (no secretsprovider:/encryptedkey: lines)"

pulumi login "$PULUMI_BACKEND_URL" >/dev/null
if ! out="$(pulumi stack select "$stack" --non-interactive 2>&1)"; then
  echo "$out" >&2
  instruction "the state backend $PULUMI_BACKEND_URL holds no stack $stack"
fi
echo "preflight: stack $stack in $PULUMI_BACKEND_URL, secrets provider $(sed -n 's/^secretsprovider: *//p' "$file" | head -1)"
