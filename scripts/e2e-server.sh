#!/usr/bin/env bash
# Started by Playwright: a fresh database, migrated and seeded, then a production build.
# With E2E_EMPTY_DATABASE=1 (the first-run project): a fresh database with no clinic at all,
# served from the build the main e2e server made just before (Playwright starts them in order).
# On Postgres the app runs as npm start runs it in production: two server processes (WEB_CONCURRENCY).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
if [ -n "${DATABASE_URL:-}" ]; then
  name="billing_e2e_$(date +%s)_$$"
  psql "$DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  export DATABASE_URL="${DATABASE_URL%/*}/$name"
  export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
else
  export PGLITE_DIR="$(mktemp -d /tmp/billing-e2e-pglite-XXXXXX)"
fi
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e}"
if [ "${E2E_EMPTY_DATABASE:-}" = "1" ]; then
  exec node scripts/start.mjs -p "$port"
fi
timeout 300 npx tsx db/seed/cli.ts
npx next build
exec node scripts/start.mjs -p "$port"
