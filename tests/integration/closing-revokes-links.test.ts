import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { patientLinks } from "@/db/schema";
import { createPatientLink } from "@/lib/patient-links/tokens";
import { bulkTransitionInvoiceSets } from "@/lib/state-machine/bulk-transition-invoice-sets";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000);

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

async function setWithLink(status: "active" | "paused" = "active") {
  const set = await createTestInvoiceSet(database.db, clinic, { status });
  await createPatientLink(database.db, { clinicId: clinic.clinicId, invoiceSetId: set.id, expiresAt: inAMonth() });
  return set;
}

async function revokedFlags(setIds: string[]) {
  const rows = await database.db.select().from(patientLinks).where(inArray(patientLinks.invoiceSetId, setIds));
  return rows.map((row) => row.revokedAt !== null);
}

describe("a set that closes takes its patient links with it", () => {
  test("Write Off through the guarded transition revokes the set's links; Pause keeps them", async () => {
    const writtenOff = await setWithLink();
    const paused = await setWithLink();
    await database.db.transaction(async (tx) => {
      await transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: writtenOff.id,
        action: "write_off",
        actor: { kind: "system" },
      });
      await transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: paused.id,
        action: "pause",
        actor: { kind: "system" },
      });
    });
    expect(await revokedFlags([writtenOff.id])).toEqual([true]);
    expect(await revokedFlags([paused.id])).toEqual([false]);
  });

  test("a bulk Cancel revokes the links of every set it closed, and only those", async () => {
    const open = [await setWithLink(), await setWithLink("paused")];
    const alreadyClosed = await createTestInvoiceSet(database.db, clinic, {
      status: "paid",
      amountOutstandingCents: 0,
    });
    await createPatientLink(database.db, {
      clinicId: clinic.clinicId,
      invoiceSetId: alreadyClosed.id,
      expiresAt: inAMonth(),
    });
    const result = await database.db.transaction((tx) =>
      bulkTransitionInvoiceSets(tx, {
        clinicId: clinic.clinicId,
        ids: [...open.map((set) => set.id), alreadyClosed.id],
        action: "cancel",
        actor: { kind: "system" },
      }),
    );
    expect(result.changed).toHaveLength(2);
    expect(await revokedFlags(open.map((set) => set.id))).toEqual([true, true]);
    const [untouched] = await database.db
      .select()
      .from(patientLinks)
      .where(eq(patientLinks.invoiceSetId, alreadyClosed.id));
    expect(untouched?.revokedAt).toBeNull();
  });
});
