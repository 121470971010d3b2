#!/usr/bin/env bash
# scripts/engine/provide.sh — provide a Pulumi engine that runs offline here.
#
# Usage:
#   eval "$(scripts/engine/provide.sh)"          # sets PATH_PREFIX
#   export PATH="$PATH_PREFIX:$PATH"
#   pulumi version
#
# stdout: exactly one line, `PATH_PREFIX=<absolute dir>` (shell-safe, for eval).
#         Everything else (progress, go output, warnings) goes to stderr.
# exit:   0 when every binary below is in <dir>; non-zero otherwise.
#
# <dir> = ${MINDMIRROR_ENGINE_CACHE:-$HOME/.cache/mindmirror-engine}/<sdk>/bin, where
# <sdk> is the @pulumi/pulumi version in package-lock.json. It holds:
#   pulumi                         the Pulumi CLI, built with `go build` from its Go modules
#   pulumi-language-nodejs         Node.js language host (upstream's when the module proxy
#                                  serves it, else the stand-in in scripts/engine/standin/langhost)
#   pulumi-resource-<pkg>          offline stand-in providers (scripts/engine/standin/provider)
#                                  for each package in MINDMIRROR_STANDIN_PACKAGES, reporting
#                                  the version package-lock.json has for @pulumi/<pkg>
#   pulumi-resource-pulumi-nodejs  the dynamic-provider shim shipped in @pulumi/pulumi
#   ENGINE.txt                     what was built, from which versions, and why
#
# Environment:
#   MINDMIRROR_ENGINE_CACHE         cache root (default $HOME/.cache/mindmirror-engine); keep it
#                                   outside the repository.
#   MINDMIRROR_PULUMI_CLI_VERSION   CLI version to build (default: the lockfile's @pulumi/pulumi
#                                   version if the module proxy serves github.com/pulumi/pulumi/pkg/v3
#                                   at that version, else MINDMIRROR_PULUMI_CLI_FALLBACK).
#   MINDMIRROR_PULUMI_CLI_FALLBACK  default 3.259.0: the newest pkg/v3 whose module zip the proxy
#                                   reachable here serves (3.260.0 onward answer 403).
#   MINDMIRROR_STANDIN_PACKAGES     default "gcp random github".
#   MINDMIRROR_ENGINE_REBUILD=1     ignore the cache and rebuild everything.
#   MINDMIRROR_GO_PARALLEL          `go build -p` value (default 2).
#
# A `pulumi` already on PATH whose `pulumi version` equals the lockfile version is used
# instead of building one (symlinked into <dir>, together with a pulumi-language-nodejs
# found beside it). Stand-in providers are built in any case.
#
# Reuse: each part is rebuilt only when its inputs change (versions, Go version, stand-in
# sources); a second run with everything cached takes about a second and needs no network.
set -euo pipefail

log() { printf 'provide.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
lock="$repo/package-lock.json"
[ -f "$lock" ] || die "no package-lock.json at $lock"
command -v node >/dev/null || die "node is not on PATH"
command -v go >/dev/null || { [ -x /usr/local/go/bin/go ] && PATH="/usr/local/go/bin:$PATH"; }
command -v go >/dev/null || die "go is not on PATH (nor /usr/local/go/bin/go)"

lockver() { # lockver <npm package> -> version from package-lock.json, or empty
  node -e '
    const l = require(process.argv[1]);
    const p = (l.packages || {})["node_modules/" + process.argv[2]];
    const d = (l.dependencies || {})[process.argv[2]];
    process.stdout.write(((p && p.version) || (d && d.version) || "").replace(/^v/, ""));
  ' "$lock" "$1"
}

sdk_version="$(lockver @pulumi/pulumi)"
[ -n "$sdk_version" ] || die "@pulumi/pulumi not found in $lock"

cache_root="${MINDMIRROR_ENGINE_CACHE:-$HOME/.cache/mindmirror-engine}"
case "$cache_root" in "$repo"|"$repo"/*) die "MINDMIRROR_ENGINE_CACHE must be outside the repository";; esac
base="$cache_root/$sdk_version"
bin="$base/bin"
src="$base/src"
mkdir -p "$bin" "$src" "$base/logs"

# One provider at a time per cache: a second caller waits for the first.
exec 9>"$base/.lock"
flock 9

export GOFLAGS=-mod=mod
export GOTOOLCHAIN=local
gop="${MINDMIRROR_GO_PARALLEL:-2}"
go_version="$(go env GOVERSION)"
rebuild="${MINDMIRROR_ENGINE_REBUILD:-0}"
stand_pkgs="${MINDMIRROR_STANDIN_PACKAGES:-gcp random github}"
version_pkg="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"

stamp_ok() { # stamp_ok <name> <key> <files...>
  local name="$1" key="$2"; shift 2
  [ "$rebuild" = 1 ] && return 1
  [ -f "$base/$name.stamp" ] && [ "$(cat "$base/$name.stamp")" = "$key" ] || return 1
  local f; for f in "$@"; do [ -x "$bin/$f" ] || return 1; done
}
stamp_set() { printf '%s' "$2" >"$base/$1.stamp"; }

# Run a build step, logging to logs/<name>.log (and to stderr on failure).
run_logged() { # run_logged <name> <cmd...>
  local name="$1"; shift
  local logf="$base/logs/$name.log"
  if ! "$@" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    die "$name failed (full log: $logf)"
  fi
}

notes=()

# ---------------------------------------------------------------- CLI + language host
ambient=""
if p="$(command -v pulumi 2>/dev/null)" && [ "$(readlink -f "$p")" != "$(readlink -f "$bin/pulumi" 2>/dev/null || true)" ]; then
  if [ "$("$p" version 2>/dev/null | tr -d 'v\r')" = "$sdk_version" ]; then ambient="$(readlink -f "$p")"; fi
fi

if [ -n "$ambient" ]; then
  log "using pulumi $sdk_version already on PATH: $ambient"
  ln -sfn "$ambient" "$bin/pulumi"
  if [ -x "$(dirname "$ambient")/pulumi-language-nodejs" ]; then
    ln -sfn "$(dirname "$ambient")/pulumi-language-nodejs" "$bin/pulumi-language-nodejs"
    rm -f "$base/langhost.stamp"
  fi
  cli_version="$sdk_version"; cli_note="ambient $ambient"
  rm -f "$base/cli.stamp"
fi

# CLI version: decided once per cache (recorded in cli.version), so cached runs need no network.
if [ -z "$ambient" ]; then
  if [ -n "${MINDMIRROR_PULUMI_CLI_VERSION:-}" ]; then
    cli_version="${MINDMIRROR_PULUMI_CLI_VERSION#v}"; cli_note="MINDMIRROR_PULUMI_CLI_VERSION"
  elif [ "$rebuild" != 1 ] && [ -s "$base/cli.version" ]; then
    read -r cli_version cli_note <"$base/cli.version"
  else
    log "checking whether the module proxy serves github.com/pulumi/pulumi/pkg/v3@v$sdk_version ..."
    if (cd "$src" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$sdk_version" >"$base/logs/probe-pkg.json" 2>&1); then
      cli_version="$sdk_version"; cli_note="exact"
    else
      cli_version="${MINDMIRROR_PULUMI_CLI_FALLBACK:-3.259.0}"; cli_note="fallback"
      log "WARNING: github.com/pulumi/pulumi/pkg/v3@v$sdk_version is not served by the module proxy"
      log "         ($(grep -o '[0-9][0-9][0-9] [A-Za-z ]*' "$base/logs/probe-pkg.json" | head -1)); building CLI v$cli_version instead."
    fi
    echo "$cli_version $cli_note" >"$base/cli.version"
  fi
  [ "$cli_version" = "$sdk_version" ] || notes+=("CLI is v$cli_version, not v$sdk_version: pkg/v3@v$sdk_version is not served by the module proxy")

  cli_key="cli $cli_version $go_version"
  if stamp_ok cli "$cli_key" pulumi; then
    log "pulumi v$cli_version: cached"
  else
    log "building pulumi v$cli_version from github.com/pulumi/pulumi/pkg/v3 (first time: ~5 min, ~2 GB RAM) ..."
    w="$src/cli-$cli_version"
    rm -rf "$w"; mkdir -p "$w"
    # pkg/v3's own go.mod replaces sdk/v3 => ../sdk, so `go install pkg@version` refuses it;
    # a wrapper module pins both at one version and copies pkg's non-local replace directive.
    cat >"$w/go.mod" <<EOF
module mindmirror.local/engine-cli

go 1.25

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

require (
	github.com/pulumi/pulumi/pkg/v3 v$cli_version
	github.com/pulumi/pulumi/sdk/v3 v$cli_version
)
EOF
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' >"$w/tools.go"
    run_logged cli-tidy sh -c "cd '$w' && go mod tidy"
    run_logged cli-build sh -c "cd '$w' && go build -p $gop -trimpath -ldflags '-s -w -X $version_pkg=v$cli_version' -o '$bin/pulumi.new' github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
    mv -f "$bin/pulumi.new" "$bin/pulumi"
    stamp_set cli "$cli_key"
  fi
  got="$("$bin/pulumi" version)"
  [ "$got" = "v$cli_version" ] || die "built pulumi reports $got, expected v$cli_version"
fi

# Language host: upstream's module is untagged; its pseudo-version is derived from the commit of
# pkg/v3@v<cli> (the proxy's .info "Origin" field). When the proxy doesn't serve it, build the stand-in.
stand_src_hash="$(cd "$here/standin" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
if [ -z "$ambient" ] || [ ! -e "$bin/pulumi-language-nodejs" ]; then
  lh_key="langhost $cli_version $sdk_version $go_version $stand_src_hash"
  if stamp_ok langhost "$lh_key" pulumi-language-nodejs; then
    log "pulumi-language-nodejs: cached ($(cat "$base/langhost.kind" 2>/dev/null || echo '?'))"
  else
    lh_kind=""
    # shellcheck disable=SC2015  # `|| true`: no derivable pseudo-version is not an error
    info="$(cd "$src" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$cli_version" 2>/dev/null | node -e '
      let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const j=JSON.parse(s);
      const i=require("fs").readFileSync(j.Info,"utf8");const o=JSON.parse(i);
      if(o.Origin&&o.Origin.Hash){const t=o.Time.replace(/[-:TZ]/g,"").slice(0,14);
      process.stdout.write("v3.0.0-"+t+"-"+o.Origin.Hash.slice(0,12));}}catch(e){}})' || true)"
    if [ -n "$info" ]; then
      log "trying upstream pulumi-language-nodejs@$info ..."
      w="$src/langhost-$cli_version"; rm -rf "$w"; mkdir -p "$w"
      cat >"$w/go.mod" <<EOF
module mindmirror.local/engine-langhost

go 1.25

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

require (
	github.com/pulumi/pulumi/pkg/v3 v$cli_version
	github.com/pulumi/pulumi/sdk/v3 v$cli_version
	github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 $info
)
EOF
      printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"\n' >"$w/tools.go"
      if (cd "$w" && go mod tidy && go build -p "$gop" -trimpath -ldflags "-s -w -X $version_pkg=v$cli_version" \
            -o "$bin/pulumi-language-nodejs.new" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) \
            >"$base/logs/langhost-upstream.log" 2>&1; then
        lh_kind="upstream $info"
      else
        log "upstream language host not available from the module proxy ($(grep -o '40[0-9] [A-Za-z ]*' "$base/logs/langhost-upstream.log" | head -1 || true)); using the stand-in"
      fi
    fi
    if [ -z "$lh_kind" ]; then
      log "building stand-in pulumi-language-nodejs (scripts/engine/standin/langhost) ..."
      w="$src/standin"; rm -rf "$w"; mkdir -p "$w"; cp -R "$here/standin/." "$w/"
      run_logged langhost-build sh -c "cd '$w' && go build -p $gop -trimpath -ldflags '-s -w -X main.version=$sdk_version' -o '$bin/pulumi-language-nodejs.new' ./langhost"
      lh_kind="stand-in (scripts/engine/standin/langhost)"
    fi
    mv -f "$bin/pulumi-language-nodejs.new" "$bin/pulumi-language-nodejs"
    echo "$lh_kind" >"$base/langhost.kind"
    stamp_set langhost "$lh_key"
  fi
fi
lh_kind="$(cat "$base/langhost.kind" 2>/dev/null || echo "ambient")"
case "$lh_kind" in upstream*|ambient) ;; *) notes+=("pulumi-language-nodejs is the stand-in host: the upstream module is not served by the module proxy");; esac

# ---------------------------------------------------------------- stand-in providers
versions=""; files=()
for p in $stand_pkgs; do
  v="$(lockver "@pulumi/$p")"
  [ -n "$v" ] || die "@pulumi/$p is not in $lock (MINDMIRROR_STANDIN_PACKAGES=$stand_pkgs)"
  versions="${versions:+$versions,}$p=$v"; files+=("pulumi-resource-$p")
done
prov_key="provider $versions $go_version $stand_src_hash"
if stamp_ok providers "$prov_key" "${files[@]}"; then
  log "stand-in providers ($versions): cached"
else
  log "building stand-in providers ($versions) ..."
  w="$src/standin"; rm -rf "$w"; mkdir -p "$w"; cp -R "$here/standin/." "$w/"
  run_logged provider-build sh -c "cd '$w' && go build -p $gop -trimpath -ldflags '-s -w -X main.pluginVersions=$versions' -o '$bin/pulumi-resource-standin' ./provider"
  for f in "${files[@]}"; do ln -f "$bin/pulumi-resource-standin" "$bin/$f"; done
  stamp_set providers "$prov_key"
fi

# Dynamic-provider shim shipped by the Node.js SDK (what upstream's CLI archive ships beside pulumi).
shim="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ -f "$shim" ]; then install -m 0755 "$shim" "$bin/pulumi-resource-pulumi-nodejs"; fi

{
  echo "@pulumi/pulumi (lockfile): $sdk_version"
  echo "pulumi CLI: v$cli_version (${cli_note:-})"
  echo "pulumi-language-nodejs: $lh_kind"
  echo "stand-in providers: $versions"
  echo "go: $go_version"
  for n in "${notes[@]:-}"; do [ -n "$n" ] && echo "note: $n"; done
} >"$bin/ENGINE.txt"
for n in "${notes[@]:-}"; do [ -n "$n" ] && log "note: $n"; done

printf 'PATH_PREFIX=%q\n' "$bin"
