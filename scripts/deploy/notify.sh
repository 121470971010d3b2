#!/usr/bin/env bash
# Announces a deploy event: scripts/deploy/notify.sh <stack> <deployed|failed|rolled-back> <message>
#   - a structured entry in the stack's Cloud Logging log `mindmirror-deployments` (severity NOTICE
#     for deployed, ERROR otherwise), where the stack's alert channels can pick it up;
#   - the Slack channel, when the environment has the secret SLACK_WEBHOOK_URL;
#   - the job summary.
# Never fails the job: a notification that cannot be sent is a warning.
set -uo pipefail
stack="${1:?stack}"; event="${2:?event}"; message="${3:?message}"
case "$event" in deployed) severity=NOTICE; icon="✅" ;; failed) severity=ERROR; icon="❌" ;; rolled-back) severity=ERROR; icon="↩️" ;; *) echo "notify.sh: unknown event $event" >&2; exit 2 ;; esac
run="${GITHUB_SERVER_URL:-}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
text="$icon $stack $event: $message ($run)"
payload="$(jq -nc --arg stack "$stack" --arg event "$event" --arg message "$message" --arg sha "${GITHUB_SHA:-}" --arg run "$run" \
  '{stack: $stack, event: $event, message: $message, sha: $sha, run: $run}')"
if command -v gcloud >/dev/null 2>&1 && [ -n "${GCP_PROJECT:-}" ]; then
  gcloud logging write mindmirror-deployments "$payload" --payload-type=json --severity="$severity" --project "$GCP_PROJECT" >/dev/null \
    || echo "::warning::could not write the deployment log entry"
fi
if [ -n "${SLACK_WEBHOOK_URL:-}" ]; then
  curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' --data "$(jq -nc --arg text "$text" '{text: $text}')" "$SLACK_WEBHOOK_URL" >/dev/null \
    || echo "::warning::could not post to Slack"
fi
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && echo "$text" >> "$GITHUB_STEP_SUMMARY"
echo "$text"
