#!/usr/bin/env bash
# Started by Playwright: a fresh database, migrated and seeded, then a production build.
# With E2E_EMPTY_DATABASE=1 (the first-run project): a fresh database with no clinic at all,
# served from the build the main e2e server made just before (Playwright starts them in order).
# On Postgres the app runs as npm start runs it in production: two server processes (WEB_CONCURRENCY).
# When Playwright stops it (SIGTERM, playwright.config.ts gracefulShutdown), the server stops
# first, then its database (or PGlite folder) is removed: CI runs leave nothing behind.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
if [ -n "${DATABASE_URL:-}" ]; then
  admin_url="$DATABASE_URL"
  name="billing_e2e_$(date +%s)_$$"
  psql "$admin_url" -qc "CREATE DATABASE $name" >/dev/null
  export DATABASE_URL="${DATABASE_URL%/*}/$name"
  export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
  remove_data() { psql "$admin_url" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; }
else
  export PGLITE_DIR="$(mktemp -d /tmp/billing-e2e-pglite-XXXXXX)"
  remove_data() { rm -rf "$PGLITE_DIR"; }
fi
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e}"

server=""
stop() {
  local status=$?
  trap - TERM INT EXIT
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  remove_data
  exit "$status"
}
trap stop TERM INT EXIT

if [ "${E2E_EMPTY_DATABASE:-}" != "1" ]; then
  timeout 300 npx tsx db/seed/cli.ts
  npx next build
fi
node scripts/start.mjs -p "$port" &
server=$!
wait "$server"
