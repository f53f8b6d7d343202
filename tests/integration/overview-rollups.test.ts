import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { messages, overviewFunnelDays, overviewSettled } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { loadFunnel } from "@/lib/overview/load-funnel";
import { loadResults } from "@/lib/overview/load-results";
import { loadWeeklyCollections } from "@/lib/overview/load-weekly-collections";
import { overviewRange } from "@/lib/overview/overview-range";
import { settleOverview } from "@/lib/overview/settle-overview";
import { recordInvoicePayment } from "@/lib/payments/record-payment";
import { transitionMessage } from "@/lib/state-machine/transition-message";
import { createTestInvoiceSet } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { at, JUNE_FUNNEL, withJuneClinic } from "../support/overview-june";

const june = withJuneClinic();

describe("Overview rollups", () => {
  test("events before the mark are stored by day and read back with the same figures", async () => {
    await settleOverview(
      june.database.db,
      { clinicId: june.clinic.clinicId, timeZone: "America/New_York" },
      at("2026-07-02T16:00:00Z"),
    );
    const [mark] = await june.database.db
      .select()
      .from(overviewSettled)
      .where(eq(overviewSettled.clinicId, june.clinic.clinicId));
    // Events are stored once an hour old.
    expect(mark?.settledBefore).toEqual(at("2026-07-02T15:00:00Z"));
    const stored = await june.database.db
      .select()
      .from(overviewFunnelDays)
      .where(and(eq(overviewFunnelDays.clinicId, june.clinic.clinicId), eq(overviewFunnelDays.day, "2026-06-09")));
    // S4's day-7 text, its first link open and its identity confirmation, all on June 9.
    expect(stored).toEqual([
      {
        clinicId: june.clinic.clinicId,
        day: "2026-06-09",
        channel: "sms",
        sent: 1,
        delivered: 1,
        linkOpened: 1,
        identityConfirmed: 1,
        paid: 0,
      },
    ]);
    expect(await loadFunnel(june.database.db, june.range)).toEqual(JUNE_FUNNEL);
    expect(
      (await loadResults(june.database.db, june.range)).map((row) => [row.sets, row.paid, row.medianDaysToPay]),
    ).toEqual([
      [4, 2, 7],
      [3, 1, 4],
      [2, 1, 3],
    ]);
  });

  test("a delivery and a payment show at once, and are stored once settled", async () => {
    const now = new Date();
    const place = { clinicId: june.clinic.clinicId, timeZone: "America/New_York" };
    await settleOverview(june.database.db, place, now);
    const today = overviewRange({}, place, now);
    expect(await loadFunnel(june.database.db, today)).toEqual([]);

    const s7 = await createTestInvoiceSet(june.database.db, june.clinic, {
      amountOutstandingCents: 4200,
      createdAt: now,
    });
    const invoice = await createTestInvoice(june.database.db, june.clinic, {
      patientId: s7.patientId,
      invoiceSetId: s7.id,
      totalCents: 4200,
    });
    const [sent] = await june.database.db
      .insert(messages)
      .values({
        clinicId: june.clinic.clinicId,
        invoiceSetId: s7.id,
        ruleId: june.clinic.ruleIds[0] ?? null,
        stepIndex: 0,
        channel: "sms",
        transport: "outbox",
        destination: "+15555550100",
        body: "Hi, you have a balance.",
        status: "sent",
        sentAt: now,
      })
      .returning();
    if (!sent) throw new Error("no message");
    expect(await loadFunnel(june.database.db, today)).toEqual([
      { channel: "sms", sent: 1, delivered: 0, linkOpened: 0, identityConfirmed: 0, paid: 0 },
    ]);

    await transitionMessage(june.database.db, { message: sent, to: "delivered", at: new Date() });
    const actor: Actor = { kind: "user", userId: june.clinic.users.biller.id, ip: "203.0.113.7" };
    await june.database.db.transaction((tx) =>
      recordInvoicePayment(tx, {
        clinicId: june.clinic.clinicId,
        invoiceId: invoice.id,
        amountCents: 4200,
        method: "card",
        reference: null,
        // Recorded now, received three days ago (a check in the mail): still counted.
        receivedAt: new Date(now.getTime() - 3 * 86_400_000),
        actor,
      }),
    );
    const afterPayment = [{ channel: "sms", sent: 1, delivered: 1, linkOpened: 0, identityConfirmed: 0, paid: 1 }];
    expect(await loadFunnel(june.database.db, today)).toEqual(afterPayment);
    const results = (await loadResults(june.database.db, today)).map((row) => [
      row.ruleId,
      row.sets,
      row.paid,
      row.collectedCents,
      row.medianDaysToPay,
    ]);
    expect(results).toEqual([
      [null, 1, 1, 4200, 0],
      [june.clinic.ruleIds[0], 1, 1, 4200, 0],
    ]);

    const weekly = async () =>
      (await loadWeeklyCollections(june.database.db, today)).reduce((sum, week) => sum + week.cents, 0);
    expect(await weekly()).toBe(4200);

    // Two hours later they are stored: the figures now come from the rollup.
    await settleOverview(june.database.db, place, new Date(Date.now() + 7_200_000));
    const stored = await june.database.db
      .select()
      .from(overviewFunnelDays)
      .where(and(eq(overviewFunnelDays.clinicId, june.clinic.clinicId), eq(overviewFunnelDays.day, today.toDay)));
    expect(stored.map(({ sent, delivered, paid }) => ({ sent, delivered, paid }))).toEqual([
      { sent: 1, delivered: 1, paid: 1 },
    ]);
    expect(await loadFunnel(june.database.db, today)).toEqual(afterPayment);
    expect(await weekly()).toBe(4200);
  });
});
