#!/usr/bin/env bash
# Compiles the policy pack to JavaScript once, for the engine to load without TypeScript:
#   scripts/pack.sh [out-dir]      (default .pack/, ignored by git); prints the directory.
# Why: the Node.js SDK's run-policy-pack always registers ts-node with typeCheck: true, whatever
# PULUMI_NODEJS_TRANSPILE_ONLY says, so a TypeScript pack is type-checked (seconds of CPU) on every
# preview and up. `npm test` already type-checks the pack (tsc -p policy-pack); the compiled copy
# holds only JavaScript, so ts-node has nothing to compile. The output is a complete pack:
# PulumiPolicy.yaml, package.json with main index.js, the compiled sources (tests excluded);
# modules resolve from the repository's node_modules (the directory sits at the root).
# Rebuilt only when a source under policy-pack/ changed (a hash stamp). Use it as
#   pulumi preview --policy-pack "$(scripts/pack.sh)" --policy-pack-config policy-pack/config/<stack>.json
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/.pack}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$repo"
hash="$(find policy-pack -path policy-pack/node_modules -prune -o -path policy-pack/tests -prune -o -type f \( -name '*.ts' -o -name '*.json' -o -name '*.yaml' \) -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$hash" ]; then echo "$out"; exit 0; fi
rm -rf "$out.tmp"; mkdir -p "$out.tmp"
# The pack's own compiler options, without its tests (and without mocha's types).
cat > "$out.tmp/tsconfig.build.json" <<JSON
{
  "extends": "$repo/policy-pack/tsconfig.json",
  "compilerOptions": { "noEmit": false, "outDir": "$out.tmp", "rootDir": "$repo/policy-pack", "types": ["node"], "sourceMap": false },
  "include": ["$repo/policy-pack/*.ts", "$repo/policy-pack/lib/**/*.ts", "$repo/policy-pack/policies/**/*.ts", "$repo/policy-pack/cost/**/*.ts"]
}
JSON
node_modules/.bin/tsc -p "$out.tmp/tsconfig.build.json" >&2 || { rm -rf "$out.tmp"; exit 1; }
rm -f "$out.tmp/tsconfig.build.json"
cp policy-pack/PulumiPolicy.yaml "$out.tmp/"
node -e '
  const p = require(process.argv[1]);
  const out = { name: p.name, version: p.version, description: p.description, main: "index.js", license: p.license, dependencies: p.dependencies };
  require("fs").writeFileSync(process.argv[2], JSON.stringify(out, null, 2) + "\n");
' "$repo/policy-pack/package.json" "$out.tmp/package.json"
echo "$hash" > "$out.tmp/.stamp"
rm -rf "$out"; mv "$out.tmp" "$out"
echo "$out"
