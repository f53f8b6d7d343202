"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { type CodeState, verifySecondFactorAction } from "./actions";

export function SecondFactorForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState<CodeState, FormData>(verifySecondFactorAction, {});
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormAlert message={state.error} />
      <input type="hidden" name="next" value={next ?? ""} />
      <Field label="Code" htmlFor="code">
        <Input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus />
      </Field>
      <Button type="submit" disabled={pending}>
        Verify
      </Button>
    </form>
  );
}
