#!/usr/bin/env bash
# The whole test suite on a fresh clone: setup, typecheck, lint, editor build, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser --with-postgres
pnpm typecheck
pnpm lint
if [ -f editor/package.json ] && grep -q '"build"' editor/package.json; then
  pnpm --filter @layercast/editor build
  pnpm --filter @layercast/editor build:e2e
fi
pnpm test
