#!/usr/bin/env bash
# Prints the @pulumi/pulumi version locked in package-lock.json: the Pulumi CLI version the
# workflows install (pulumi/actions pulumi-version), so CLI and SDK move together.
set -euo pipefail
cd "$(dirname "$0")/../.."
node -p 'require("./package-lock.json").packages["node_modules/@pulumi/pulumi"].version'
