#!/usr/bin/env bash
# Puts the project's Node (the version in .node-version, installed by `npm ci` from the optional
# dependency node-linux-<arch>) first on PATH. Source it: `. scripts/node-env.sh`.
#   - node_modules missing: runs `npm ci --ignore-scripts` first (with whatever npm is on PATH).
#   - the installed version differs from .node-version (a stale node_modules): fails.
#   - another OS or architecture (no node-linux-<arch> package): keeps the node on PATH if its
#     major version is the pinned one, else fails naming the version to install.
# Every shell entry point of the project (.ci/run, scripts/preview.sh, scripts/engine/check.sh,
# the act rehearsals) sources it, so local runs use the Node the workflows use
# (actions/setup-node reads the same .node-version).
_node_env_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_env_want="$(tr -d ' \r\n' < "$_node_env_repo/.node-version")"
case "$(uname -m)" in x86_64|amd64) _node_env_arch=x64 ;; aarch64|arm64) _node_env_arch=arm64 ;; *) _node_env_arch="$(uname -m)" ;; esac
_node_env_dir="$_node_env_repo/node_modules/node-linux-$_node_env_arch/bin"
if [ "$(uname -s)" = Linux ] && [ ! -x "$_node_env_dir/node" ] && [ ! -d "$_node_env_repo/node_modules/@pulumi/pulumi" ]; then
  echo "node-env.sh: installing node modules (npm ci --ignore-scripts)" >&2
  (cd "$_node_env_repo" && npm ci --ignore-scripts --no-audit --no-fund >&2) || return 1 2>/dev/null || exit 1
fi
if [ -x "$_node_env_dir/node" ]; then
  case ":$PATH:" in *":$_node_env_dir:"*) ;; *) PATH="$_node_env_dir:$PATH" ;; esac
  export PATH
fi
_node_env_have="$(node --version 2>/dev/null | tr -d v)"
if [ -x "$_node_env_dir/node" ] && [ "$_node_env_have" != "$_node_env_want" ]; then
  echo "node-env.sh: node_modules holds Node $_node_env_have, .node-version says $_node_env_want: run npm ci" >&2
  return 1 2>/dev/null || exit 1
fi
if [ "${_node_env_have%%.*}" != "${_node_env_want%%.*}" ]; then
  echo "node-env.sh: Node ${_node_env_have:-none} on PATH; this project runs on Node $_node_env_want (.node-version)" >&2
  return 1 2>/dev/null || exit 1
fi
unset _node_env_repo _node_env_want _node_env_arch _node_env_dir _node_env_have
