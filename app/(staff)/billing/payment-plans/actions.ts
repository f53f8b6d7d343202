"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { notFound, staffAction } from "@/lib/actions/staff-action";
import { recordAudit } from "@/lib/audit/record-audit";
import { createPaymentPlan, paymentPlanInput } from "@/lib/payment-plans/create-payment-plan";
import { loadPaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";

const setId = z.object({ invoiceSetId: z.uuid("That invoice set id is not valid.") });

/** The Payment plan dialog's facts: balance, the clinic's minimum, today, and the current plan. */
export const getPaymentPlanContext = staffAction({ permission: "read", input: setId }, async (input, staff) => {
  const { db } = await getDb();
  const context = await loadPaymentPlanContext(db, { clinicId: staff.clinicId, invoiceSetId: input.invoiceSetId });
  if (!context) throw notFound("This invoice set");
  await recordAudit(db, {
    clinicId: staff.clinicId,
    actor: staff.actor,
    action: "payment_plan.view",
    entityType: "invoice_set",
    entityId: input.invoiceSetId,
  });
  return context;
});

export const createInvoiceSetPaymentPlan = staffAction(
  { permission: "invoices:write", input: paymentPlanInput },
  async (input, staff) => {
    const { db } = await getDb();
    return createPaymentPlan(db, staff, input);
  },
);
