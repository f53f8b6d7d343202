import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";
import { clinics, patients } from "@/db/schema";
import { type AppEvent, invoiceSetStopped, type PermanentFailure } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { runUseCase } from "@/lib/events/run-use-case";
import { groupBy } from "@/lib/group-by";
import { BULK_CHUNK_SIZE, bulkTransitionInvoiceSets } from "@/lib/state-machine/bulk-transition-invoice-sets";
import type { UnusableEffect } from "@/lib/state-machine/patient-channels";
import type { InvoiceSetRowContext } from "@/lib/state-machine/plan-invoice-set-transition";
import { isEmailEffect, markChannelsUnusable } from "./mark-channel-unusable";
import { channelProblem } from "./predict-delivery";

export interface DeliveryFailure {
  clinicId: string;
  invoiceSetId: string;
  patientId: string;
  /** What the failure says about the patient's channel; null: nothing (e.g. every channel was refused). */
  effect: UnusableEffect | null;
  reason: string;
  at: Date;
  /** Kept on the set's timeline line. */
  details?: Record<string, unknown>;
}

/**
 * Messages failed for good, any number at once: each patient's channel is marked unusable
 * with the provider's reason (when the failure says something about it) and each set still
 * Active or Will Fail becomes Failed, with the reason the row shows ("Number is a landline
 * (30006)"). A set that is Paused, closed or already Failed keeps its status; the channel
 * is recorded all the same. A set failed twice in one call takes its first failure.
 * Set-based: one update per kind of channel problem, one audit insert, one read of the
 * patients and one transition per clinic (in chunks of a thousand sets). Returns, per
 * failure, whether it failed its set, and the events to publish after commit (the
 * sequences must stop).
 */
export async function failSetsForDelivery(
  tx: Tx,
  failures: readonly DeliveryFailure[],
): Promise<{ failedSet: boolean[]; events: AppEvent[] }> {
  const marks = failures.filter((f): f is DeliveryFailure & { effect: UnusableEffect } => f.effect !== null);
  await markChannelsUnusable(tx, marks);
  const reasons = await reasonsNow(tx, marks);

  // The first failure of each set (in time) is the one its row and timeline tell.
  const tellers = new Map<string, DeliveryFailure>();
  for (const failure of [...failures].sort((a, b) => +a.at - +b.at))
    if (!tellers.has(failure.invoiceSetId)) tellers.set(failure.invoiceSetId, failure);

  const failedSetIds = new Set<string>();
  for (const [clinicId, clinicFailures] of groupBy([...tellers.values()], (f) => f.clinicId)) {
    for (let start = 0; start < clinicFailures.length; start += BULK_CHUNK_SIZE) {
      const facts = new Map<string, InvoiceSetRowContext>();
      for (const failure of clinicFailures.slice(start, start + BULK_CHUNK_SIZE))
        facts.set(failure.invoiceSetId, {
          statusReason: reasons.get(failure) ?? failure.reason,
          details: failure.details,
        });
      const { changed } = await bulkTransitionInvoiceSets(tx, {
        clinicId,
        action: "delivery_failed",
        ids: [...facts.keys()],
        facts,
        actor: SYSTEM,
      });
      for (const row of changed) failedSetIds.add(row.id);
    }
  }

  const failedSet = failures.map((f) => failedSetIds.has(f.invoiceSetId) && tellers.get(f.invoiceSetId) === f);
  const events = failures
    .filter((_, index) => failedSet[index])
    .map((f) =>
      invoiceSetStopped.create({ clinicId: f.clinicId, invoiceSetId: f.invoiceSetId, reason: "delivery_failed" }),
    );
  return { failedSet, events };
}

/**
 * The runs permanent delivery failures start (messagePermanentlyFailed, both engines; the
 * local engine hands a pass's failures over together): what each receipt said fails its set
 * in one transaction, and the sequences stop after the commit.
 */
export async function failSetsForFailedMessages(
  db: Db,
  failures: readonly PermanentFailure[],
): Promise<("failed" | "unchanged")[]> {
  const { result } = await runUseCase(db, async (tx) => {
    const { failedSet, events } = await failSetsForDelivery(
      tx,
      failures.map((failure) => ({
        clinicId: failure.clinicId,
        invoiceSetId: failure.invoiceSetId,
        patientId: failure.patientId,
        effect: failure.effect,
        reason: failure.reason,
        at: new Date(failure.at),
        details: { messageId: failure.messageId, channel: failure.channel, status: failure.status, code: failure.code },
      })),
    );
    return { result: failedSet.map((failed) => (failed ? ("failed" as const) : ("unchanged" as const))), events };
  });
  return result;
}

/** Each channel's problem as the patient's record now says it, in the clinic's zone. */
async function reasonsNow(tx: Tx, marks: readonly (DeliveryFailure & { effect: UnusableEffect })[]) {
  const reasons = new Map<DeliveryFailure, string>();
  if (marks.length === 0) return reasons;
  const rows = await tx
    .select({ patient: patients, timeZone: clinics.timeZone })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .where(
      and(
        inArray(patients.id, [...new Set(marks.map((m) => m.patientId))]),
        inArray(patients.clinicId, [...new Set(marks.map((m) => m.clinicId))]),
      ),
    );
  const byPatient = new Map(rows.map((row) => [`${row.patient.clinicId}/${row.patient.id}`, row]));
  for (const mark of marks) {
    const row = byPatient.get(`${mark.clinicId}/${mark.patientId}`);
    const reason = row && channelProblem(isEmailEffect(mark.effect) ? "email" : "sms", row.patient, row.timeZone);
    if (reason) reasons.set(mark, reason);
  }
  return reasons;
}
