import { and, eq } from "drizzle-orm";
import { bookkeepingTransaction } from "@/db/bookkeeping-commit";
import type { Db } from "@/db/connect";
import { invoiceSets } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { ruleMethods } from "./channels";
import { loadSequence, stopReason } from "./load-sequence";
import { predictDelivery } from "./predict-delivery";
import { computeSendTime, ruleDueAt } from "./send-window";

export type PlanResult =
  | { kind: "stop"; reason: string }
  | { kind: "will_fail"; reason: string; stepIndex: number }
  | { kind: "send"; stepIndex: number; cycle: number; ruleId: string; sendAt: string; plannedAt: string }
  | { kind: "expire"; cycle: number; at: string; plannedAt: string };

/**
 * The next thing a set's sequence will do: send the rule at its position (at a time moved
 * into the send window in the patient's zone, recorded as the set's next send time), or
 * wait for the expiry. If every channel of that rule would fail, the set becomes Will Fail.
 */
export async function planNextRule(
  db: Db,
  ref: { clinicId: string; invoiceSetId: string },
  now: Date,
): Promise<PlanResult> {
  const loaded = await loadSequence(db, ref);
  const stop = stopReason(loaded);
  if (stop || !loaded) return { kind: "stop", reason: stop ?? "invoice set not found" };
  const { set, patient, rules, ruleSet, window } = loaded;

  const rule = rules[set.sequenceStep];
  const plannedAt = now.toISOString();
  if (!rule) {
    const at = ruleDueAt(set.sequenceStartedAt, ruleSet.expiryDays, patient.timeZone);
    // The expiry is the set's next action: the reconcile leaves a set that is only waiting for it.
    await bookkeepingTransaction(db, (tx) =>
      tx.update(invoiceSets).set({ nextActionAt: at, nextSendAt: null, updatedAt: now }).where(stillAt(ref, set)),
    );
    return { kind: "expire", cycle: set.sequenceCycle, at: at.toISOString(), plannedAt };
  }
  const sendAt = computeSendTime({
    sequenceStartedAt: set.sequenceStartedAt,
    delayDays: rule.delayDays,
    timeZone: patient.timeZone,
    window,
    notBefore: now,
  });
  const prediction = predictDelivery(ruleMethods(rule), patient, {
    timeZone: loaded.clinic.timeZone,
    hasCardOnFile: loaded.card !== null,
  });

  // A plan lost in a crash is made again when the run runs again.
  return bookkeepingTransaction(db, async (tx): Promise<PlanResult> => {
    if (prediction.willFail && prediction.reason) {
      await transitionInvoiceSet(tx, {
        ...ref,
        action: "predicted_to_fail",
        actor: SYSTEM,
        changes: { statusReason: prediction.reason, nextSendAt: sendAt },
        summary: `Will Fail: ${prediction.reason}`,
        details: { stepIndex: set.sequenceStep, ruleId: rule.id, channels: rule.channels },
      });
      return { kind: "will_fail", reason: prediction.reason, stepIndex: set.sequenceStep };
    }
    const updated = await tx
      .update(invoiceSets)
      .set({ nextSendAt: sendAt, nextActionAt: sendAt, updatedAt: now })
      .where(stillAt(ref, set))
      .returning({ id: invoiceSets.id });
    if (updated.length === 0) return { kind: "stop", reason: "invoice set changed a moment ago" };
    return {
      kind: "send",
      stepIndex: set.sequenceStep,
      cycle: set.sequenceCycle,
      ruleId: rule.id,
      sendAt: sendAt.toISOString(),
      plannedAt,
    };
  });
}

/** The set is still Active at the position this plan was made for. */
function stillAt(
  ref: { clinicId: string; invoiceSetId: string },
  set: { sequenceStep: number; sequenceCycle: number },
) {
  return and(
    eq(invoiceSets.id, ref.invoiceSetId),
    eq(invoiceSets.clinicId, ref.clinicId),
    eq(invoiceSets.status, "active"),
    eq(invoiceSets.sequenceStep, set.sequenceStep),
    eq(invoiceSets.sequenceCycle, set.sequenceCycle),
  );
}
