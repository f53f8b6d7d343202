#!/usr/bin/env bash
# The whole test suite: unit and integration (vitest), then end-to-end (Playwright).
# With DATABASE_URL, integration and e2e each make a fresh database on that server;
# without it they use fresh embedded PGlite folders.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vitest run
npx playwright test
