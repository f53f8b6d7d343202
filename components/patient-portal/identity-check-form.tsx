"use client";

import { useActionState } from "react";
import { type IdentityState, verifyIdentityAction } from "@/app/p/[token]/actions";
import { Button } from "@/components/ui/button";

const inputClass =
  "h-12 w-full rounded-md border border-slate-500 bg-white px-3 text-lg text-slate-900 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700/40 aria-invalid:border-red-700";

/** Date of birth first: three labelled numeric fields (easier on a phone than a date picker). */
export function IdentityCheckForm({ token, lockedMessage }: { token: string; lockedMessage?: string }) {
  const [state, formAction, pending] = useActionState<IdentityState, FormData>(
    verifyIdentityAction.bind(null, token),
    lockedMessage ? { error: lockedMessage, locked: true } : {},
  );
  const invalid = state.error ? true : undefined;
  return (
    <section aria-labelledby="identity-heading" className="space-y-4">
      <h1 id="identity-heading" className="text-2xl font-semibold">
        Confirm it&apos;s you
      </h1>
      <p className="text-slate-700">
        To protect your privacy, enter the patient&apos;s date of birth to see the statement.
      </p>
      <form action={formAction} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <fieldset aria-describedby={state.error ? "dob-error" : "dob-hint"}>
          <legend className="text-base font-semibold">Date of birth</legend>
          <p id="dob-hint" className="text-sm text-slate-600">
            For example: 04 12 1985
          </p>
          <div className="mt-3 grid grid-cols-[1fr_1fr_1.6fr] gap-3">
            <div className="space-y-1">
              <label htmlFor="dob-month" className="block text-sm font-medium text-slate-800">
                Month
              </label>
              <input
                id="dob-month"
                name="month"
                inputMode="numeric"
                autoComplete="bday-month"
                maxLength={2}
                placeholder="MM"
                required
                aria-invalid={invalid}
                className={inputClass}
                disabled={state.locked}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="dob-day" className="block text-sm font-medium text-slate-800">
                Day
              </label>
              <input
                id="dob-day"
                name="day"
                inputMode="numeric"
                autoComplete="bday-day"
                maxLength={2}
                placeholder="DD"
                required
                aria-invalid={invalid}
                className={inputClass}
                disabled={state.locked}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="dob-year" className="block text-sm font-medium text-slate-800">
                Year
              </label>
              <input
                id="dob-year"
                name="year"
                inputMode="numeric"
                autoComplete="bday-year"
                maxLength={4}
                placeholder="YYYY"
                required
                aria-invalid={invalid}
                className={inputClass}
                disabled={state.locked}
              />
            </div>
          </div>
        </fieldset>
        {state.error ? (
          <p
            id="dob-error"
            role="alert"
            className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800"
          >
            {state.error}
          </p>
        ) : null}
        <Button type="submit" size="lg" className="w-full" disabled={pending || state.locked}>
          {pending ? "Checking…" : "View statement"}
        </Button>
      </form>
    </section>
  );
}
