import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { clinics, patients } from "@/db/schema";
import { formatCalendarDate } from "@/lib/format/dates";
import { formatCents } from "@/lib/money";
import type { Channel } from "@/lib/outreach/channels";
import { channelProblem } from "@/lib/outreach/predict-delivery";
import { readSendBudgets } from "@/lib/outreach/send-budget";
import { sendMessage } from "@/lib/outreach/send-message";
import { moveIntoSendWindow } from "@/lib/outreach/send-window";
import { patientTimeZone } from "@/lib/patients/patient-time-zone";
import type { Transports } from "@/lib/providers/transport";

interface DueReminder {
  clinicId: string;
  invoiceSetId: string;
  patientId: string;
  cycle: number;
  installmentId: string;
  seq: number;
  dueOn: string;
  /** What is still unpaid of this installment. */
  amountCents: number;
  autopay: boolean;
}

/**
 * While a set is on track with its payment plan, outreach follows the plan: the patient gets
 * one reminder (a text, or an email when texts can't reach them) the clinic's
 * installment_reminder_days before the next unpaid installment's date. The same rules as any
 * outreach hold: only an Active set that still owes, only inside the send window in the
 * patient's zone (a later pass sends it), never after opt-out, once per installment (the
 * message row is unique per installment and channel), and within the clinic's per-minute
 * send cap (`sendsPerMinute` is the process-wide one; what doesn't fit waits for the next
 * pass). Sent through the normal send path.
 */
export async function sendInstallmentReminders(
  db: Db,
  transports: Transports,
  now: Date,
  sendsPerMinute: number,
): Promise<{ sent: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = await executeRows<DueReminder>(
    db,
    sql`
    select distinct on (p.id) p.clinic_id as "clinicId", s.id as "invoiceSetId", s.patient_id as "patientId",
      s.sequence_cycle as "cycle", i.id as "installmentId", i.seq, i.due_on::text as "dueOn", p.autopay,
      least(i.amount_cents, cum.total - (p.start_balance_cents - s.amount_outstanding_cents))::int as "amountCents"
    from payment_plans p
    join invoice_sets s on s.id = p.invoice_set_id and s.clinic_id = p.clinic_id and s.payment_plan_id = p.id
    join clinics c on c.id = p.clinic_id
    join payment_plan_installments i on i.plan_id = p.id
    cross join lateral (select sum(j.amount_cents) as total from payment_plan_installments j where j.plan_id = p.id and j.seq <= i.seq) cum
    where p.status = 'active' and s.status = 'active' and s.amount_outstanding_cents > 0
      and cum.total > p.start_balance_cents - s.amount_outstanding_cents
      and i.due_on >= (${at} at time zone c.time_zone)::date
      and i.due_on - c.installment_reminder_days <= (${at} at time zone c.time_zone)::date
    order by p.id, i.seq
    limit 500`,
  );
  // Only the next unpaid installment is reminded of, and only once.
  const pending = await withoutReminder(db, due);
  if (pending.length === 0) return { sent: 0 };

  const clinicRows = await db
    .select()
    .from(clinics)
    .where(inArray(clinics.id, [...new Set(pending.map((r) => r.clinicId))]));
  const patientRows = await db
    .select()
    .from(patients)
    .where(inArray(patients.id, [...new Set(pending.map((r) => r.patientId))]));
  const budgets = await readSendBudgets(
    db,
    clinicRows.map((c) => c.id),
    sendsPerMinute,
    now,
  );
  let sent = 0;
  for (const reminder of pending) {
    const clinic = clinicRows.find((c) => c.id === reminder.clinicId);
    const patient = patientRows.find((p) => p.id === reminder.patientId && p.clinicId === reminder.clinicId);
    if (!clinic || !patient) continue;
    const window = {
      startMinute: clinic.sendWindowStartMinute,
      endMinute: clinic.sendWindowEndMinute,
      days: clinic.sendDays,
    };
    const timeZone = patientTimeZone(patient, clinic);
    if (moveIntoSendWindow(now, timeZone, window).getTime() !== now.getTime()) continue;
    const channel = (["sms", "email"] as const).find((c: Channel) => channelProblem(c, patient, timeZone) === null);
    if (!channel) continue;
    const budget = budgets.get(clinic.id);
    if (!budget || budget.used >= budget.limit) continue;
    budget.used += 1;
    await sendMessage(db, {
      clinic,
      patient,
      rule: { id: null, title: "Payment plan reminder", template: reminderTemplate(reminder, clinic) },
      installmentId: reminder.installmentId,
      invoiceSetId: reminder.invoiceSetId,
      cycle: reminder.cycle,
      stepIndex: reminder.seq,
      channel,
      amountCents: reminder.amountCents,
      transport: transports[channel],
      now,
    });
    sent += 1;
  }
  return { sent };
}

async function withoutReminder(db: Db, due: DueReminder[]): Promise<DueReminder[]> {
  if (due.length === 0) return [];
  const reminded = await executeRows<{ installmentId: string }>(
    db,
    sql`select distinct installment_id as "installmentId" from messages
      where installment_id in (${sql.join(
        due.map((r) => sql`${r.installmentId}::uuid`),
        sql`, `,
      )})`,
  );
  const done = new Set(reminded.map((r) => r.installmentId));
  return due.filter((r) => !done.has(r.installmentId));
}

function reminderTemplate(reminder: DueReminder, clinic: { showAmountInMessages: boolean }): string {
  const what = clinic.showAmountInMessages
    ? `your payment plan installment of ${formatCents(reminder.amountCents)}`
    : "your next payment plan installment";
  const when = formatCalendarDate(reminder.dueOn);
  return reminder.autopay
    ? `Hi {{first_name}}, a reminder from {{clinic_name}}: ${what} will be charged to your card on file on ${when}. Details: {{pay_link}}`
    : `Hi {{first_name}}, a reminder from {{clinic_name}}: ${what} is due on ${when}. Pay here: {{pay_link}}`;
}
