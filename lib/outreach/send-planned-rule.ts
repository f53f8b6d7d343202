import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets, messages } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { publishEvents } from "@/lib/events/publish-events";
import { PermanentSendError, type Transports } from "@/lib/providers/transport";
import { twilioCodeEffect } from "@/lib/providers/twilio-codes";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { type Channel, channelName } from "./channels";
import { failSetForDelivery } from "./fail-set-for-delivery";
import { loadSequence, stopReason } from "./load-sequence";
import { predictDelivery } from "./predict-delivery";
import { sendMessage } from "./send-message";

export type SendResult =
  | { kind: "stop"; reason: string }
  | { kind: "will_fail"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "sent"; channels: Channel[]; skipped: Channel[] };

/**
 * The send step, after the sleep: re-reads the set (cancellation doesn't stop a step that
 * is already running), sends the rule's usable channels, notes skipped ones on the
 * timeline, and advances the set's position. Safe to retry: each channel sends once.
 */
export async function sendPlannedRule(
  db: Db,
  transports: Transports,
  plan: { clinicId: string; invoiceSetId: string; stepIndex: number; cycle: number; ruleId: string },
  now: Date,
): Promise<SendResult> {
  const ref = { clinicId: plan.clinicId, invoiceSetId: plan.invoiceSetId };
  const loaded = await loadSequence(db, ref);
  const stop = stopReason(loaded);
  if (stop || !loaded) return { kind: "stop", reason: stop ?? "invoice set not found" };
  const { set, patient, clinic } = loaded;
  const rule = loaded.rules[plan.stepIndex];
  if (set.sequenceCycle !== plan.cycle || set.sequenceStep !== plan.stepIndex || rule?.id !== plan.ruleId) {
    return { kind: "stop", reason: "the sequence moved on (rule set changed or restarted)" };
  }

  // Contact details may have changed while the sequence slept.
  const prediction = predictDelivery(rule.channels, patient);
  if (prediction.willFail && prediction.reason) {
    const reason = prediction.reason;
    await db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        ...ref,
        action: "predicted_to_fail",
        actor: SYSTEM,
        changes: { statusReason: reason },
        summary: `Will Fail: ${reason}`,
      }),
    );
    return { kind: "will_fail", reason };
  }

  for (const channel of prediction.usable) {
    try {
      await sendMessage(db, {
        clinic,
        patient,
        rule,
        invoiceSetId: set.id,
        cycle: plan.cycle,
        stepIndex: plan.stepIndex,
        channel,
        amountCents: set.amountOutstandingCents,
        transport: transports[channel],
        now,
      });
    } catch (error) {
      if (!(error instanceof PermanentSendError)) throw error;
      const reason = error.message;
      const events = await db.transaction(async (tx) => {
        await tx
          .update(messages)
          .set({ status: "failed", errorCode: error.code, errorMessage: reason, failedAt: now, updatedAt: now })
          .where(
            and(
              eq(messages.invoiceSetId, set.id),
              eq(messages.sequenceCycle, plan.cycle),
              eq(messages.ruleId, rule.id),
              eq(messages.channel, channel),
            ),
          );
        await recordTimelineEvent(tx, {
          ...ref,
          kind: "message_failed",
          actor: SYSTEM,
          summary: `${channelName(channel)} failed: ${reason}`,
          details: { channel, code: error.code },
        });
        return failSetForDelivery(tx, {
          ...ref,
          patientId: patient.id,
          effect: twilioCodeEffect(error.code) ?? "invalid",
          reason,
          at: now,
          details: { code: error.code },
        });
      });
      await publishEvents(events);
      return { kind: "failed", reason };
    }
  }

  await db.transaction(async (tx) => {
    if (prediction.skipped.length > 0) {
      const sentWith = prediction.usable.map(channelName).join(" and ");
      await recordTimelineEvent(tx, {
        ...ref,
        kind: "note",
        actor: SYSTEM,
        summary: `${prediction.skipped.map((s) => `${channelName(s.channel)} skipped (${s.reason})`).join("; ")}; sent by ${sentWith} only`,
        details: { stepIndex: plan.stepIndex, skipped: prediction.skipped },
      });
    }
    await tx
      .update(invoiceSets)
      .set({ sequenceStep: plan.stepIndex + 1, nextSendAt: null, updatedAt: now })
      .where(
        and(
          eq(invoiceSets.id, set.id),
          eq(invoiceSets.sequenceStep, plan.stepIndex),
          eq(invoiceSets.sequenceCycle, plan.cycle),
        ),
      );
  });
  return { kind: "sent", channels: prediction.usable, skipped: prediction.skipped.map((s) => s.channel) };
}
