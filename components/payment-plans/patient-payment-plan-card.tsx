import { Card } from "@/components/ui/card";
import { formatCents } from "@/lib/money";
import { PAYMENT_PLAN_FREQUENCY_LABELS } from "@/lib/payment-plans/compute-schedule";
import type { PaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";
import { PAYMENT_PLAN_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { InstallmentList } from "./installment-list";
import { PaymentPlanDialog } from "./payment-plan-dialog";

/** The patient page's "Payment plan" card for the patient's open invoice set. */
export function PatientPaymentPlanCard({
  context,
  patientName,
  canWrite,
}: {
  context: PaymentPlanContext;
  patientName: string;
  canWrite: boolean;
}) {
  const { plan } = context;
  return (
    <Card aria-labelledby="payment-plan-heading">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 id="payment-plan-heading" className="text-lg font-semibold">
          Payment plan
        </h2>
        {canWrite && plan?.status !== "active" ? (
          <PaymentPlanDialog invoiceSetId={context.invoiceSetId} patientName={patientName} canWrite />
        ) : null}
      </div>
      {plan ? (
        <>
          <p className="mb-2 text-sm">
            {PAYMENT_PLAN_STATUS_LABELS[plan.status]}: {PAYMENT_PLAN_FREQUENCY_LABELS[plan.frequency]},{" "}
            {formatCents(plan.totalCents)} in total{plan.statusReason ? ` (${plan.statusReason})` : ""}.
          </p>
          <InstallmentList label="Payment plan schedule" items={plan.installments} />
        </>
      ) : (
        <p className="text-sm text-slate-600">No payment plan. Balance {formatCents(context.balanceCents)}.</p>
      )}
    </Card>
  );
}
