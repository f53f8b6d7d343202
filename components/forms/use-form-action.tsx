"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/staff-action";

/**
 * Submits a form's FormData (plus fixed fields) to a staff server action and keeps what the
 * server said: the refusal message and per-field errors, cleared on success.
 */
export function useFormAction<T>(
  action: (form: FormData) => Promise<ActionResult<T>>,
  extra: Record<string, string>,
  onSuccess: (data: T, form: HTMLFormElement) => void,
) {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    for (const [key, value] of Object.entries(extra)) form.set(key, value);
    startTransition(async () => {
      const result = await action(form);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      reset();
      onSuccess(result.data, element);
    });
  }

  function reset() {
    setErrors({});
    setMessage(null);
  }

  return { submit, reset, errors, message, pending };
}

/** The refusal, where a screen reader announces it. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
