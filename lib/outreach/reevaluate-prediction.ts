import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { invoiceSets } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { ruleMethods } from "./channels";
import { loadSequence } from "./load-sequence";
import { predictDelivery } from "./predict-delivery";

export type ReevaluateResult =
  | { kind: "unchanged" }
  /** Still Active: the caller restarts the sequence so it re-plans (a new zone moves the send time). */
  | { kind: "unchanged_active"; invoiceSetId: string }
  | { kind: "cleared"; invoiceSetId: string; cycle: number; step: number }
  | { kind: "predicted"; invoiceSetId: string; reason: string };

/**
 * A patient's contact details changed (staff edit, STOP/START): does their open set's next
 * rule still fail, or now fail? Will Fail or Failed → Active when fixed (the caller restarts the
 * sequence); Active → Will Fail when it now would; a Will Fail set whose reason changed keeps
 * its status with the new reason.
 */
export async function reevaluatePrediction(
  db: Db,
  ref: { clinicId: string; patientId: string },
): Promise<ReevaluateResult> {
  const [open] = await db
    .select({ id: invoiceSets.id })
    .from(invoiceSets)
    .where(
      and(
        eq(invoiceSets.clinicId, ref.clinicId),
        eq(invoiceSets.patientId, ref.patientId),
        inArray(invoiceSets.status, ["active", "will_fail", "failed"]),
      ),
    );
  if (!open) return { kind: "unchanged" };
  const loaded = await loadSequence(db, { clinicId: ref.clinicId, invoiceSetId: open.id });
  if (!loaded) return { kind: "unchanged" };
  const { set, patient } = loaded;
  const rule = loaded.rules[set.sequenceStep];
  if (!rule && set.status === "active") return { kind: "unchanged_active", invoiceSetId: set.id };
  const prediction = rule
    ? predictDelivery(ruleMethods(rule), patient, {
        timeZone: loaded.clinic.timeZone,
        hasCardOnFile: loaded.card !== null,
      })
    : { willFail: false, reason: null };
  const setRef = { clinicId: ref.clinicId, invoiceSetId: set.id };

  if ((set.status === "will_fail" || set.status === "failed") && !prediction.willFail) {
    await db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        ...setRef,
        action: "prediction_cleared",
        actor: SYSTEM,
        changes: { statusReason: null },
        summary: "Active again: the patient's contact details were fixed",
        ...(set.status === "failed" ? { details: { wasFailed: set.statusReason } } : {}),
      }),
    );
    return { kind: "cleared", invoiceSetId: set.id, cycle: set.sequenceCycle, step: set.sequenceStep };
  }
  // Active → Will Fail, or Will Fail for a new reason: one timeline line per change, none when it stays the same.
  const newReason = set.status === "active" || (set.status === "will_fail" && prediction.reason !== set.statusReason);
  if (newReason && prediction.willFail && prediction.reason) {
    const reason = prediction.reason;
    await db.transaction((tx) =>
      transitionInvoiceSet(tx, {
        ...setRef,
        action: "predicted_to_fail",
        actor: SYSTEM,
        changes: { statusReason: reason },
        summary: `Will Fail: ${reason}`,
      }),
    );
    return { kind: "predicted", invoiceSetId: set.id, reason };
  }
  return set.status === "active" ? { kind: "unchanged_active", invoiceSetId: set.id } : { kind: "unchanged" };
}
