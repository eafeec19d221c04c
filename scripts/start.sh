#!/usr/bin/env bash
# Starts Layercast: the server with the editor at http://localhost:${PORT:-3000}/,
# on the embedded SQLite database in ${LAYERCAST_DATA:-./data}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f editor/package.json ] && grep -q '"build"' editor/package.json; then
  pnpm --filter @layercast/editor build
fi
# The server runs as compiled JavaScript (server/dist, built in a few seconds with the
# render child's code cache): no TypeScript loader at start-up. `pnpm layercast serve` runs
# the sources instead.
pnpm --filter @layercast/server build
exec node --enable-source-maps server/dist/cli.js serve
