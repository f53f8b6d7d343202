"use client";

import { useActionState } from "react";
import { type SaveCardState, startCardSetupAction } from "@/app/p/[token]/card-actions";
import { Button } from "@/components/ui/button";

/** "Save a card for future payments", with the consent the patient must tick first. */
export function SaveCardForm({
  token,
  consentText,
  cardOnFile,
}: {
  token: string;
  consentText: string;
  /** "Visa •••• 4242, exp 04/28" when a card is already saved. */
  cardOnFile: string | null;
}) {
  const [state, formAction, pending] = useActionState<SaveCardState, FormData>(
    startCardSetupAction.bind(null, token),
    {},
  );
  return (
    <section aria-labelledby="card-heading" className="rounded-lg border border-slate-200 bg-white p-4 print:hidden">
      <h2 id="card-heading" className="text-lg font-semibold">
        Save a card for future payments
      </h2>
      {cardOnFile ? <p className="mt-2 text-sm">Card on file: {cardOnFile}</p> : null}
      <form action={formAction} className="mt-3 space-y-3">
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="consent" value="yes" required className="mt-1" />
          <span>{consentText}</span>
        </label>
        {state.error ? (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800">
            {state.error}
          </p>
        ) : null}
        <Button type="submit" variant="secondary" disabled={pending}>
          {cardOnFile ? "Replace card" : "Save card"}
        </Button>
        <p className="text-xs text-slate-700">
          You&apos;ll enter the card on Stripe&apos;s page. We never see the number.
        </p>
      </form>
    </section>
  );
}
