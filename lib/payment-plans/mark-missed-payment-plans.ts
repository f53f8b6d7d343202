import { sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSetActivated } from "@/inngest/events";
import { SYSTEM } from "@/lib/actor";
import { publishEvents } from "@/lib/events/publish-events";
import { endPaymentPlans } from "./end-payment-plan";

/** Days an installment may stay unpaid past its date before the plan counts as missed. */
export const MISSED_GRACE_DAYS = 5;

/**
 * Plans whose payments so far (the set's balance when the plan began minus what is owed
 * now) fall short of the installments due more than MISSED_GRACE_DAYS ago, in each clinic's
 * own calendar, become Missed and their sets return to the rule set. One select finds them
 * all; each clinic's plans end in one transaction. `now` is the caller's clock.
 */
export async function markMissedPaymentPlans(db: Db, now: Date = new Date()): Promise<{ missed: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = await executeRows<{ id: string; clinicId: string }>(
    db,
    sql`
    select p.id, p.clinic_id as "clinicId"
    from payment_plans p
    join invoice_sets s on s.id = p.invoice_set_id and s.clinic_id = p.clinic_id
    join clinics c on c.id = p.clinic_id
    where p.status = 'active'
      and (
        select coalesce(sum(i.amount_cents), 0) from payment_plan_installments i
        where i.plan_id = p.id and i.due_on < (${at} at time zone c.time_zone)::date - ${MISSED_GRACE_DAYS}::int
      ) > p.start_balance_cents - s.amount_outstanding_cents
    order by p.clinic_id, p.id
    limit 1000`,
  );
  const byClinic = new Map<string, string[]>();
  for (const row of due) byClinic.set(row.clinicId, [...(byClinic.get(row.clinicId) ?? []), row.id]);
  let missed = 0;
  for (const [clinicId, planIds] of byClinic) {
    const changed = await db.transaction((tx) =>
      endPaymentPlans(tx, {
        clinicId,
        planIds,
        action: "miss",
        reason: "Payment plan missed: an installment went unpaid",
        actor: SYSTEM,
        now,
      }),
    );
    missed += changed.length;
    await publishEvents(
      changed
        .filter((set) => set.to === "active")
        .map((set) => invoiceSetActivated.create({ clinicId, invoiceSetId: set.id })),
    );
  }
  return { missed };
}
