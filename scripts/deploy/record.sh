#!/usr/bin/env bash
# The record of verified deployments of a stack, kept beside its state:
#   $PULUMI_BACKEND_URL/.mindmirror/deployments/<stack>.json
#     {"stack": "...", "deployments": [{"sha", "ref", "run", "at", "imageTags": {...},
#                                       "revisions": {<service key>: <revision>}}, ...]}  newest last
# A deployment enters it only after its smoke tests passed with traffic on it; rollbacks (automatic
# and manual) return to an entry of it, never to a git neighbour.
#   record.sh get <stack>                 prints the record ({"deployments": []} when none)
#   record.sh add <stack> <entry.json>    appends an entry (keeps the newest 50)
# gs:// backends use `gcloud storage`; file:// backends (offline rehearsals) the file system.
set -euo pipefail
cmd="${1:?usage: record.sh get|add <stack> [entry.json]}"; stack="${2:?stack}"
: "${PULUMI_BACKEND_URL:?PULUMI_BACKEND_URL is not set}"
url="${PULUMI_BACKEND_URL%/}/.mindmirror/deployments/$stack.json"

fetch() {
  case "$url" in
    gs://*) gcloud storage cat "$url" 2>/dev/null || true ;;
    file://*) cat "${url#file://}" 2>/dev/null || true ;;
    *) echo "record.sh: unsupported backend $PULUMI_BACKEND_URL" >&2; exit 2 ;;
  esac
}
store() { # store <file>
  case "$url" in
    gs://*) gcloud storage cp --quiet "$1" "$url" ;;
    file://*) mkdir -p "$(dirname "${url#file://}")"; cp "$1" "${url#file://}" ;;
  esac
}

case "$cmd" in
  get)
    current="$(fetch)"
    if [ -z "$current" ]; then current="{\"stack\":\"$stack\",\"deployments\":[]}"; fi
    printf '%s\n' "$current" | jq -e '.deployments | type == "array"' >/dev/null || { echo "record.sh: $url is not a deployment record" >&2; exit 1; }
    printf '%s\n' "$current"
    ;;
  add)
    entry="${3:?entry.json}"
    tmp="$(mktemp)"; trap 'rm -f "$tmp"' EXIT
    "$0" get "$stack" | jq --slurpfile e "$entry" '.deployments = ((.deployments + $e) | .[-50:])' > "$tmp"
    store "$tmp"
    echo "record.sh: $url now holds $(jq '.deployments | length' "$tmp") verified deployment(s)"
    ;;
  *) echo "record.sh: unknown command $cmd" >&2; exit 2 ;;
esac
