import type { Tx } from "@/db/connect";
import { type AppEvent, invoiceSetStopped } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { isAppError } from "@/lib/errors";
import type { UnusableEffect } from "@/lib/state-machine/patient-channels";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { markChannelUnusable } from "./mark-channel-unusable";

/**
 * A message failed for good: the patient's channel is marked unusable with the reason
 * (when the failure says something about it) and, if the set is still Active or Will
 * Fail, it becomes Failed. Returns the events to publish after commit (the sequence must stop).
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
  try {
    await transitionInvoiceSet(tx, {
      clinicId: params.clinicId,
      invoiceSetId: params.invoiceSetId,
      action: "delivery_failed",
      actor: SYSTEM,
      changes: { statusReason: params.reason, nextSendAt: null },
      summary: `Failed: ${params.reason}`,
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
