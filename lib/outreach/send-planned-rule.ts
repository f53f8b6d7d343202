import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { bookkeepingTransaction } from "@/db/bookkeeping-commit";
import type { Db, Executor } from "@/db/connect";
import { invoiceSets, type Message, messages, type Rule } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { runUseCase } from "@/lib/events/run-use-case";
import { PermanentSendError, type Transports } from "@/lib/providers/transport";
import { twilioCodeEffect } from "@/lib/providers/twilio-codes";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { transitionMessage } from "@/lib/state-machine/transition-message";
import {
  recordTimelineEvent,
  recordTimelineEvents,
  type TimelineEventInput,
} from "@/lib/timeline/record-timeline-event";
import { type Channel, channelName, type RuleMethod, ruleMethods } from "./channels";
import { type CardChargeOutcome, chargeCardForRule } from "./charge-card-for-rule";
import { failSetsForDelivery } from "./fail-set-for-delivery";
import { type LoadedSequence, loadSequence, stopReason } from "./load-sequence";
import { markChannelsUnusable } from "./mark-channel-unusable";
import { type DeliveryPrediction, predictDelivery } from "./predict-delivery";
import { sendMessage } from "./send-message";
import { moveIntoSendWindow } from "./send-window";
import { countSmsSegments, MAX_SMS_SEGMENTS } from "./sms-segments";

export type SendResult =
  | { kind: "stop"; reason: string }
  | { kind: "will_fail"; reason: string }
  | { kind: "failed"; reason: string }
  /** Outside the send window now (a late wake-up, the throttle queue): send at `at`. */
  | { kind: "deferred"; at: string }
  | { kind: "sent"; channels: Channel[]; skipped: RuleMethod[]; charge: CardChargeOutcome | null };

/** A text the patient's phone would get garbled or split past the limit, found with the real values. */
class TextTooLongError extends Error {}

/**
 * The send step, after the sleep: re-reads the set (cancellation doesn't stop a step that
 * is already running), re-checks the send window at this moment, charges the card on file
 * first when the rule says "Charge Card" (a paid set gets no message), sends the rule's
 * usable channels, notes skipped methods on the timeline, and advances the set's position.
 * A channel refused for good doesn't stop the others; the set fails only when none went
 * out. Safe to retry: each channel sends once and the card is charged once per cycle.
 */
export async function sendPlannedRule(
  db: Db,
  providers: { transports: Transports; stripe: Stripe | null },
  plan: { clinicId: string; invoiceSetId: string; stepIndex: number; cycle: number; ruleId: string },
  now: Date,
): Promise<SendResult> {
  const { transports } = providers;
  const ref = { clinicId: plan.clinicId, invoiceSetId: plan.invoiceSetId };
  let loaded = await loadSequence(db, ref);
  const decision = decideSend(loaded, plan, now);
  if (decision.kind === "stop") return decision;
  if (decision.kind === "deferred") {
    await db
      .update(invoiceSets)
      .set({ nextSendAt: decision.allowedAt, nextActionAt: decision.allowedAt, updatedAt: now })
      .where(and(eq(invoiceSets.id, plan.invoiceSetId), eq(invoiceSets.status, "active")));
    return { kind: "deferred", at: decision.allowedAt.toISOString() };
  }
  if (decision.kind === "will_fail") {
    const { reason } = decision;
    await runUseCase(db, async (tx) => {
      await transitionInvoiceSet(tx, {
        ...ref,
        action: "predicted_to_fail",
        actor: SYSTEM,
        changes: { statusReason: reason },
        summary: `Will Fail: ${reason}`,
      });
      return { result: null, events: [] };
    });
    return { kind: "will_fail", reason };
  }
  const { rule, prediction } = decision;
  const { patient, clinic } = decision.loaded;
  let { set } = decision.loaded;
  loaded = decision.loaded;

  const failures: { channel: RuleMethod; reason: string }[] = [];
  let charge: CardChargeOutcome | null = null;
  if (loaded.card && prediction.usable.includes("card")) {
    charge = await chargeCardForRule(db, providers.stripe, { loaded, plan, now });
    if (charge === "no_answer")
      throw new Error("Stripe did not answer the Charge Card step; it is asked again with the same idempotency key.");
    if (charge === "not_configured") failures.push({ channel: "card", reason: "online payment is not set up" });
    loaded = await loadSequence(db, ref);
    const stopNow = stopReason(loaded);
    if (stopNow || !loaded) return { kind: "stop", reason: stopNow ?? "invoice set not found" };
    set = loaded.set;
  }

  const sent: Channel[] = [];
  const channels = prediction.usable.filter((method): method is Channel => method !== "card");
  for (const channel of channels) {
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
        check: channel === "sms" ? checkSegments : undefined,
      });
      sent.push(channel);
    } catch (error) {
      if (!(error instanceof PermanentSendError) && !(error instanceof TextTooLongError)) throw error;
      const code = error instanceof PermanentSendError ? error.code : null;
      failures.push({ channel, reason: error.message });
      await recordChannelFailure(db, {
        ...ref,
        key: { cycle: plan.cycle, ruleId: rule.id, channel },
        patientId: patient.id,
        reason: error.message,
        code,
        now,
      });
    }
  }
  // The set fails only when nothing reached the patient: no message, and no charge went through.
  const messageFailures = failures.filter((f) => f.channel !== "card");
  const cardWorked = charge === "recorded" || charge === "pending" || charge === "already_settled";
  if (sent.length === 0 && messageFailures.length > 0 && !cardWorked) {
    const reason = messageFailures.map((f) => f.reason).join("; ");
    await runUseCase(db, async (tx) => {
      const failure = {
        ...ref,
        patientId: patient.id,
        effect: null,
        reason,
        at: now,
        details: { stepIndex: plan.stepIndex },
      };
      return { result: null, events: (await failSetsForDelivery(tx, [failure])).events };
    });
    return { kind: "failed", reason };
  }

  const skipped = [...prediction.skipped, ...failures];
  // Lost in a crash, the step runs again and finds each message already sent.
  await bookkeepingTransaction(db, async (tx) => {
    await recordTimelineEvents(tx, skippedNotes([{ ref, stepIndex: plan.stepIndex, skipped, sent }]));
    await advanceSequences(tx, [{ invoiceSetId: set.id, stepIndex: plan.stepIndex, cycle: plan.cycle }], now);
  });
  return { kind: "sent", channels: sent, skipped: skipped.map((s) => s.channel), charge };
}

export type SendDecision =
  | { kind: "stop"; reason: string }
  | { kind: "deferred"; allowedAt: Date }
  | { kind: "will_fail"; reason: string }
  | { kind: "send"; loaded: LoadedSequence; rule: Rule; prediction: DeliveryPrediction };

/**
 * What the send step does with a set as read now, before any write: stop (not active and
 * owing, or the sequence moved on), wait for the send window, Will Fail (no channel would
 * work now), or send the usable channels. One decision for the step and its batches.
 */
export function decideSend(
  loaded: LoadedSequence | null,
  plan: { stepIndex: number; cycle: number; ruleId: string },
  now: Date,
): SendDecision {
  const stop = stopReason(loaded);
  if (stop || !loaded) return { kind: "stop", reason: stop ?? "invoice set not found" };
  const { set, patient, clinic, window } = loaded;
  const rule = loaded.rules[plan.stepIndex];
  if (set.sequenceCycle !== plan.cycle || set.sequenceStep !== plan.stepIndex || rule?.id !== plan.ruleId)
    return { kind: "stop", reason: "the sequence moved on (rule set changed or restarted)" };
  const allowedAt = moveIntoSendWindow(now, patient.timeZone, window);
  if (allowedAt.getTime() !== now.getTime()) return { kind: "deferred", allowedAt };
  // Contact details may have changed while the sequence slept.
  const prediction = predictDelivery(ruleMethods(rule), patient, {
    timeZone: clinic.timeZone,
    hasCardOnFile: loaded.card !== null,
  });
  if (prediction.willFail && prediction.reason) return { kind: "will_fail", reason: prediction.reason };
  return { kind: "send", loaded, rule, prediction };
}

/** The timeline note of each sent rule that skipped a method ("Email skipped (…); sent by text only"). */
export function skippedNotes(
  rules: readonly {
    ref: { clinicId: string; invoiceSetId: string };
    stepIndex: number;
    skipped: readonly { channel: RuleMethod; reason: string }[];
    sent: readonly Channel[];
  }[],
): TimelineEventInput[] {
  return rules.flatMap(({ ref, stepIndex, skipped, sent }) => {
    if (skipped.length === 0) return [];
    const sentWith = sent.map(channelName).join(" and ");
    return [
      {
        ...ref,
        kind: "note" as const,
        actor: SYSTEM,
        summary: `${skipped.map((s) => `${channelName(s.channel)} skipped (${s.reason})`).join("; ")}${sent.length > 0 ? `; sent by ${sentWith} only` : ""}`,
        details: { stepIndex, skipped },
      },
    ];
  });
}

/** Moves each set past the rule it just sent, if it is still at that rule: one statement for all. */
export async function advanceSequences(
  tx: Executor,
  rules: readonly { invoiceSetId: string; stepIndex: number; cycle: number }[],
  now: Date,
) {
  if (rules.length === 0) return;
  const json = JSON.stringify(rules.map((r) => ({ id: r.invoiceSetId, step: r.stepIndex, cycle: r.cycle })));
  await tx.execute(
    sql`update invoice_sets s
      set sequence_step = v.step + 1, next_send_at = null, next_action_at = null, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as v(id uuid, step int, cycle int)
      where s.id = v.id and s.sequence_step = v.step and s.sequence_cycle = v.cycle`,
  );
}

/** Whether a text would need more segments than the limit (checkSegments refuses it). */
export function textTooLong(body: string): boolean {
  return countSmsSegments(body).segments > MAX_SMS_SEGMENTS;
}

function checkSegments(body: string) {
  const count = countSmsSegments(body);
  if (count.segments > MAX_SMS_SEGMENTS)
    throw new TextTooLongError(
      `Text not sent: with this patient's details it would need ${count.segments} SMS segments (${count.encoding}); the limit is ${MAX_SMS_SEGMENTS}`,
    );
}

/** One channel refused for good: the message is Failed and, for a provider's refusal, the patient's channel unusable. */
async function recordChannelFailure(
  db: Db,
  params: {
    clinicId: string;
    invoiceSetId: string;
    key: { cycle: number; ruleId: string; channel: Channel };
    patientId: string;
    reason: string;
    code: string | null;
    now: Date;
  },
) {
  const { key, now } = params;
  await db.transaction(async (tx) => {
    const [message]: Message[] = await tx
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.invoiceSetId, params.invoiceSetId),
          eq(messages.sequenceCycle, key.cycle),
          eq(messages.ruleId, key.ruleId),
          eq(messages.channel, key.channel),
        ),
      );
    if (message)
      await transitionMessage(tx, {
        message,
        to: "failed",
        at: now,
        changes: { errorCode: params.code, errorMessage: params.reason },
      });
    await recordTimelineEvent(tx, {
      clinicId: params.clinicId,
      invoiceSetId: params.invoiceSetId,
      kind: "message_failed",
      actor: SYSTEM,
      summary: `${channelName(key.channel)} failed: ${params.reason}`,
      details: { channel: key.channel, code: params.code },
    });
    // A provider's refusal tells us about the patient's number; a too-long text doesn't.
    if (params.code)
      await markChannelsUnusable(tx, [
        {
          clinicId: params.clinicId,
          patientId: params.patientId,
          effect: twilioCodeEffect(params.code) ?? "invalid",
          reason: params.reason,
          at: now,
        },
      ]);
  });
}
