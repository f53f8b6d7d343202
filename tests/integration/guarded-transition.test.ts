import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, timelineEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { createTestClinic, createTestInvoiceSet, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let otherClinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  otherClinic = await createTestClinic(database.db, "Other Clinic");
});

async function eventsFor(setId: string) {
  const { db } = database;
  const timeline = await db.select().from(timelineEvents).where(eq(timelineEvents.invoiceSetId, setId));
  const audit = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "invoice_set"), eq(auditLog.entityId, setId)));
  return { timeline, audit };
}

describe("guarded invoice set transition", () => {
  test("applies an allowed transition with one timeline event and one audit row", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const actor = { kind: "user" as const, userId: clinic.users.biller.id, ip: "203.0.113.9" };
    const result = await database.db.transaction((tx) =>
      transitionInvoiceSet(tx, { clinicId: clinic.clinicId, invoiceSetId: set.id, action: "pause", actor }),
    );
    expect(result).toMatchObject({ from: "active", to: "paused" });
    const { timeline, audit } = await eventsFor(set.id);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      kind: "status_change",
      actorKind: "user",
      summary: "Pause: Paused (was Active)",
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "invoice_set.pause",
      ip: "203.0.113.9",
      before: { status: "active" },
      after: { status: "paused" },
    });
  });

  test("a refused transition changes nothing and says why", async () => {
    const set = await createTestInvoiceSet(database.db, clinic, { status: "paid", amountOutstandingCents: 0 });
    const attempt = database.db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: set.id,
        action: "pause",
        actor: { kind: "system" },
      }),
    );
    await expect(attempt).rejects.toThrow("Pause isn't possible: this invoice set is already paid.");
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row?.status).toBe("paid");
    expect(await eventsFor(set.id)).toEqual({ timeline: [], audit: [] });
  });

  test("another clinic's set is not found, whatever id is sent", async () => {
    const set = await createTestInvoiceSet(database.db, otherClinic);
    const attempt = database.db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        clinicId: clinic.clinicId,
        invoiceSetId: set.id,
        action: "cancel",
        actor: { kind: "system" },
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    expect(row?.status).toBe("active");
  });

  test("two concurrent conflicting transitions: exactly one applies, the other is refused clearly", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const run = (action: "balance_cleared" | "pause") =>
      database.db
        .transaction((tx) =>
          transitionInvoiceSet(tx, {
            clinicId: clinic.clinicId,
            invoiceSetId: set.id,
            action,
            actor: { kind: "system" },
          }),
        )
        .then(
          (result) => ({ ok: true as const, to: result.to }),
          (error: unknown) => ({ ok: false as const, error }),
        );

    const outcomes = await Promise.all([run("balance_cleared"), run("pause")]);
    const applied = outcomes.filter((outcome) => outcome.ok);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const error = refused[0] && !refused[0].ok ? refused[0].error : undefined;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/isn't possible/);

    const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, set.id));
    const winner = applied[0]?.ok ? applied[0].to : undefined;
    expect(row?.status).toBe(winner);
    const { timeline, audit } = await eventsFor(set.id);
    expect(timeline).toHaveLength(1);
    expect(audit).toHaveLength(1);
  });
});
