import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { invoiceSets, messages, patients } from "@/db/schema";

export const OUTBOX_PAGE_SIZE = 50;

/**
 * What the local outbox "sent" for a clinic, newest first, keyset-paged on
 * (created_at, id) along the clinic/transport/created index.
 */
export async function listOutbox(db: Executor, params: { clinicId: string; before?: { createdAt: Date; id: string } }) {
  const cursor = params.before
    ? or(
        lt(messages.createdAt, params.before.createdAt),
        and(eq(messages.createdAt, params.before.createdAt), lt(messages.id, params.before.id)),
      )
    : undefined;
  return db
    .select({
      id: messages.id,
      createdAt: messages.createdAt,
      channel: messages.channel,
      destination: messages.destination,
      subject: messages.subject,
      body: messages.body,
      status: messages.status,
      errorCode: messages.errorCode,
      providerId: messages.providerId,
      setStatus: invoiceSets.status,
      setStatusReason: invoiceSets.statusReason,
      firstName: patients.firstName,
      lastName: patients.lastName,
    })
    .from(messages)
    .innerJoin(invoiceSets, eq(invoiceSets.id, messages.invoiceSetId))
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .where(and(eq(messages.clinicId, params.clinicId), eq(messages.transport, "outbox"), cursor))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
}
