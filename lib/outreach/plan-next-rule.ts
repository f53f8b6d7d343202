import { sql } from "drizzle-orm";
import { bookkeepingTransaction } from "@/db/bookkeeping-commit";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { Rule } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { ruleMethods } from "./channels";
import { type LoadedSequence, loadSequences, stopReason } from "./load-sequence";
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
  const [result] = await planNextRules(db, [ref], now);
  if (!result) throw new Error("no plan was made");
  if (result instanceof Error) throw result;
  return result;
}

type Decision =
  | { result: PlanResult; write?: undefined }
  | { result: PlanResult; write: "move"; set: LoadedSequence["set"]; nextSendAt: Date | null; nextActionAt: Date }
  | {
      result: PlanResult & { kind: "will_fail" };
      write: "will_fail";
      set: LoadedSequence["set"];
      sendAt: Date;
      rule: Rule;
    };

/**
 * planNextRule for many sets (the local engine's batches): one read of all of them, the
 * same decision per set, and their next times written in one statement. A Will Fail is
 * its own transaction, and its error (an Error in its place) stays its own.
 */
export async function planNextRules(
  db: Db,
  refs: readonly { clinicId: string; invoiceSetId: string }[],
  now: Date,
): Promise<(PlanResult | Error)[]> {
  const loaded = await loadSequences(db, refs);
  const decisions = refs.map((ref) => decide(loaded.get(ref.invoiceSetId) ?? null, now));
  const moves = decisions.flatMap((d) => (d.write === "move" ? [d] : []));
  // A plan lost in a crash is made again when the run runs again.
  const moved =
    moves.length === 0
      ? new Set<string>()
      : await bookkeepingTransaction(db, async (tx) => {
          const json = JSON.stringify(
            moves.map((d) => ({
              id: d.set.id,
              clinic_id: d.set.clinicId,
              step: d.set.sequenceStep,
              cycle: d.set.sequenceCycle,
              next_send_at: d.nextSendAt?.toISOString() ?? null,
              next_action_at: d.nextActionAt.toISOString(),
            })),
          );
          // Only a set still Active at the position its plan was made for.
          const rows = await executeRows<{ id: string }>(
            tx,
            sql`update invoice_sets s
              set next_send_at = v.next_send_at, next_action_at = v.next_action_at, updated_at = ${now.toISOString()}::timestamptz
              from jsonb_to_recordset(${json}::jsonb) as v(id uuid, clinic_id uuid, step int, cycle int, next_send_at timestamptz, next_action_at timestamptz)
              where s.id = v.id and s.clinic_id = v.clinic_id and s.status = 'active'
                and s.sequence_step = v.step and s.sequence_cycle = v.cycle
              returning s.id`,
          );
          return new Set(rows.map((row) => row.id));
        });
  const results: (PlanResult | Error)[] = [];
  for (const [i, d] of decisions.entries()) {
    const ref = refs[i] as { clinicId: string; invoiceSetId: string };
    if (d.write === "will_fail") results.push(await markWillFail(db, ref, d).catch(asError));
    else if (d.write === "move" && d.result.kind === "send" && !moved.has(d.set.id))
      results.push({ kind: "stop", reason: "invoice set changed a moment ago" });
    else results.push(d.result);
  }
  return results;
}

/** What planNextRule decides for one loaded set, and what it has to write. */
function decide(loaded: LoadedSequence | null, now: Date): Decision {
  const stop = stopReason(loaded);
  if (stop || !loaded) return { result: { kind: "stop", reason: stop ?? "invoice set not found" } };
  const { set, patient, rules, ruleSet, window } = loaded;

  const rule = rules[set.sequenceStep];
  const plannedAt = now.toISOString();
  if (!rule) {
    const at = ruleDueAt(set.sequenceStartedAt, ruleSet.expiryDays, patient.timeZone);
    // The expiry is the set's next action: the reconcile leaves a set that is only waiting for it.
    return {
      result: { kind: "expire", cycle: set.sequenceCycle, at: at.toISOString(), plannedAt },
      write: "move",
      set,
      nextSendAt: null,
      nextActionAt: at,
    };
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
  if (prediction.willFail && prediction.reason)
    return {
      result: { kind: "will_fail", reason: prediction.reason, stepIndex: set.sequenceStep },
      write: "will_fail",
      set,
      sendAt,
      rule,
    };
  return {
    result: {
      kind: "send",
      stepIndex: set.sequenceStep,
      cycle: set.sequenceCycle,
      ruleId: rule.id,
      sendAt: sendAt.toISOString(),
      plannedAt,
    },
    write: "move",
    set,
    nextSendAt: sendAt,
    nextActionAt: sendAt,
  };
}

function markWillFail(
  db: Db,
  ref: { clinicId: string; invoiceSetId: string },
  d: Extract<Decision, { write: "will_fail" }>,
): Promise<PlanResult> {
  const { result, set, rule, sendAt } = d;
  return bookkeepingTransaction(db, async (tx) => {
    await transitionInvoiceSet(tx, {
      ...ref,
      action: "predicted_to_fail",
      actor: SYSTEM,
      changes: { statusReason: result.reason, nextSendAt: sendAt },
      summary: `Will Fail: ${result.reason}`,
      details: { stepIndex: set.sequenceStep, ruleId: rule.id, channels: rule.channels },
    });
    return result;
  });
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
