import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import { bookkeepingTransaction } from "@/db/bookkeeping-commit";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { Message, Rule } from "@/db/schema";
import { bodyToSend } from "@/lib/patient-links/link-placeholder";
import { PermanentSendError, type TransportResult, type Transports } from "@/lib/providers/transport";
import { insertSendingMessages, transitionMessages } from "@/lib/state-machine/transition-message";
import { recordTimelineEvents } from "@/lib/timeline/record-timeline-event";
import type { Channel } from "./channels";
import { composeMessages } from "./compose-message";
import { type LoadedSequence, loadSequences } from "./load-sequence";
import { messageRow, messageSentEvent } from "./send-message";
import {
  advanceSequences,
  decideSend,
  type SendResult,
  sendPlannedRule,
  skippedNotes,
  textTooLong,
} from "./send-planned-rule";

export interface RulePlan {
  clinicId: string;
  invoiceSetId: string;
  stepIndex: number;
  cycle: number;
  ruleId: string;
}

/** Provider calls of a batch in flight at once. */
const PROVIDER_CONCURRENCY = 16;

interface Outgoing {
  plan: number;
  channel: Channel;
  id: string;
  destination: string;
  subject: string | null;
  body: string;
  transport: Message["transport"];
}

/**
 * sendPlannedRule for many due rules at once (the local engine's batches), with the same
 * decision per set (decideSend) and the same guarantees, in a few statements for all:
 * one read of the sets; one synchronous commit of every message row, written "sending" with
 * its audit row, before any provider call; the calls side by side; one
 * bookkeeping commit of the "sent" moves, their timeline rows and each set's next position.
 * Whatever is not the plain case (a wait for the window, Will Fail, a card to charge, a
 * message row already there, a text too long, a provider's refusal) goes through
 * sendPlannedRule, one rule at a time. Each rule's result or error is in its place.
 */
export async function sendPlannedRules(
  db: Db,
  providers: { transports: Transports; stripe: Stripe | null },
  plans: readonly RulePlan[],
  now: Date,
): Promise<(SendResult | Error)[]> {
  const { transports } = providers;
  const results: (SendResult | Error | undefined)[] = plans.map(() => undefined);
  const oneByOne = new Set<number>();
  const loadedSets = await loadSequences(db, plans);
  const batched: { plan: number; loaded: LoadedSequence; rule: Rule; channels: Channel[]; skipped: SkippedList }[] = [];
  const seen = new Set<string>();
  for (const [i, plan] of plans.entries()) {
    const decision = decideSend(loadedSets.get(plan.invoiceSetId) ?? null, plan, now);
    const channels =
      decision.kind === "send" ? decision.prediction.usable.filter((m): m is Channel => m !== "card") : [];
    if (decision.kind === "stop") results[i] = decision;
    else if (
      decision.kind === "send" &&
      !decision.prediction.usable.includes("card") &&
      channels.length > 0 &&
      !seen.has(plan.invoiceSetId)
    ) {
      seen.add(plan.invoiceSetId);
      batched.push({ plan: i, ...decision, channels, skipped: decision.prediction.skipped });
    } else oneByOne.add(i);
  }

  const outgoing = batched.length > 0 ? await queueAndMarkSending(db, plans, batched, transports, now, oneByOne) : [];
  const answers = await callProviders(outgoing, (message) => {
    const { loaded } = batched.find((b) => b.plan === message.plan) as (typeof batched)[number];
    return transports[message.channel].send({
      messageId: message.id,
      to: message.destination,
      subject: message.subject,
      body: message.body,
      clinicName: loaded.clinic.name,
    });
  });

  const failedPlans = new Map<number, unknown>();
  for (const [k, answer] of answers.entries())
    if (answer.status === "rejected") failedPlans.set((outgoing[k] as Outgoing).plan, answer.reason);
  const sentOk = outgoing.flatMap((message, k) => {
    const answer = answers[k];
    return answer?.status === "fulfilled" ? [{ message, providerId: answer.value.providerId }] : [];
  });
  const done = batched.filter((b) => !oneByOne.has(b.plan) && !failedPlans.has(b.plan));
  // Lost in a crash, each rule's step runs again and finds its messages "sending" (looked up before a retry).
  await bookkeepingTransaction(db, async (tx) => {
    await transitionMessages(tx, {
      messages: sentOk.map(({ message, providerId }) => ({ id: message.id, status: "sending", providerId })),
      to: "sent",
      at: now,
    });
    await recordTimelineEvents(tx, [
      ...sentOk.map(({ message }) => {
        const b = batched.find((x) => x.plan === message.plan) as (typeof batched)[number];
        const plan = plans[message.plan] as RulePlan;
        return messageSentEvent(
          {
            clinic: b.loaded.clinic,
            rule: b.rule,
            invoiceSetId: plan.invoiceSetId,
            channel: message.channel,
            stepIndex: plan.stepIndex,
            now,
          },
          message,
        );
      }),
      ...skippedNotes(
        done.map((b) => {
          const plan = plans[b.plan] as RulePlan;
          return { ref: plan, stepIndex: plan.stepIndex, skipped: b.skipped, sent: b.channels };
        }),
      ),
    ]);
    await advanceSequences(
      tx,
      done.map((b) => plans[b.plan] as RulePlan),
      now,
    );
  });
  for (const b of done)
    results[b.plan] = { kind: "sent", channels: b.channels, skipped: b.skipped.map((s) => s.channel), charge: null };

  // A refusal is recorded (and the set failed if nothing went out) the way one rule's step does it.
  for (const [i, reason] of failedPlans)
    if (reason instanceof PermanentSendError) oneByOne.add(i);
    else results[i] = asError(reason);
  for (const i of [...oneByOne].sort((a, b) => a - b))
    results[i] = await sendPlannedRule(db, providers, plans[i] as RulePlan, now).catch(asError);
  return results.map((result) => result ?? new Error("the rule was not sent"));
}

type SkippedList = Extract<ReturnType<typeof decideSend>, { kind: "send" }>["prediction"]["skipped"];

/**
 * The synchronous commit before any provider call: each rule's messages written "sending"
 * (state machine, with audit rows). A rule with a message row already there (tried before),
 * or a text too long, is left to the one-by-one path (added to `oneByOne`); should another
 * writer take one of its keys meanwhile, its rows written here are "sending" and never
 * sent: that path looks them up (or sends them) as after any interrupted attempt.
 */
async function queueAndMarkSending(
  db: Db,
  plans: readonly RulePlan[],
  batched: readonly { plan: number; loaded: LoadedSequence; rule: Rule; channels: Channel[] }[],
  transports: Transports,
  now: Date,
  oneByOne: Set<number>,
): Promise<Outgoing[]> {
  const wanted = batched.flatMap((b) =>
    b.channels.map((channel) => {
      const plan = plans[b.plan] as RulePlan;
      return {
        plan: b.plan,
        channel,
        params: {
          clinic: b.loaded.clinic,
          patient: b.loaded.patient,
          rule: b.rule,
          invoiceSetId: plan.invoiceSetId,
          cycle: plan.cycle,
          stepIndex: plan.stepIndex,
          channel,
          transport: transports[channel],
          amountCents: b.loaded.set.amountOutstandingCents,
          now,
        },
      };
    }),
  );
  return db.transaction(async (tx) => {
    const keys = JSON.stringify(
      wanted.map((w) => ({ s: w.params.invoiceSetId, c: w.params.cycle, r: w.params.rule.id, ch: w.channel })),
    );
    const existing = await executeRows<{ invoice_set_id: string }>(
      tx,
      sql`select m.invoice_set_id from messages m
        join jsonb_to_recordset(${keys}::jsonb) as k(s uuid, c int, r uuid, ch text)
          on m.invoice_set_id = k.s and m.sequence_cycle = k.c and m.rule_id = k.r and m.channel::text = k.ch`,
    );
    const tried = new Set(existing.map((row) => row.invoice_set_id));
    for (const w of wanted) if (tried.has(w.params.invoiceSetId)) oneByOne.add(w.plan);
    const fresh = wanted.filter((w) => !oneByOne.has(w.plan));
    const composed = await composeMessages(
      tx,
      fresh.map((w) => w.params),
    );
    for (const [k, w] of fresh.entries())
      if (w.channel === "sms" && textTooLong((composed[k] as { body: string }).body)) oneByOne.add(w.plan);
    const rows = fresh.flatMap((w, k) =>
      oneByOne.has(w.plan) ? [] : [{ w, composed: composed[k] as (typeof composed)[number] }],
    );
    if (rows.length === 0) return [];
    const inserted = await insertSendingMessages<SendingRow>(
      tx,
      rows.map(({ w, composed }) => messageRow(w.params, composed)),
      now,
      sql`id, invoice_set_id, channel, status, destination, subject, body, transport`,
    );
    // A row written meanwhile by someone else (Send Now): that rule goes one by one.
    const byKey = new Map(inserted.map((row) => [`${row.invoice_set_id}:${row.channel}`, row]));
    for (const { w } of rows) if (!byKey.has(`${w.params.invoiceSetId}:${w.channel}`)) oneByOne.add(w.plan);
    const out: Outgoing[] = [];
    for (const { w, composed } of rows) {
      const row = byKey.get(`${w.params.invoiceSetId}:${w.channel}`);
      if (!row || oneByOne.has(w.plan)) continue;
      out.push({
        plan: w.plan,
        channel: w.channel,
        id: row.id,
        destination: row.destination,
        subject: row.subject,
        transport: row.transport,
        // The link made with the text (no statement).
        body: await bodyToSend(tx, {
          body: row.body,
          linkUrl: composed.linkUrl,
          clinicId: w.params.clinic.id,
          invoiceSetId: w.params.invoiceSetId,
          patientLinkDays: w.params.clinic.patientLinkDays,
          now,
        }),
      });
    }
    return out;
  });
}

type SendingRow = Pick<Message, "id" | "channel" | "status" | "destination" | "subject" | "body" | "transport"> & {
  invoice_set_id: string;
};

/** Every message's provider call, at most PROVIDER_CONCURRENCY at a time; each answer in its place. */
async function callProviders(
  outgoing: readonly Outgoing[],
  send: (message: Outgoing) => Promise<TransportResult>,
): Promise<PromiseSettledResult<TransportResult>[]> {
  const answers: PromiseSettledResult<TransportResult>[] = new Array(outgoing.length);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < outgoing.length; k = next++)
      answers[k] = await send(outgoing[k] as Outgoing).then(
        (value) => ({ status: "fulfilled", value }) as const,
        (reason: unknown) => ({ status: "rejected", reason }) as const,
      );
  };
  await Promise.all(Array.from({ length: Math.min(PROVIDER_CONCURRENCY, outgoing.length) }, worker));
  return answers;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
