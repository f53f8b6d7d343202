import { sql } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import type { Actor } from "@/lib/actor";
import { insertAuditRowsSql } from "@/lib/audit/record-audit";
import { PAYMENT_PLAN_TRANSITIONS, type PaymentPlanAction } from "./payment-plan";

/**
 * The one writer of payment_plans.status: one statement moves the chosen plans (by plan id
 * or by their set) from the statuses the table allows to its target, with an audit row
 * each. Plans in any other status are left alone. Returns the plans that changed.
 */
export async function transitionPaymentPlans(
  tx: Tx,
  params: {
    clinicId: string;
    action: PaymentPlanAction;
    planIds?: readonly string[];
    invoiceSetIds?: readonly string[];
    reason: string | null;
    actor: Actor;
    now: Date;
  },
): Promise<{ id: string; invoiceSetId: string }[]> {
  const { clinicId, action, actor, reason } = params;
  const planIds = params.planIds ?? [];
  const setIds = params.invoiceSetIds ?? [];
  if (planIds.length === 0 && setIds.length === 0) return [];
  const rule = PAYMENT_PLAN_TRANSITIONS[action];
  const at = sql`${params.now.toISOString()}::timestamptz`;
  const from = sql.join(
    rule.from.map((status) => sql`${status}::payment_plan_status`),
    sql`, `,
  );
  return executeRows<{ id: string; invoiceSetId: string }>(
    tx,
    sql`
    with updated as (
      update payment_plans p set status = ${rule.to}::payment_plan_status, status_reason = ${reason},
        updated_at = ${at}, closed_at = ${at}
      where p.clinic_id = ${clinicId}::uuid and p.status in (${from})
        and (p.id = any(${`{${planIds.join(",")}}`}::uuid[]) or p.invoice_set_id = any(${`{${setIds.join(",")}}`}::uuid[]))
      returning p.id, p.invoice_set_id
    ),
    audit as (${insertAuditRowsSql({
      from: sql`updated u`,
      clinicId: sql`${clinicId}::uuid`,
      actor,
      action: sql`${`payment_plan.${action}`}::text`,
      entityType: "payment_plan",
      entityId: sql`u.id`,
      before: sql`jsonb_build_object('status', 'active')`,
      after: sql`jsonb_build_object('status', ${rule.to}::text, 'statusReason', ${reason}::text)`,
      at,
    })})
    select id, invoice_set_id as "invoiceSetId" from updated`,
  );
}
