import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { chargeCard } from "@/lib/card-charges/charge-card";
import { MAX_CHARGE_ATTEMPTS, RETRY_DAYS } from "./autopay-policy";

/** A charge still pending this long had no answer (a timeout): the next pass asks again with the same key. */
const PENDING_RETRY_MS = 10 * 60_000;

interface DueCharge {
  clinicId: string;
  invoiceSetId: string;
  installmentId: string;
  amountCents: number;
  currency: string;
  customerId: string;
  paymentMethodId: string;
  failedAttempts: number;
}

/**
 * Autopay: for each active autopay plan, its earliest installment that is due (in the
 * clinic's calendar) and not yet covered by payments is charged off-session to the card on
 * file (lib/card-charges: the attempt's row and idempotency key are committed before Stripe is
 * called, so a retry after a timeout is the same charge). A decline is retried after RETRY_DAYS;
 * after the last try the plan goes Missed and the set returns to its rule set.
 */
export async function chargeDueInstallments(
  db: Db,
  stripe: Stripe,
  now: Date = new Date(),
): Promise<{ charged: number; failed: number }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = await executeRows<DueCharge>(
    db,
    sql`
    select distinct on (p.id) p.clinic_id as "clinicId", s.id as "invoiceSetId",
      i.id as "installmentId", c.currency,
      least(i.amount_cents, cum.total - (p.start_balance_cents - s.amount_outstanding_cents))::int as "amountCents",
      pc.stripe_customer_id as "customerId", pc.stripe_payment_method_id as "paymentMethodId",
      (select count(*) from card_charges f where f.installment_id = i.id and f.status = 'failed')::int as "failedAttempts"
    from payment_plans p
    join invoice_sets s on s.id = p.invoice_set_id and s.clinic_id = p.clinic_id
    join clinics c on c.id = p.clinic_id
    join payment_cards pc on pc.patient_id = s.patient_id and pc.clinic_id = p.clinic_id
    join payment_plan_installments i on i.plan_id = p.id
    cross join lateral (select sum(j.amount_cents) as total from payment_plan_installments j where j.plan_id = p.id and j.seq <= i.seq) cum
    left join lateral (
      select id from card_charges x where x.installment_id = i.id and x.status = 'pending'
    ) pending on true
    where p.status = 'active' and p.autopay
      and i.due_on <= (${at} at time zone c.time_zone)::date
      and cum.total > p.start_balance_cents - s.amount_outstanding_cents
      and not exists (select 1 from card_charges ok where ok.installment_id = i.id and ok.status = 'succeeded')
      and (pending.id is null or exists (
        select 1 from card_charges x where x.id = pending.id and x.attempted_at <= ${at} - ${`${PENDING_RETRY_MS} milliseconds`}::interval))
      and not exists (
        select 1 from card_charges r where r.installment_id = i.id and r.status = 'failed'
          and r.attempted_at > ${at} - ${`${RETRY_DAYS} days`}::interval)
    order by p.id, i.seq
    limit 200`,
  );
  let charged = 0;
  let failed = 0;
  for (const row of due) {
    if (row.failedAttempts >= MAX_CHARGE_ATTEMPTS) continue;
    const outcome = await chargeCard(
      db,
      stripe,
      {
        clinicId: row.clinicId,
        invoiceSetId: row.invoiceSetId,
        amountCents: row.amountCents,
        currency: row.currency,
        customerId: row.customerId,
        paymentMethodId: row.paymentMethodId,
        purpose: { kind: "installment", installmentId: row.installmentId },
      },
      now,
    );
    if (outcome === "recorded") charged += 1;
    if (outcome === "declined") failed += 1;
  }
  return { charged, failed };
}
