import "server-only";
import { createDatabase, type Database } from "./connect";

/**
 * The app's one database handle, opened on first use so `next build` never connects.
 * Kept on globalThis so dev-server reloads reuse the connection (PGlite allows one).
 */
const globalForDb = globalThis as unknown as { clinicBillingDb?: Promise<Database> };

export function getDb(): Promise<Database> {
  globalForDb.clinicBillingDb ??= createDatabase().catch((error: unknown) => {
    globalForDb.clinicBillingDb = undefined;
    throw error;
  });
  return globalForDb.clinicBillingDb;
}
