#!/usr/bin/env bash
# Smoke tests of a stack's public services: scripts/deploy/smoke.sh <stack> <candidate|serving>
#   candidate: the revision under test, at its tagged URL (https://candidate---<host>), before any
#              traffic moves; serving: the service URLs, after traffic moved (or after a rollback).
# Per public service: the catalog's healthPath, then its smokePaths (the gateway's GraphQL
# endpoint, the web app's landing page); each must answer 2xx within 10 tries, 6 s apart (a cold
# start). Internal services are unreachable from the runner: their startup probe gates them.
set -euo pipefail
stack="${1:?usage: smoke.sh <stack> <candidate|serving>}"; mode="${2:?candidate|serving}"
cd "$(dirname "$0")/../.."
targets="$(npx --no-install ts-node --transpile-only scripts/deploy/rollout.ts smoke-targets "$mode" "$stack")"
[ -n "$targets" ] || { echo "::error::no public service to smoke-test in $stack"; exit 1; }
failed=0
while read -r service url; do
  if out="$(curl -fsS --retry "${SMOKE_RETRIES:-10}" --retry-delay "${SMOKE_RETRY_DELAY:-6}" --retry-all-errors \
              --max-time 30 -o /dev/null -w '%{http_code}' "$url" 2>&1)"; then
    echo "ok   $service $url ($out)"
  else
    echo "::error::smoke test failed ($mode): $service $url: $out"
    failed=$((failed + 1))
  fi
done <<< "$targets"
[ "$failed" = 0 ] || { echo "$failed smoke check(s) failed on the $mode revision of $stack"; exit 1; }
echo "smoke ($mode): $(wc -l <<< "$targets") check(s) passed on $stack"
