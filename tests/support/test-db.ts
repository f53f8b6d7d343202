import { afterAll, inject } from "vitest";
import { createDatabase, type Database } from "@/db/connect";

let opened: Promise<Database> | undefined;

/**
 * The run's fresh database (see integration-global-setup.ts). Every test file makes its
 * own clinic with `createTestClinic`, so files never see each other's rows.
 */
export function testDatabase(): Promise<Database> {
  if (!opened) {
    const { url, pgliteDir } = inject("testDatabase");
    opened = createDatabase({ url: url ?? undefined, pgliteDir: pgliteDir ?? undefined });
    // Code under test that calls getDb() (actions, Inngest functions) gets this same database.
    (globalThis as { clinicBillingDb?: Promise<Database> }).clinicBillingDb = opened;
    afterAll(async () => {
      const database = await opened;
      opened = undefined;
      (globalThis as { clinicBillingDb?: Promise<Database> }).clinicBillingDb = undefined;
      await database?.close();
    });
  }
  return opened;
}
