import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { messages, type patients, timelineEvents } from "@/db/schema";
import { sendReceiptFunction } from "@/inngest/functions/send-receipt";
import { createPaymentPlan } from "@/lib/payment-plans/create-payment-plan";
import { recordPatientPayment } from "@/lib/payments/record-patient-payment";
import { twilioTransport } from "@/lib/providers/twilio";
import type { ReceiptSenders } from "@/lib/receipts/receipt-senders";
import { sendReceipt } from "@/lib/receipts/send-receipt";
import { startFakeProviders } from "../support/fake-providers";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { createTestInvoice } from "../support/invoice-fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

/** Collects what would have left the app, like a provider's sent folder. */
function capturingSenders() {
  const sent: { channel: "email" | "sms"; to: string; subject?: string; html?: string; body?: string; key: string }[] =
    [];
  const senders: ReceiptSenders = {
    email: async (message) => {
      sent.push({
        channel: "email",
        to: message.to,
        subject: message.subject,
        html: message.html,
        key: message.idempotencyKey,
      });
      return { providerId: `test-${sent.length}`, transport: "outbox" };
    },
    sms: {
      name: "outbox",
      async send(message) {
        sent.push({ channel: "sms", to: message.to, body: message.body, key: message.messageId });
        // Unique like a provider's id: each message row of the file gets its own.
        return { providerId: `test-${message.messageId}` };
      },
    },
  };
  return { sent, senders };
}

async function paidPatient(overrides: Partial<typeof patients.$inferInsert>, payCents: number) {
  const patient = await createTestPatient(database.db, clinic.clinicId, overrides);
  const set = await createTestInvoiceSet(database.db, clinic, { patientId: patient.id, amountOutstandingCents: 10000 });
  await createTestInvoice(database.db, clinic, { patientId: patient.id, invoiceSetId: set.id, totalCents: 10000 });
  const payment = await database.db.transaction((tx) =>
    recordPatientPayment(tx, {
      clinicId: clinic.clinicId,
      patientId: patient.id,
      amountCents: payCents,
      method: "cash",
      reference: null,
      receivedAt: new Date("2026-11-20T16:00:00Z"),
      actor: { kind: "user", userId: clinic.users.biller.id },
    }),
  );
  return {
    patient,
    set,
    request: { clinicId: clinic.clinicId, patientId: patient.id, receiptId: payment.receiptId, amountCents: payCents },
  };
}

async function receiptEvents(setId: string) {
  return database.db
    .select({ summary: timelineEvents.summary, kind: timelineEvents.kind })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.invoiceSetId, setId), eq(timelineEvents.actorKind, "system")));
}

describe("receipts", () => {
  test("a payment gets one email receipt (React Email HTML) and a 'Receipt sent' timeline entry, even when run twice", async () => {
    const { set, request, patient } = await paidPatient({}, 10000);
    const { sent, senders } = capturingSenders();
    expect(await sendReceipt(database.db, request, senders)).toEqual({
      status: "sent",
      channel: "email",
      to: patient.email,
    });
    expect(await sendReceipt(database.db, request, senders)).toEqual({ status: "skipped", reason: "already_sent" });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toBe("Receipt: $100.00 paid to Test Clinic");
    expect(sent[0]?.html).toContain("Payment receipt");
    expect(sent[0]?.html).toContain("Your balance is paid in full.");
    const summaries = (await receiptEvents(set.id)).map((event) => event.summary);
    expect(summaries).toContain(`Receipt sent by email to ${patient.email}: $100.00`);
  });

  test("without a usable email the receipt is a text with a link to the statement", async () => {
    const { set, request } = await paidPatient({ email: null, phone: "+12025550188" }, 2500);
    const { sent, senders } = capturingSenders();
    expect((await sendReceipt(database.db, request, senders)).status).toBe("sent");
    expect(sent[0]).toMatchObject({ channel: "sms", to: "+12025550188" });
    expect(sent[0]?.body).toMatch(
      /we received your \$25\.00 payment on Nov 20, 2026\. Remaining balance \$75\.00\. Your statement: http.*\/p\/[A-Za-z0-9_-]{43}$/,
    );
    expect((await receiptEvents(set.id)).map((event) => event.summary)).toContain(
      "Receipt sent by text to +12025550188: $25.00",
    );
  });

  test("Twilio takes the receipt's text but the answer never comes: the retry finds it, exactly one provider call", async () => {
    const phone = "+12025550189";
    const { set, request } = await paidPatient({ email: null, phone }, 3000);
    const fake = await startFakeProviders();
    try {
      const senders: ReceiptSenders = {
        ...capturingSenders().senders,
        sms: twilioTransport({
          accountSid: "AC00000000000000000000000000000004",
          authToken: "token",
          fromNumber: "+12025550100",
          statusCallbackUrl: "http://localhost:3000/api/webhooks/twilio/status",
          apiOrigin: fake.origin,
        }),
      };
      fake.hangAfterAccepting(1);
      await expect(sendReceipt(database.db, request, senders)).rejects.toThrow();
      const [sending] = await database.db.select().from(messages).where(eq(messages.receiptId, request.receiptId));
      expect(sending).toMatchObject({ status: "sending", channel: "sms", destination: phone, providerId: null });

      // The receipt function's retry asks Twilio first, and a third run sends nothing.
      expect(await sendReceipt(database.db, request, senders)).toMatchObject({ status: "sent", channel: "sms" });
      expect(await sendReceipt(database.db, request, senders)).toMatchObject({ status: "skipped" });
      const texts = fake.accepted.filter(
        (r) => r.path.endsWith("/Messages.json") && new URLSearchParams(r.body).get("To") === phone,
      );
      expect(texts).toHaveLength(1);
      // Its delivery receipt finds it by the message id in the callback URL.
      expect(new URLSearchParams(texts[0]?.body).get("StatusCallback")).toContain(`messageId=${sending?.id}`);
      const [sent] = await database.db.select().from(messages).where(eq(messages.receiptId, request.receiptId));
      expect(sent).toMatchObject({ status: "sent", providerId: expect.stringMatching(/^SM/) });
      // No working link is kept at rest for a real provider.
      expect(sent?.body).toContain("Your statement: {{patient_link}}");
      expect((await receiptEvents(set.id)).filter((e) => e.summary.startsWith("Receipt sent by text"))).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  test("the Inngest function sends the receipt for a paymentReceived event", async () => {
    const { set, request } = await paidPatient({}, 4000);
    const engine = new InngestTestEngine({ function: sendReceiptFunction });
    const { result } = await engine.execute({ events: [{ name: "billing/payment.received", data: request }] });
    expect(result).toMatchObject({ status: "sent", channel: "email" });
    expect((await receiptEvents(set.id)).some((event) => event.summary.startsWith("Receipt sent by email"))).toBe(true);
  });
});

describe("receipts on a payment plan", () => {
  /** $90 on a 3-installment monthly plan from 2030-03-11; the first $30 installment is paid. */
  async function paidFirstInstallment(overrides: Partial<typeof patients.$inferInsert>) {
    const patient = await createTestPatient(database.db, clinic.clinicId, overrides);
    const set = await createTestInvoiceSet(database.db, clinic, {
      patientId: patient.id,
      amountOutstandingCents: 9000,
    });
    await createTestInvoice(database.db, clinic, { patientId: patient.id, invoiceSetId: set.id, totalCents: 9000 });
    const biller = { kind: "user" as const, userId: clinic.users.biller.id };
    await createPaymentPlan(
      database.db,
      { clinicId: clinic.clinicId, actor: biller },
      {
        invoiceSetId: set.id,
        split: { kind: "count", count: 3 },
        frequency: "monthly",
        firstDueOn: "2030-03-11",
        downPaymentCents: 0,
        autopay: false,
      },
      new Date("2030-03-04T15:00:00Z"),
    );
    const payment = await database.db.transaction((tx) =>
      recordPatientPayment(tx, {
        clinicId: clinic.clinicId,
        patientId: patient.id,
        amountCents: 3000,
        method: "cash",
        reference: null,
        receivedAt: new Date("2030-03-10T16:00:00Z"),
        actor: biller,
      }),
    );
    return { clinicId: clinic.clinicId, patientId: patient.id, receiptId: payment.receiptId, amountCents: 3000 };
  }

  test("the email receipt lists the installments paid and scheduled", async () => {
    const request = await paidFirstInstallment({});
    const { sent, senders } = capturingSenders();
    expect(await sendReceipt(database.db, request, senders)).toMatchObject({ channel: "email" });
    expect(sent[0]?.html).toContain("Your payment plan");
    expect(sent[0]?.html).toContain("Mar 11, 2030: $30.00 (Paid)");
    expect(sent[0]?.html).toContain("Apr 11, 2030: $30.00 (Scheduled)");
    expect(sent[0]?.html).toContain("May 11, 2030: $30.00 (Scheduled)");
  });

  test("the text receipt says how far the plan is and when the next installment is due", async () => {
    const request = await paidFirstInstallment({ email: null, phone: "+12025550189" });
    const { sent, senders } = capturingSenders();
    expect(await sendReceipt(database.db, request, senders)).toMatchObject({ channel: "sms" });
    expect(sent[0]?.body).toContain(
      "Remaining balance $60.00. Payment plan: 1 of 3 paid, next $30.00 on Apr 11, 2030. Your statement: http",
    );
  });
});
