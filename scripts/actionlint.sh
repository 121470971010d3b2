#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint, built from its Go module into a cache outside
# the repository (reused when present). Exits non-zero on any finding.
#   MINDMIRROR_TOOLS_CACHE  cache directory (default ~/.cache/mindmirror-tools)
#   ACTIONLINT_VERSION      module version to build (default below)
set -euo pipefail
cd "$(dirname "$0")/.."

version="${ACTIONLINT_VERSION:-v1.7.12}"
cache="${MINDMIRROR_TOOLS_CACHE:-$HOME/.cache/mindmirror-tools}"
bin="$cache/actionlint-$version"

if [ ! -x "$bin" ]; then
    if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
        PATH="$PATH:/usr/local/go/bin"
    fi
    command -v go >/dev/null 2>&1 || { echo "actionlint.sh: Go is needed to build actionlint $version" >&2; exit 2; }
    echo "actionlint.sh: building github.com/rhysd/actionlint/cmd/actionlint@$version into $cache" >&2
    mkdir -p "$cache"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    GOBIN="$tmp" CGO_ENABLED=0 go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
    mv "$tmp/actionlint" "$bin"
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" -eq 0 ]; then
    echo "actionlint.sh: no workflows under .github/workflows" >&2
    exit 1
fi
"$bin" -version | head -n 1
"$bin" "$@" "${workflows[@]}"
echo "actionlint.sh: ${#workflows[@]} workflow(s) clean"
