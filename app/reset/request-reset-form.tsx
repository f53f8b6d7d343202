"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { RESET_REQUESTED } from "@/lib/account/reset-messages";
import { type ResetState, requestResetAction } from "./actions";

export function RequestResetForm() {
  const [state, formAction, pending] = useActionState<ResetState, FormData>(requestResetAction, {});
  if (state.done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message={RESET_REQUESTED} />
        <Link href="/login" className="text-sm text-blue-700 hover:underline">
          Back to sign in
        </Link>
      </div>
    );
  }
  const error = state.fieldErrors?.email?.[0];
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormAlert message={state.message} />
      <Field label="Email" htmlFor="email" error={error}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.email}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
      <Link href="/login" className="text-sm text-blue-700 hover:underline">
        Back to sign in
      </Link>
    </form>
  );
}
