"use client";

import { useActionState } from "react";
import { type PayState, startPaymentAction } from "@/app/p/[token]/actions";
import { Button } from "@/components/ui/button";
import { formatCents } from "@/lib/money";

/** "Pay": the balance by default, or a part of it no smaller than the clinic's minimum. */
export function PayForm({
  token,
  balanceCents,
  minimumCents,
}: {
  token: string;
  balanceCents: number;
  minimumCents: number;
}) {
  const [state, formAction, pending] = useActionState<PayState, FormData>(startPaymentAction.bind(null, token), {});
  return (
    <section aria-labelledby="pay-heading" className="rounded-lg border border-slate-200 bg-white p-4 print:hidden">
      <h2 id="pay-heading" className="text-lg font-semibold">
        Pay online
      </h2>
      <form action={formAction} noValidate className="mt-3 space-y-3">
        <div className="space-y-1">
          <label htmlFor="pay-amount" className="block text-sm font-medium text-slate-800">
            Amount to pay
          </label>
          <div className="flex items-center gap-2">
            <span aria-hidden="true" className="text-lg text-slate-700">
              $
            </span>
            <input
              id="pay-amount"
              name="amount"
              inputMode="decimal"
              defaultValue={(balanceCents / 100).toFixed(2)}
              aria-describedby={state.error ? "pay-error pay-hint" : "pay-hint"}
              aria-invalid={state.error ? true : undefined}
              className="h-12 w-full rounded-md border border-slate-500 bg-white px-3 text-lg tabular-nums focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700/40"
            />
          </div>
          <p id="pay-hint" className="text-sm text-slate-700">
            Pay the full balance of {formatCents(balanceCents)}, or any amount from {formatCents(minimumCents)}.
          </p>
        </div>
        {state.error ? (
          <p
            id="pay-error"
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800"
          >
            {state.error}
          </p>
        ) : null}
        <Button type="submit" size="lg" className="w-full" disabled={pending}>
          Pay
        </Button>
        <p className="text-xs text-slate-700">
          You&apos;ll pay securely on Stripe&apos;s checkout page. We never see your card number.
        </p>
      </form>
    </section>
  );
}
