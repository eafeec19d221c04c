#!/usr/bin/env bash
# Installs what a fresh machine lacks: pnpm, the workspace's packages and, for the tests,
# Debian's Chromium (--with-browser) and Postgres (--with-postgres: the tests start their
# own throwaway cluster with its binaries). Safe to run again: each step is skipped when done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

WITH_BROWSER=0
WITH_POSTGRES=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) WITH_BROWSER=1 ;;
    --with-postgres) WITH_POSTGRES=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if [ "$WITH_BROWSER" -eq 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian chromium for the browser tests"
  apt_install chromium
fi

if [ "$WITH_POSTGRES" -eq 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "setup: installing Debian postgresql for the Postgres tests"
  apt_install postgresql
fi

pnpm install --frozen-lockfile --reporter=append-only | tail -3
