"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { type AcceptState, acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, existingAccount }: { token: string; existingAccount: boolean }) {
  const [state, formAction, pending] = useActionState<AcceptState, FormData>(acceptInvitationAction, {});
  if (state.done) {
    return (
      <div className="flex flex-col gap-4">
        <FormAlert
          tone="success"
          message={
            state.done.joinedExisting
              ? `You joined ${state.done.clinicName}. Sign in with your existing password.`
              : `Your account is ready and you joined ${state.done.clinicName}. Sign in to start.`
          }
        />
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
      {existingAccount ? (
        <p className="text-sm text-slate-700">You already have an account with this email: joining adds this clinic.</p>
      ) : (
        <>
          <Field label="Your name" htmlFor="name" error={err("name")}>
            <Input id="name" name="name" autoComplete="name" aria-invalid={err("name") ? true : undefined} />
          </Field>
          <Field label="Password" htmlFor="password" error={err("password")} hint="At least 12 characters.">
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
        </>
      )}
      <Button type="submit" disabled={pending}>
        {existingAccount ? "Join clinic" : pending ? "Creating…" : "Create account"}
      </Button>
    </form>
  );
}
