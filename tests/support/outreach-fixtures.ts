import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/connect";
import { messages } from "@/db/schema";
import { createTestInvoiceSet, createTestPatient, type TestClinic } from "./fixtures";

/** A message as the sequence would have written it after the provider accepted it. */
export async function createTestMessage(
  db: Executor,
  clinic: TestClinic,
  params: {
    invoiceSetId: string;
    channel: "sms" | "email";
    transport: "twilio" | "resend" | "outbox";
    destination: string;
    ruleIndex?: number;
  },
) {
  const providerId = params.transport === "twilio" ? `SM${randomUUID().replace(/-/g, "")}` : randomUUID();
  const [row] = await db
    .insert(messages)
    .values({
      clinicId: clinic.clinicId,
      invoiceSetId: params.invoiceSetId,
      ruleId: clinic.ruleIds[params.ruleIndex ?? 0],
      stepIndex: params.ruleIndex ?? 0,
      channel: params.channel,
      transport: params.transport,
      destination: params.destination,
      body: "Hi Jamie, pay here: http://localhost/p/x",
      providerId,
      status: "sent",
      sentAt: new Date(),
    })
    .returning();
  if (!row) throw new Error("message insert returned nothing");
  return row;
}

/** An Active set whose patient was just texted through Twilio: the set, its patient and the text. */
export async function createTextedSet(db: Executor, clinic: TestClinic) {
  const patient = await createTestPatient(db, clinic.clinicId, {
    phone: `+1202555${String(Math.floor(1000 + Math.random() * 8999))}`,
  });
  const set = await createTestInvoiceSet(db, clinic, { patientId: patient.id });
  const message = await createTestMessage(db, clinic, {
    invoiceSetId: set.id,
    channel: "sms",
    transport: "twilio",
    destination: patient.phone ?? "",
  });
  return { patient, set, message };
}
