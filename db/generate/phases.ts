import { type GenerationContext, planStatement, statusLabelSql } from "./plan";
import { SCALE_RULE_SETS } from "./scale-clinic";
import { CATALOG_CODES, CATALOG_DESCRIPTIONS, CATALOG_PRICES } from "./sql-expressions";

/** Every this many sets, an Active one has lost its outreach run (its next send is overdue). */
export const STALLED_EVERY = 1000;

/** One table's load: `statement(from, to)` writes the rows of sets (or patients) from..to. */
export interface Phase {
  name: string;
  /** What from..to counts: patients or sets. */
  unit: "patients" | "sets";
  statement(ctx: GenerationContext, from: number, to: number): string;
}

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;
const DAY = "interval '1 day'";

/** The plan's sets from..to with one row per invoice: k, x (the invoice's index), total, paid, issued_at. */
function invoiceRows(ctx: GenerationContext, from: number, to: number): string {
  const { x } = ctx;
  return `scale_plan p
    CROSS JOIN LATERAL generate_series(1, p.n_inv) k
    CROSS JOIN LATERAL (SELECT p.i * 8 + k AS x) ix
    CROSS JOIN LATERAL (SELECT ${x.invoiceTotal("ix.x")} AS total, ${x.invoicePaid("ix.x", "k", "p.st")} AS paid,
      p.created_at - (k - 1) * 3 * ${DAY} AS issued_at) v
    WHERE p.i BETWEEN ${from} AND ${to}`;
}

/** When the payment on invoice x (issued at `issued`) arrived; shared by payments and the timeline. */
function receivedAt(ctx: GenerationContext, x: string, issued: string): string {
  return `least(${issued} + (1 + ${ctx.x.r(x, 28, 20)}) * ${DAY}, ${ctx.anchor})`;
}

export const PHASES: Phase[] = [
  { name: "plan", unit: "sets", statement: planStatement },
  {
    name: "patients",
    unit: "patients",
    statement: (ctx, from, to) => {
      const { x } = ctx;
      return `INSERT INTO patients (id, clinic_id, external_id, first_name, last_name, date_of_birth, phone, email, time_zone,
          sms_opted_out_at, phone_is_landline, phone_unusable_reason, email_undeliverable_at, email_undeliverable_reason, created_at, updated_at)
        SELECT ${x.uid("a0", "pi")}, ${q(ctx.clinic.clinicId)}, 'MRN-' || lpad(pi::text, 7, '0'),
          ${x.patientFirstName("pi")}, ${x.patientLastName("pi")}, date '1940-01-01' + ${x.r("pi", 17, 26000)},
          ${x.patientPhone("pi")}, ${x.patientEmail("pi")}, ${x.patientTimeZone("pi")},
          CASE WHEN pi % 25 = 5 THEN ${ctx.anchor} - 20 * ${DAY} END, pi % 25 = 9,
          CASE WHEN pi % 25 = 9 THEN 'Landline: this number can''t receive texts (Twilio 30006)' END,
          CASE WHEN pi % 25 = 13 THEN ${ctx.anchor} - 10 * ${DAY} END,
          CASE WHEN pi % 25 = 13 THEN 'Email bounced: mailbox does not exist' END,
          ${ctx.anchor} - (740 + ${x.r("pi", 18, 700)}) * ${DAY}, ${ctx.anchor} - (740 + ${x.r("pi", 18, 700)}) * ${DAY}
        FROM generate_series(${from}, ${to}) pi`;
    },
  },
  {
    name: "invoice_sets",
    unit: "sets",
    statement: (ctx, from, to) => {
      const expiry = `(ARRAY[${SCALE_RULE_SETS.map((spec) => spec.expiryDays).join(",")}]::int[])`;
      // Every STALLED_EVERY-th Active set lost its run: its send is a day overdue (what the reconcile must find).
      const stalled = `(st = 'active' AND next_delay IS NOT NULL AND i % ${STALLED_EVERY} = 0)`;
      return `INSERT INTO invoice_sets (id, clinic_id, patient_id, status, rule_set_id, sequence_step, sequence_cycle,
        sequence_started_at, next_send_at, next_action_at, amount_outstanding_cents, status_reason, created_at, updated_at, closed_at)
      SELECT set_id, ${q(ctx.clinic.clinicId)}, patient_id, st, rule_set_id, step, 0, created_at,
        CASE WHEN ${stalled} THEN ${ctx.anchor} - ${DAY}
          WHEN st IN ('active','will_fail') AND next_delay IS NOT NULL THEN created_at + next_delay * ${DAY} + interval '14 hours' END,
        CASE WHEN ${stalled} THEN ${ctx.anchor} - ${DAY}
          WHEN st = 'active' THEN created_at + coalesce(next_delay, ${expiry}[rs + 1]) * ${DAY} + interval '14 hours' END,
        amount,
        CASE st WHEN 'will_fail' THEN 'Phone number is not valid' WHEN 'failed' THEN 'Text could not be delivered: the number is a landline (30006)' END,
        created_at, coalesce(closed_at, created_at), closed_at
      FROM scale_plan WHERE i BETWEEN ${from} AND ${to}`;
    },
  },
  {
    name: "invoices",
    unit: "sets",
    statement: (ctx, from, to) => {
      const clinicians = `(ARRAY[${ctx.clinic.clinicianIds.map(q).join(",")}]::uuid[])`;
      return `INSERT INTO invoices (id, clinic_id, number, patient_id, clinician_id, invoice_set_id, status, past_due, bad_debt, sent_to_collections,
          service_date, issued_at, due_date, total_cents, paid_cents, created_at, updated_at)
        SELECT ${ctx.x.uid("c0", "ix.x")}, ${q(ctx.clinic.clinicId)}, 1000 + (p.i - 1) * 5 + k, p.patient_id,
          ${clinicians}[1 + ${ctx.x.r("p.i", 26, ctx.clinic.clinicianIds.length)}], p.set_id,
          (CASE WHEN v.paid = v.total THEN 'paid' WHEN v.paid > 0 THEN 'partially_paid' ELSE 'issued' END)::invoice_status,
          v.paid < v.total AND (v.issued_at + 30 * ${DAY}) < ${ctx.anchor}, p.st = 'written_off', p.st = 'collections',
          (v.issued_at - 2 * ${DAY})::date, v.issued_at, (v.issued_at + 30 * ${DAY})::date, v.total, v.paid, v.issued_at, v.issued_at
        FROM ${invoiceRows(ctx, from, to)}`;
    },
  },
  {
    name: "invoice_charges",
    unit: "sets",
    statement: (
      ctx,
      from,
      to,
    ) => `INSERT INTO invoice_charges (id, clinic_id, invoice_id, position, code, description, quantity, unit_price_cents)
      SELECT ${ctx.x.uid("d0", "ix.x * 2 + j - 1")}, ${q(ctx.clinic.clinicId)}, ${ctx.x.uid("c0", "ix.x")}, j - 1,
        ${CATALOG_CODES}[1 + c.item], ${CATALOG_DESCRIPTIONS}[1 + c.item], 1, ${CATALOG_PRICES}[1 + c.item]
      FROM scale_plan p
        CROSS JOIN LATERAL generate_series(1, p.n_inv) k
        CROSS JOIN LATERAL (SELECT p.i * 8 + k AS x) ix
        CROSS JOIN LATERAL generate_series(1, ${ctx.x.chargeCount("ix.x")}) j
        CROSS JOIN LATERAL (SELECT CASE WHEN j = 1 THEN ${ctx.x.chargeItem("ix.x", 1)} ELSE ${ctx.x.chargeItem("ix.x", 2)} END AS item) c
      WHERE p.i BETWEEN ${from} AND ${to}`,
  },
  {
    name: "payments",
    unit: "sets",
    statement: (
      ctx,
      from,
      to,
    ) => `INSERT INTO payments (id, clinic_id, invoice_id, method, amount_cents, received_at, receipt_id, created_at)
      SELECT ${ctx.x.uid("e0", "ix.x")}, ${q(ctx.clinic.clinicId)}, ${ctx.x.uid("c0", "ix.x")},
        (ARRAY['card','card','cash','check','ach']::payment_method[])[1 + ${ctx.x.r("ix.x", 27, 5)}], v.paid,
        ${receivedAt(ctx, "ix.x", "v.issued_at")}, ${ctx.x.uid("e1", "ix.x")}, ${receivedAt(ctx, "ix.x", "v.issued_at")}
      FROM ${invoiceRows(ctx, from, to)} AND v.paid > 0`,
  },
  {
    name: "messages",
    unit: "sets",
    statement: (ctx, from, to) => {
      const { x } = ctx;
      const failed = `(p.st = 'failed' AND s.step = p.step - 1 AND s.channel = 'sms')`;
      const sentAt = `least(p.created_at + s.delay * ${DAY} + interval '14 hours' + ${x.r("p.i * 16 + s.slot", 29, 3600)} * interval '1 second', ${ctx.anchor})`;
      return `INSERT INTO messages (id, clinic_id, invoice_set_id, rule_id, sequence_cycle, step_index, channel, transport, destination, subject, body,
          status, error_code, error_message, created_at, sent_at, delivered_at, failed_at, updated_at)
        SELECT ${x.uid("f0", "p.i * 16 + s.slot")}, ${q(ctx.clinic.clinicId)}, p.set_id, s.rule_id, 0, s.step, s.channel, 'outbox',
          coalesce(CASE WHEN s.channel = 'sms' THEN p.phone ELSE p.email END, ''),
          CASE WHEN s.channel = 'email' THEN s.title END,
          replace(s.template, '{{first_name}}', p.first_name),
          (CASE WHEN ${failed} THEN 'undelivered' ELSE 'delivered' END)::message_status,
          CASE WHEN ${failed} THEN '30006' END, CASE WHEN ${failed} THEN 'Landline: unreachable by text' END,
          t.sent_at, t.sent_at, CASE WHEN ${failed} THEN NULL ELSE t.sent_at END, CASE WHEN ${failed} THEN t.sent_at END, t.sent_at
        FROM scale_plan p JOIN scale_slots s ON s.rs = p.rs AND s.step < p.step
          CROSS JOIN LATERAL (SELECT ${sentAt} AS sent_at) t
        WHERE p.i BETWEEN ${from} AND ${to}`;
    },
  },
  {
    name: "timeline_events",
    unit: "sets",
    statement: (ctx, from, to) => {
      const { x } = ctx;
      const clinic = q(ctx.clinic.clinicId);
      const where = `p.i BETWEEN ${from} AND ${to}`;
      const cols =
        "id, clinic_id, invoice_set_id, invoice_id, kind, actor_kind, actor_user_id, summary, details, occurred_at";
      const stepFailed = `(p.st = 'failed' AND r.step = p.step - 1 AND r.has_sms)`;
      const userActed = `p.st IN ('paused','cancelled','written_off','collections')`;
      return `INSERT INTO timeline_events (${cols})
        SELECT ${x.uid("90", "p.i * 64")}, ${clinic}::uuid, p.set_id, NULL::uuid, 'status_change'::timeline_kind,
          'system'::actor_kind, NULL::uuid, 'Invoice set opened'::text, '{"to":"active"}'::jsonb, p.created_at
        FROM scale_plan p WHERE ${where}
        UNION ALL
        SELECT ${x.uid("90", "p.i * 64 + 1 + r.step")}, ${clinic}, p.set_id, NULL,
          (CASE WHEN ${stepFailed} THEN 'message_failed' ELSE 'message_sent' END)::timeline_kind, 'system', NULL,
          CASE WHEN ${stepFailed} THEN 'Text to ' || coalesce(p.phone, '') || ' failed: landline (30006)' ELSE r.label || ' sent: ' || r.title END,
          '{}'::jsonb, least(p.created_at + r.delay * ${DAY} + interval '14 hours', ${ctx.anchor})
        FROM scale_plan p JOIN scale_rules r ON r.rs = p.rs AND r.step < p.step WHERE ${where}
        UNION ALL
        SELECT ${x.uid("90", "p.i * 64 + 40")}, ${clinic}, p.set_id, NULL, 'status_change',
          (CASE WHEN ${userActed} THEN 'user' ELSE 'system' END)::actor_kind, CASE WHEN ${userActed} THEN ${q(ctx.clinic.adminUserId)}::uuid END,
          'Status: ' || ${statusLabelSql("p.st")}, jsonb_build_object('to', p.st),
          coalesce(p.closed_at, least(p.created_at + ${DAY}, ${ctx.anchor}))
        FROM scale_plan p WHERE ${where} AND p.st <> 'active'
        UNION ALL
        SELECT ${x.uid("90", "p.i * 64 + 48")}, ${clinic}, p.set_id, NULL, 'payment', 'patient', NULL,
          'Payment received: $' || to_char(p.paid_total / 100.0, 'FM999,999,990.00'), '{}'::jsonb,
          least(p.created_at + (1 + ${x.r("p.i", 28, 20)}) * ${DAY}, ${ctx.anchor})
        FROM scale_plan p WHERE ${where} AND p.paid_total > 0`;
    },
  },
];
