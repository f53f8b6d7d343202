"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { type ResetState, resetPasswordAction } from "../actions";

export function NewPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<ResetState, FormData>(resetPasswordAction, {});
  if (state.done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert tone="success" message="Your password was changed. Sign in with the new one." />
        <Button asChild>
          <Link href="/login">Go to sign in</Link>
        </Button>
      </div>
    );
  }
  const err = (key: string) => state.fieldErrors?.[key]?.[0];
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormAlert message={state.message} />
      <input type="hidden" name="token" value={token} />
      <Field label="New password" htmlFor="password" error={err("password")}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={err("password") ? true : undefined}
        />
      </Field>
      <Field label="Confirm password" htmlFor="confirmPassword" error={err("confirmPassword")}>
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          aria-invalid={err("confirmPassword") ? true : undefined}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
