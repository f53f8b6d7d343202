import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { SCALE_RULE_SETS, type ScaleClinic } from "./scale-clinic";
import type { Expressions } from "./sql-expressions";

/** The fixed facts every phase needs. */
export interface GenerationContext {
  x: Expressions;
  clinic: ScaleClinic;
  /** Sets to write; patients are ~95% of that (some patients have a second, closed set). */
  sets: number;
  patients: number;
  /** "Now" of the data, as a SQL timestamptz literal: sets spread over the two years before it. */
  anchor: string;
}

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;
export const MAX_DAY = 800;

export function patientCountFor(sets: number): number {
  return Math.max(1, Math.round(sets * 0.95));
}

/** The status' on-screen name, as a SQL CASE over `status`. */
export function statusLabelSql(status: string): string {
  return `CASE ${status}::text ${Object.entries(INVOICE_SET_STATUS_LABELS)
    .map(([value, label]) => `WHEN ${q(value)} THEN ${q(label)}`)
    .join(" ")} END`;
}

/**
 * Temp tables: the rules and message slots of each rule set (rs = 0, 1, 2), the step
 * reached on each day of a sequence, and the plan: one row per set with everything the
 * table phases derive from it (status, dates, step, invoice count, amount outstanding).
 */
export function setupStatements(ctx: GenerationContext): string[] {
  const ruleRows: string[] = [];
  const slotRows: string[] = [];
  ctx.clinic.rules.forEach((ruleList, rs) => {
    let slot = 0;
    ruleList.forEach((rule, step) => {
      const label = rule.channels.length === 2 ? "Text and email" : rule.channels[0] === "sms" ? "Text" : "Email";
      const template = rule.template.replace("{{clinic_name}}", ctx.clinic.clinicName);
      ruleRows.push(
        `(${rs}, ${step}, ${rule.delayDays}, ${q(rule.id)}::uuid, ${q(rule.title)}, ${q(label)}, ${rule.channels.includes("sms")})`,
      );
      for (const channel of rule.channels) {
        slotRows.push(
          `(${rs}, ${step}, ${slot}, ${rule.delayDays}, ${q(rule.id)}::uuid, ${q(channel)}::message_channel, ${q(rule.title)}, ${q(template)})`,
        );
        slot += 1;
      }
    });
  });
  return [
    `CREATE TEMP TABLE scale_rules (rs int, step int, delay int, rule_id uuid, title text, label text, has_sms boolean) ON COMMIT DROP`,
    `INSERT INTO scale_rules VALUES ${ruleRows.join(", ")}`,
    `CREATE TEMP TABLE scale_slots (rs int, step int, slot int, delay int, rule_id uuid, channel message_channel, title text, template text) ON COMMIT DROP`,
    `INSERT INTO scale_slots VALUES ${slotRows.join(", ")}`,
    `CREATE TEMP TABLE scale_steps ON COMMIT DROP AS
       SELECT rs.rs, d.day,
         (SELECT count(*)::int FROM scale_rules r WHERE r.rs = rs.rs AND r.delay <= d.day) AS step,
         (SELECT min(r.delay) FROM scale_rules r WHERE r.rs = rs.rs AND r.delay > d.day) AS next_delay
       FROM (SELECT DISTINCT rs FROM scale_rules) rs CROSS JOIN generate_series(0, ${MAX_DAY}) d(day)`,
    `CREATE TEMP TABLE scale_plan (
       i int PRIMARY KEY, pi int NOT NULL, st invoice_set_status NOT NULL, rs int NOT NULL, rule_set_id uuid NOT NULL,
       created_at timestamptz NOT NULL, closed_at timestamptz, step int NOT NULL, next_delay int, n_inv int NOT NULL, amount int NOT NULL,
       paid_total int NOT NULL, set_id uuid NOT NULL, patient_id uuid NOT NULL, first_name text NOT NULL, phone text, email text
     ) ON COMMIT DROP`,
  ];
}

/** Fills scale_plan for sets from..to. */
export function planStatement(ctx: GenerationContext, from: number, to: number): string {
  const { r } = ctx.x;
  const shares = SCALE_RULE_SETS.map((spec) => spec.share);
  const rsCase = `CASE WHEN ${r("i", 2, 100)} < ${shares[0]} THEN 0 WHEN ${r("i", 2, 100)} < ${(shares[0] ?? 0) + (shares[1] ?? 0)} THEN 1 ELSE 2 END`;
  const expiry = `(ARRAY[${SCALE_RULE_SETS.map((spec) => spec.expiryDays).join(",")}]::int[])`;
  const ruleSetIds = `(ARRAY[${ctx.clinic.ruleSetIds.map(q).join(",")}]::uuid[])`;
  // About a third of sets are open (recent), the rest closed over two years.
  const statusCase = `CASE
      WHEN i > ${ctx.patients} THEN CASE WHEN roll < 70 THEN 'paid' WHEN roll < 80 THEN 'cancelled' WHEN roll < 90 THEN 'written_off' ELSE 'collections' END
      WHEN roll < 20 THEN 'active' WHEN roll < 24 THEN 'paused' WHEN roll < 29 THEN 'expired' WHEN roll < 32 THEN 'will_fail'
      WHEN roll < 35 THEN 'failed' WHEN roll < 80 THEN 'paid' WHEN roll < 87 THEN 'cancelled' WHEN roll < 93 THEN 'written_off'
      ELSE 'collections' END::invoice_set_status`;
  const sums = `(SELECT sum(${ctx.x.invoiceTotal("b.i * 8 + k")})::int AS total, sum(${ctx.x.invoicePaid("b.i * 8 + k", "k", "b.st")})::int AS paid FROM generate_series(1, b.n_inv) k)`;
  return `INSERT INTO scale_plan
    SELECT b.i, b.pi, b.st, b.rs, ${ruleSetIds}[b.rs + 1], b.created_at,
      CASE WHEN b.st IN ('paid','cancelled','written_off','collections') THEN least(b.created_at + b.close_days * interval '1 day', ${ctx.anchor}) END,
      s.step, s.next_delay, b.n_inv, m.total - m.paid, m.paid, ${ctx.x.uid("b0", "b.i")}, ${ctx.x.uid("a0", "b.pi")},
      ${ctx.x.patientFirstName("b.pi")}, ${ctx.x.patientPhone("b.pi")}, ${ctx.x.patientEmail("b.pi")}
    FROM (
      SELECT c.*, ${ctx.anchor} - (c.age * 86400 + c.secs) * interval '1 second' AS created_at,
        CASE WHEN c.st IN ('active','will_fail','failed','paused') THEN c.age WHEN c.st = 'expired' THEN ${MAX_DAY} ELSE least(c.close_days, c.age) END AS eff_day
      FROM (
        SELECT a.*,
          CASE WHEN a.st IN ('active','will_fail','failed') THEN a.age_roll % a.expiry
               WHEN a.st = 'paused' THEN a.age_roll % 120
               WHEN a.st = 'expired' THEN a.expiry + a.age_roll % 150
               ELSE a.age_roll % 730 END AS age,
          1 + a.close_roll % a.expiry AS close_days
        FROM (
          SELECT g.i, ((g.i - 1) % ${ctx.patients}) + 1 AS pi, ${statusCase} AS st, rs, ${expiry}[rs + 1] AS expiry,
            1 + ${r("g.i", 6, 5)} AS n_inv, ${r("g.i", 4, 86400)} AS secs, ${r("g.i", 3, 100000)} AS age_roll, ${r("g.i", 5, 1000)} AS close_roll
          FROM generate_series(${from}, ${to}) g(i)
          CROSS JOIN LATERAL (SELECT ${r("g.i", 1, 100)} AS roll, ${rsCase} AS rs) z
        ) a
      ) c
    ) b
    JOIN scale_steps s ON s.rs = b.rs AND s.day = least(b.eff_day, ${MAX_DAY})
    CROSS JOIN LATERAL ${sums} m`;
}
