import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, timelineEvents } from "@/db/schema";
import { runResumePausedSets } from "@/inngest/functions/resume-paused-sets";
import type { Actor } from "@/lib/actor";
import { calendarDateInZone } from "@/lib/format/dates";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { bulkInvoiceSetAction } from "@/lib/invoice-sets/bulk-invoice-set-action";
import { countMetricCards } from "@/lib/invoice-sets/count-metric-cards";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
let actor: Actor;
const ZONE = "America/New_York";

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  actor = { kind: "user", userId: clinic.users.biller.id };
});

/** A calendar date `days` after today in the clinic's zone. */
function dateIn(days: number): string {
  const [y, m, d] = calendarDateInZone(new Date(), ZONE).split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

async function reload(id: string) {
  const [row] = await database.db.select().from(invoiceSets).where(eq(invoiceSets.id, id));
  if (!row) throw new Error("set vanished");
  return row;
}

async function timeline(id: string) {
  return database.db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.invoiceSetId, id))
    .orderBy(asc(timelineEvents.occurredAt));
}

function pause(invoiceSetId: string, resumeOn: string, reason = "Insurance pending") {
  return applyInvoiceSetAction(
    database.db,
    { clinicId: clinic.clinicId, actor },
    { invoiceSetId, action: "pause", pause: { resumeOn, reason } },
  );
}

describe("Pause until a date", () => {
  test("stores the start of that day in the clinic's zone and the reason, with timeline and audit", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    const resumeOn = dateIn(10);
    await pause(set.id, resumeOn);

    const row = await reload(set.id);
    expect(row.status).toBe("paused");
    expect(row.statusReason).toBe("Insurance pending");
    // Midnight in New York is 04:00 or 05:00 UTC depending on DST.
    expect(row.resumeAt?.toISOString()).toMatch(new RegExp(`^${resumeOn}T0[45]:00:00.000Z$`));
    const [entry] = await timeline(set.id);
    expect(entry?.summary).toMatch(/^Pause: Paused \(was Active\) — until .+ \(Insurance pending\)$/);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, set.id), eq(auditLog.action, "invoice_set.pause")));
    expect(audit?.after).toMatchObject({ status: "paused", statusReason: "Insurance pending" });
    expect(audit?.after?.resumeAt).toBeTruthy();
  });

  test("refuses a date that is today or past, naming the field, and changes nothing", async () => {
    const set = await createTestInvoiceSet(database.db, clinic);
    await expect(pause(set.id, dateIn(0))).rejects.toMatchObject({
      code: "invalid_input",
      message: "Pick a resume date after today.",
      fieldErrors: { resumeOn: ["Pick a resume date after today."] },
    });
    expect((await reload(set.id)).status).toBe("active");
    expect(await timeline(set.id)).toHaveLength(0);
  });

  test("the scheduled pass resumes only sets whose date has come, through Resume and its prediction", async () => {
    const reachable = await createTestInvoiceSet(database.db, clinic);
    const { id: unreachablePatient } = await createTestPatient(database.db, clinic.clinicId, {
      phone: null,
      email: null,
    });
    const unreachable = await createTestInvoiceSet(database.db, clinic, { patientId: unreachablePatient });
    const later = await createTestInvoiceSet(database.db, clinic);
    const before = await countMetricCards(database.db, clinic.clinicId);
    await pause(reachable.id, dateIn(3), "Promise to pay");
    await pause(unreachable.id, dateIn(3));
    await pause(later.id, dateIn(20));
    // The card's "resuming soon" counts the two within 7 days, not the one in 20.
    const after = await countMetricCards(database.db, clinic.clinicId);
    expect(after.resumingSoon - before.resumingSoon).toBe(2);
    expect(after.attention.paused - before.attention.paused).toBe(3);

    const resumeAt = (await reload(reachable.id)).resumeAt;
    if (!resumeAt) throw new Error("no resume time");
    // Just before the day starts nothing moves.
    await runResumePausedSets(new Date(resumeAt.getTime() - 60_000));
    expect((await reload(reachable.id)).status).toBe("paused");

    await runResumePausedSets(new Date(resumeAt.getTime() + 60_000));
    expect(await reload(reachable.id)).toMatchObject({ status: "active", statusReason: null, resumeAt: null });
    expect(await reload(unreachable.id)).toMatchObject({ status: "will_fail", resumeAt: null });
    expect((await reload(unreachable.id)).statusReason).toBe("No phone number on file · No email address on file");
    expect(await reload(later.id)).toMatchObject({ status: "paused", statusReason: "Insurance pending" });

    const entries = await timeline(reachable.id);
    expect(entries.at(-1)).toMatchObject({
      summary: "Resume: Active (was Paused) — the pause ended on its resume date",
      actorKind: "system",
    });
    // A second pass finds nothing more to do.
    expect(await runResumePausedSets(new Date(resumeAt.getTime() + 120_000))).toMatchObject({ resumed: 0 });
  });

  test("staff resuming early clears the date; bulk Pause offers the same date and reason", async () => {
    const a = await createTestInvoiceSet(database.db, clinic);
    const b = await createTestInvoiceSet(database.db, clinic);
    const closed = await createTestInvoiceSet(database.db, clinic, { status: "paid" });
    const result = await bulkInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, clinicTimeZone: clinic.timeZone, actor },
      {
        action: "pause",
        pause: { resumeOn: dateIn(5), reason: "Dispute" },
        selection: { kind: "ids", ids: [a.id, b.id, closed.id] },
      },
    );
    expect(result).toMatchObject({ changed: 2, skipped: { "already paid": 1 } });
    expect(await reload(b.id)).toMatchObject({ status: "paused", statusReason: "Dispute" });

    await applyInvoiceSetAction(
      database.db,
      { clinicId: clinic.clinicId, actor },
      { invoiceSetId: a.id, action: "resume" },
    );
    expect(await reload(a.id)).toMatchObject({ status: "active", resumeAt: null, statusReason: null });
  });
});
