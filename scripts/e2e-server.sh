#!/usr/bin/env bash
# Started by Playwright: a fresh database, migrated and seeded, then a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
if [ -n "${DATABASE_URL:-}" ]; then
  name="billing_e2e_$(date +%s)_$$"
  psql "$DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
  export DATABASE_URL="${DATABASE_URL%/*}/$name"
else
  export PGLITE_DIR="$(mktemp -d /tmp/billing-e2e-pglite-XXXXXX)"
fi
timeout 300 npx tsx db/seed/cli.ts
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e}"
npx next build
exec npx next start -p "$port"
