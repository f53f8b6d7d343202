"use client";

import { useActionState } from "react";
import { type ChoosePlanState, choosePlanAction } from "@/app/p/[token]/plan-actions";
import { InstallmentList, type InstallmentRow } from "@/components/payment-plans/installment-list";
import { Button } from "@/components/ui/button";
import { formatCents } from "@/lib/money";

/**
 * "Pay over time" on the patient page: the running plan's installments (paid and
 * scheduled), or the plan lengths the clinic offers for this balance.
 */
export function PaymentPlanSection({
  token,
  activePlan,
  options,
}: {
  token: string;
  activePlan: InstallmentRow[] | null;
  options: { months: number; installments: { amountCents: number }[] }[];
}) {
  const [state, formAction, pending] = useActionState<ChoosePlanState, FormData>(
    choosePlanAction.bind(null, token),
    {},
  );
  if (!activePlan && options.length === 0) return null;
  return (
    <section aria-labelledby="plan-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="plan-heading" className="text-lg font-semibold">
        {activePlan ? "Your payment plan" : "Pay over time"}
      </h2>
      {activePlan ? (
        <div className="mt-3">
          <InstallmentList label="Your installments" items={activePlan} />
        </div>
      ) : (
        <form action={formAction} className="mt-3 space-y-3 print:hidden">
          <fieldset className="space-y-2">
            <legend className="text-sm text-slate-800">Choose a plan. The first payment is due in a week.</legend>
            {options.map((option, i) => (
              <label key={option.months} className="flex items-center gap-2 text-sm">
                <input type="radio" name="months" value={option.months} defaultChecked={i === 0} />
                Pay over {option.months} months ({option.installments.length} payments from{" "}
                {formatCents(Math.min(...option.installments.map((item) => item.amountCents)))})
              </label>
            ))}
          </fieldset>
          {state.error ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">
              {state.error}
            </p>
          ) : null}
          <Button type="submit" variant="secondary" disabled={pending}>
            Start payment plan
          </Button>
        </form>
      )}
    </section>
  );
}
