import type { InvoiceSet } from "@/db/schema";
import type { TimelineKind } from "@/lib/timeline/record-timeline-event";
import {
  decideInvoiceSetTransition,
  INVOICE_SET_TRANSITIONS,
  type InvoiceSetAction,
  type InvoiceSetTransitionContext,
  ON_PAYMENT_PLAN,
} from "./invoice-set";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus, isOpenInvoiceSetStatus } from "./statuses";

/** Columns a transition may write beside the status (never the status itself). */
export type InvoiceSetTransitionChanges = Partial<
  Pick<
    InvoiceSet,
    | "ruleSetId"
    | "sequenceStep"
    | "sequenceCycle"
    | "sequenceStartedAt"
    | "nextSendAt"
    | "statusReason"
    | "amountOutstandingCents"
    | "resumeAt"
    | "paymentPlanId"
  >
>;

/** Every column a transition writes, with its new value (unchanged ones keep the current value). */
export type InvoiceSetRowAfter = Required<InvoiceSetTransitionChanges> &
  Pick<InvoiceSet, "status" | "closedAt" | "updatedAt">;

/** Per-row facts for the decision (e.g. Resume's prediction), looked up by the caller. */
export interface InvoiceSetRowContext extends InvoiceSetTransitionContext {
  /** Resume: why the next message is predicted to fail, kept as the status reason. */
  statusReason?: string | null;
}

export interface PauseOptions {
  /** The moment the set resumes (start of the chosen day in the clinic's zone); null: until staff resume it. */
  resumeAt: Date | null;
  /** Why it waits: one of PAUSE_REASONS (invoice-set.ts) or the staff's own words; kept as the Paused status reason. */
  reason: string | null;
}

/** What the caller asks for, the same for every row of a bulk run. */
export interface InvoiceSetPlanRequest {
  action: InvoiceSetAction;
  /** Change Rule Set: the rule set to move to. */
  ruleSet?: { id: string; title: string };
  /** Extra columns a system caller sets (e.g. Will Fail's reason and the send time it failed for). */
  changes?: InvoiceSetTransitionChanges;
  /** Start Payment Plan: the plan just written (the set follows it from now). */
  paymentPlan?: { id: string };
  /** Pause only: "Pause until" — when the set resumes by itself, and why it waits. */
  pause?: PauseOptions;
  /** Overrides the timeline line; defaults to "Pause: Paused (was Active)". */
  summary?: string;
  /** Words added to the default timeline line: "Pause: Paused (was Active) — until Dec 15, 2026". */
  note?: string;
  details?: Record<string, unknown>;
}

export type InvoiceSetPlan =
  | {
      ok: true;
      id: string;
      from: InvoiceSetStatus;
      to: InvoiceSetStatus;
      row: InvoiceSetRowAfter;
      closing: boolean;
      timeline: { kind: TimelineKind; summary: string; details: Record<string, unknown> };
      audit: { action: string; before: Record<string, unknown>; after: Record<string, unknown> };
    }
  /** `reason` is the sentence a single action shows; `short` the few words a bulk tally counts by. */
  | { ok: false; id: string; from: InvoiceSetStatus; reason: string; short?: string };

/** What an action writes beside the status, whoever runs it. */
const ACTION_CHANGES: Partial<
  Record<
    InvoiceSetAction,
    (
      row: InvoiceSet,
      request: InvoiceSetPlanRequest,
      context: InvoiceSetRowContext,
      now: Date,
    ) => InvoiceSetTransitionChanges
  >
> = {
  // The new rule set starts from its first step, counted from now (a new cycle); the sequence re-plans the send.
  change_rule_set: (row, request, _context, now) => ({
    ruleSetId: request.ruleSet?.id,
    sequenceStep: 0,
    sequenceCycle: row.sequenceCycle + 1,
    sequenceStartedAt: now,
    nextSendAt: null,
  }),
  pause: (_row, request) => ({
    nextSendAt: null,
    resumeAt: request.pause?.resumeAt ?? null,
    statusReason: request.pause?.reason ?? null,
  }),
  resume: (row, _request, context) => ({
    statusReason: row.paymentPlanId ? ON_PAYMENT_PLAN : (context.statusReason ?? null),
    resumeAt: null,
  }),
  start_payment_plan: (_row, request) => ({
    paymentPlanId: request.paymentPlan?.id ?? null,
    statusReason: ON_PAYMENT_PLAN,
    nextSendAt: null,
    resumeAt: null,
  }),
  payment_plan_ended: () => ({ paymentPlanId: null, statusReason: null }),
  // Written off = nothing left to collect on this set; the invoices keep their balances for the books.
  write_off: () => ({ amountOutstandingCents: 0 }),
};

/**
 * The one planner of an invoice-set change, single or bulk: from the action, the current
 * row and the caller's facts it decides (through the status table) and returns the row's
 * new column values, its timeline event and its audit before/after. Pure: the writers in
 * transition-invoice-sets.ts only carry the plan out.
 */
export function planInvoiceSetTransition(
  row: InvoiceSet,
  request: InvoiceSetPlanRequest,
  context: InvoiceSetRowContext,
  now: Date,
): InvoiceSetPlan {
  const { action } = request;
  const decision = decideInvoiceSetTransition(row.status, action, context);
  if (!decision.ok) return { ok: false, id: row.id, from: row.status, reason: decision.reason };
  const { from, to } = decision;
  if (action === "start_payment_plan") {
    if (!request.paymentPlan) return { ok: false, id: row.id, from, reason: "The payment plan is missing." };
    if (row.paymentPlanId)
      return { ok: false, id: row.id, from, reason: "This invoice set already has a payment plan." };
  }
  if (action === "change_rule_set") {
    if (!request.ruleSet) return { ok: false, id: row.id, from, reason: "Pick the rule set to switch to." };
    if (request.ruleSet.id === row.ruleSetId) {
      const reason = `This invoice set already uses “${request.ruleSet.title}”.`;
      return { ok: false, id: row.id, from, reason, short: "already on that rule set" };
    }
  }

  const changes = { ...ACTION_CHANGES[action]?.(row, request, context, now), ...request.changes };
  const closing = !isOpenInvoiceSetStatus(to);
  const current: InvoiceSetRowAfter = {
    status: row.status,
    ruleSetId: row.ruleSetId,
    sequenceStep: row.sequenceStep,
    sequenceCycle: row.sequenceCycle,
    sequenceStartedAt: row.sequenceStartedAt,
    nextSendAt: row.nextSendAt,
    statusReason: row.statusReason,
    amountOutstandingCents: row.amountOutstandingCents,
    resumeAt: row.resumeAt,
    paymentPlanId: row.paymentPlanId,
    closedAt: row.closedAt,
    updatedAt: row.updatedAt,
  };
  const after: InvoiceSetRowAfter = {
    ...current,
    // A reason is kept only while it explains the status (Will Fail, Failed, a Pause's reason,
    // an Active set following its payment plan).
    ...(to === "active" || to === "paused"
      ? { statusReason: to === "active" && row.paymentPlanId ? ON_PAYMENT_PLAN : null }
      : {}),
    // Only a paused set waits to resume by itself.
    ...(to !== "paused" ? { resumeAt: null } : {}),
    ...changes,
    status: to,
    updatedAt: now,
    ...(closing ? { closedAt: now, nextSendAt: null, paymentPlanId: null } : {}),
  };

  const label = INVOICE_SET_TRANSITIONS[action].label;
  // Whatever makes a set Will Fail, its timeline line says why (the row shows the same words).
  const notes = [request.note, to === "will_fail" ? after.statusReason : null].filter(Boolean);
  const statusText =
    from === to
      ? INVOICE_SET_STATUS_LABELS[to]
      : `${INVOICE_SET_STATUS_LABELS[to]} (was ${INVOICE_SET_STATUS_LABELS[from]})`;
  const ruleSetDetails = request.ruleSet
    ? { fromRuleSetId: row.ruleSetId, toRuleSetId: request.ruleSet.id, ruleSetTitle: request.ruleSet.title }
    : {};
  // The audit shows the status and exactly the columns the action or caller set.
  const keys = Object.keys(changes) as (keyof InvoiceSetTransitionChanges)[];
  return {
    ok: true,
    id: row.id,
    from,
    to,
    row: after,
    closing,
    timeline: {
      kind: action === "change_rule_set" ? "rule_set_change" : "status_change",
      summary: request.summary ?? `${label}: ${statusText}${notes.map((note) => ` — ${note}`).join("")}`,
      details: { action, from, to, ...ruleSetDetails, ...request.details },
    },
    audit: {
      action: `invoice_set.${action}`,
      before: { status: from, ...Object.fromEntries(keys.map((key) => [key, current[key]])) },
      after: { status: to, ...Object.fromEntries(keys.map((key) => [key, after[key]])) },
    },
  };
}
