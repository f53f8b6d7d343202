import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/connect";
import { clinics, patients } from "@/db/schema";
import { type AppEvent, invoiceSetStopped, type PermanentFailure } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { isAppError } from "@/lib/errors";
import { runUseCase } from "@/lib/events/run-use-case";
import type { UnusableEffect } from "@/lib/state-machine/patient-channels";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { markChannelUnusable } from "./mark-channel-unusable";
import { channelProblem } from "./predict-delivery";

/**
 * A message failed for good: the patient's channel is marked unusable with the provider's
 * reason (when the failure says something about it) and, if the set is still Active or Will
 * Fail, it becomes Failed, with the reason the row shows ("Number is a landline (30006)"). Returns the events to publish after commit (the sequence must stop).
 */
export async function failSetForDelivery(
  tx: Tx,
  params: {
    clinicId: string;
    invoiceSetId: string;
    patientId: string;
    effect: UnusableEffect | null;
    reason: string;
    at: Date;
    details?: Record<string, unknown>;
  },
): Promise<AppEvent[]> {
  const { effect } = params;
  if (effect) await markChannelUnusable(tx, { ...params, effect });
  const reason = (effect && (await reasonNow(tx, params, effect))) || params.reason;
  try {
    await transitionInvoiceSet(tx, {
      clinicId: params.clinicId,
      invoiceSetId: params.invoiceSetId,
      action: "delivery_failed",
      actor: SYSTEM,
      changes: { statusReason: reason, nextSendAt: null },
      summary: `Failed: ${reason}`,
      details: params.details,
    });
  } catch (error) {
    // Paused, closed or already Failed: the channel is still recorded; the status stays.
    if (isAppError(error) && (error.code === "invalid_transition" || error.code === "conflict")) return [];
    throw error;
  }
  return [
    invoiceSetStopped.create({
      clinicId: params.clinicId,
      invoiceSetId: params.invoiceSetId,
      reason: "delivery_failed",
    }),
  ];
}

/**
 * The run a permanent delivery failure starts (messagePermanentlyFailed, both engines): what
 * the receipt said fails the set in one transaction, and its sequence stops after the commit.
 */
export async function failSetForFailedMessage(db: Db, failure: PermanentFailure): Promise<"failed" | "unchanged"> {
  const { result } = await runUseCase(db, async (tx) => {
    const events = await failSetForDelivery(tx, {
      clinicId: failure.clinicId,
      invoiceSetId: failure.invoiceSetId,
      patientId: failure.patientId,
      effect: failure.effect,
      reason: failure.reason,
      at: new Date(failure.at),
      details: { messageId: failure.messageId, channel: failure.channel, status: failure.status, code: failure.code },
    });
    return { result: events.length > 0 ? ("failed" as const) : ("unchanged" as const), events };
  });
  return result;
}

/** The channel's problem as the patient's record now says it, in the clinic's zone. */
async function reasonNow(
  tx: Tx,
  params: { clinicId: string; patientId: string },
  effect: UnusableEffect,
): Promise<string | null> {
  const [row] = await tx
    .select({ patient: patients, timeZone: clinics.timeZone })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .where(and(eq(patients.id, params.patientId), eq(patients.clinicId, params.clinicId)));
  if (!row) return null;
  const channel = effect === "bounced" || effect === "complained" ? "email" : "sms";
  return channelProblem(channel, row.patient, row.timeZone);
}
