import { type SQL, sql } from "drizzle-orm";
import type { InvoiceSet } from "@/db/schema";
import type { TimelineKind } from "@/lib/timeline/record-timeline-event";
import {
  INVOICE_SET_TRANSITIONS,
  type InvoiceSetAction,
  type InvoiceSetTransitionContext,
  invoiceSetRefusal,
  ON_PAYMENT_PLAN,
} from "./invoice-set";
import {
  INVOICE_SET_STATUS_LABELS,
  INVOICE_SET_STATUSES,
  type InvoiceSetStatus,
  isOpenInvoiceSetStatus,
  OPEN_INVOICE_SET_STATUSES,
} from "./statuses";

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
type ChangeKey = keyof InvoiceSetTransitionChanges;

/** Per-row facts for the decision (e.g. Resume's prediction), looked up by the caller. */
export interface InvoiceSetRowContext extends InvoiceSetTransitionContext {
  /** Resume: why the next message is predicted to fail; Message failed: why it failed. Kept as the status reason. */
  statusReason?: string | null;
  /** Added to the row's timeline details (e.g. the message that failed). */
  details?: Record<string, unknown>;
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

/** The columns a transition writes beside the status, with their SQL types. */
const WRITTEN = {
  ruleSetId: ["rule_set_id", "uuid"],
  sequenceStep: ["sequence_step", "int"],
  sequenceCycle: ["sequence_cycle", "int"],
  sequenceStartedAt: ["sequence_started_at", "timestamptz"],
  nextSendAt: ["next_send_at", "timestamptz"],
  statusReason: ["status_reason", "text"],
  amountOutstandingCents: ["amount_outstanding_cents", "int"],
  resumeAt: ["resume_at", "timestamptz"],
  paymentPlanId: ["payment_plan_id", "uuid"],
  closedAt: ["closed_at", "timestamptz"],
  updatedAt: ["updated_at", "timestamptz"],
} as const satisfies Record<ChangeKey | "closedAt" | "updatedAt", readonly [string, string]>;
type WrittenKey = keyof typeof WRITTEN;
export const WRITTEN_COLUMNS = Object.values(WRITTEN).map(([column]) => column);

const column = (alias: "o" | "p", key: WrittenKey) => sql.raw(`${alias}.${WRITTEN[key][0]}`);
const literal = (key: WrittenKey, value: unknown): SQL =>
  sql`${value instanceof Date ? value.toISOString() : (value ?? null)}::${sql.raw(WRITTEN[key][1])}`;
const status = (value: InvoiceSetStatus) => sql`${value}::invoice_set_status`;
/** A value as the audit's JSON holds it: times as JavaScript writes them (ISO, milliseconds, Z). */
const json = (key: WrittenKey, value: SQL) =>
  WRITTEN[key][1] === "timestamptz"
    ? sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : value;
const label = (value: SQL) =>
  sql`(case ${value} ${sql.join(
    INVOICE_SET_STATUSES.map((s) => sql`when ${status(s)} then ${INVOICE_SET_STATUS_LABELS[s]}::text`),
    sql` `,
  )} end)`;

/** What an action writes beside the status, whoever runs it: SQL over the locked row `o`. */
const ACTION_CHANGES: Partial<
  Record<InvoiceSetAction, (request: InvoiceSetPlanRequest, now: SQL) => Partial<Record<ChangeKey, SQL>>>
> = {
  // The new rule set starts from its first step, counted from now (a new cycle); the sequence re-plans the send.
  change_rule_set: (request, now) => ({
    ruleSetId: literal("ruleSetId", request.ruleSet?.id),
    sequenceStep: sql`0`,
    sequenceCycle: sql`o.sequence_cycle + 1`,
    sequenceStartedAt: now,
    nextSendAt: literal("nextSendAt", null),
  }),
  pause: (request) => ({
    nextSendAt: literal("nextSendAt", null),
    resumeAt: literal("resumeAt", request.pause?.resumeAt),
    statusReason: literal("statusReason", request.pause?.reason),
  }),
  delivery_failed: () => ({
    statusReason: sql`o.ctx_status_reason`,
    nextSendAt: literal("nextSendAt", null),
  }),
  resume: () => ({
    statusReason: sql`case when o.payment_plan_id is not null then ${ON_PAYMENT_PLAN} else o.ctx_status_reason end`,
    resumeAt: literal("resumeAt", null),
  }),
  start_payment_plan: (request) => ({
    paymentPlanId: literal("paymentPlanId", request.paymentPlan?.id),
    statusReason: literal("statusReason", ON_PAYMENT_PLAN),
    nextSendAt: literal("nextSendAt", null),
    resumeAt: literal("resumeAt", null),
  }),
  payment_plan_ended: () => ({
    paymentPlanId: literal("paymentPlanId", null),
    statusReason: literal("statusReason", null),
  }),
  // Written off = nothing left to collect on this set; the invoices keep their balances for the books.
  write_off: () => ({ amountOutstandingCents: sql`0` }),
};

/**
 * The one planner of an invoice-set change, single or bulk, as SQL the writer runs in one
 * statement: from the action and the caller's request it builds, over the locked row `o`
 * (its columns, `ctx_fail` / `ctx_status_reason` / `ctx_details` from the caller's facts and, once
 * decided, `to_status`), the decision through the status table (`to_status`, or the
 * refusal staff read), the row's new column values, its timeline line and its audit
 * before/after. `p` is the planned row: `from_status`, `to_status` and the new values.
 */
export function planInvoiceSetTransition(request: InvoiceSetPlanRequest, nowDate: Date) {
  const { action } = request;
  const rule = INVOICE_SET_TRANSITIONS[action];
  const now = literal("updatedAt", nowDate);

  // Decision: the status table, per status (and per prediction where the rule depends on it).
  const toCases = rule.from.map((from) => {
    const ok = rule.to(from, { nextSendPredictedToFail: false });
    const fail = rule.to(from, { nextSendPredictedToFail: true });
    const to = ok === fail ? status(ok) : sql`case when o.ctx_fail then ${status(fail)} else ${status(ok)} end`;
    return sql`when ${status(from)} then ${to}`;
  });
  const toStatus = sql`(case o.status ${sql.join(toCases, sql` `)} end)`;
  const refusals: { when: SQL; reason: string; short?: string }[] = INVOICE_SET_STATUSES.filter(
    (from) => !rule.from.includes(from),
  ).map((from) => ({ when: sql`o.status = ${status(from)}`, reason: invoiceSetRefusal(action, from) }));
  if (action === "start_payment_plan") {
    if (!request.paymentPlan) refusals.push({ when: sql`true`, reason: "The payment plan is missing." });
    refusals.push({ when: sql`o.payment_plan_id is not null`, reason: "This invoice set already has a payment plan." });
  }
  if (action === "change_rule_set") {
    if (!request.ruleSet) refusals.push({ when: sql`true`, reason: "Pick the rule set to switch to." });
    else
      refusals.push({
        when: sql`o.rule_set_id = ${request.ruleSet.id}::uuid`,
        reason: `This invoice set already uses “${request.ruleSet.title}”.`,
        short: "already on that rule set",
      });
  }
  const firstRefusal = (pick: (r: (typeof refusals)[number]) => string | null) =>
    refusals.length === 0
      ? sql`null::text`
      : sql`(case ${sql.join(
          refusals.map((r) => sql`when ${r.when} then ${pick(r)}::text`),
          sql` `,
        )} end)`;
  const refusal = firstRefusal((r) => r.reason);
  const short = refusals.some((r) => r.short) ? firstRefusal((r) => r.short ?? null) : sql`null::text`;

  // The new row: unchanged columns keep their value.
  const changes: Partial<Record<ChangeKey, SQL>> = { ...ACTION_CHANGES[action]?.(request, now) };
  for (const [key, value] of Object.entries(request.changes ?? {}))
    changes[key as ChangeKey] = literal(key as ChangeKey, value);
  const after = Object.fromEntries(
    (Object.keys(WRITTEN) as WrittenKey[]).map((key) => [key, column("o", key)]),
  ) as Record<WrittenKey, SQL>;
  // A reason is kept only while it explains the status (Will Fail, Failed, a Pause's reason,
  // an Active set following its payment plan).
  after.statusReason = sql`case when o.to_status in ('active', 'paused') then (case when o.to_status = 'active' and o.payment_plan_id is not null then ${ON_PAYMENT_PLAN} end) else o.status_reason end`;
  // Only a paused set waits to resume by itself.
  after.resumeAt = sql`case when o.to_status <> 'paused' then null else o.resume_at end`;
  Object.assign(after, changes);
  after.updatedAt = now;
  const reachable = rule.from.flatMap((from) =>
    [true, false].map((fail) => rule.to(from, { nextSendPredictedToFail: fail })),
  );
  if (reachable.some((to) => !isOpenInvoiceSetStatus(to))) {
    const closing = sql`o.to_status <> all(${sql.raw(`array['${OPEN_INVOICE_SET_STATUSES.join("','")}']`)}::invoice_set_status[])`;
    after.closedAt = sql`case when ${closing} then ${now} else ${after.closedAt} end`;
    after.nextSendAt = sql`case when ${closing} then null else ${after.nextSendAt} end`;
    after.paymentPlanId = sql`case when ${closing} then null else ${after.paymentPlanId} end`;
  }

  // Timeline: "Pause: Paused (was Active) — note"; Will Fail says why.
  const statusText = sql`case when p.from_status = p.to_status then ${label(sql`p.to_status`)} else ${label(sql`p.to_status`)} || ' (was ' || ${label(sql`p.from_status`)} || ')' end`;
  const summary =
    request.summary !== undefined
      ? sql`${request.summary}::text`
      : action === "delivery_failed"
        ? sql`'Failed: ' || coalesce(p.status_reason, ${rule.label}::text)`
        : sql`${`${rule.label}: `}::text || ${statusText} || ${request.note ? ` — ${request.note}` : ""}::text
        || case when p.to_status = 'will_fail' and coalesce(p.status_reason, '') <> '' then ' — ' || p.status_reason else '' end`;
  const details = sql.join(
    [
      sql`jsonb_build_object('action', ${action}::text, 'from', o.status, 'to', o.to_status)`,
      ...(request.ruleSet
        ? [
            sql`jsonb_build_object('fromRuleSetId', o.rule_set_id, 'toRuleSetId', ${request.ruleSet.id}::text, 'ruleSetTitle', ${request.ruleSet.title}::text)`,
          ]
        : []),
      ...(request.details ? [sql`${JSON.stringify(request.details)}::jsonb`] : []),
      sql`coalesce(o.ctx_details, '{}'::jsonb)`,
    ],
    sql` || `,
  );

  // The audit shows the status and exactly the columns the action or caller set.
  const keys = (Object.keys(changes) as ChangeKey[]).filter(
    (key) => !(key in (request.changes ?? {})) || request.changes?.[key] !== undefined,
  );
  const auditJson = (alias: "o" | "p", statusColumn: SQL) =>
    sql`jsonb_build_object('status', ${statusColumn}${sql.join(
      keys.map((key) => sql`, ${key}::text, ${json(key, column(alias, key))}`),
      sql``,
    )})`;

  return {
    /** Over `o`: the decided status (null when refused), the refusal message and its short form. */
    decision: sql`${toStatus} as to_status, ${refusal} as refusal, ${short} as short`,
    /** Over `o` (with `to_status`): the new value of every written column, named as the column. */
    after: sql.join(
      (Object.keys(WRITTEN) as WrittenKey[]).map((key) => sql`${after[key]} as ${sql.raw(WRITTEN[key][0])}`),
      sql`, `,
    ),
    /** Over `o`. */
    details,
    auditBefore: auditJson("o", sql`o.status`),
    /** Over `p`. */
    auditAfter: auditJson("p", sql`p.to_status`),
    summary,
    kind: (action === "change_rule_set" ? "rule_set_change" : "status_change") as TimelineKind,
    auditAction: `invoice_set.${action}`,
  };
}
