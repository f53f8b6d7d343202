"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changePasswordAction, updateProfileAction } from "@/app/(staff)/account/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

function Saved({ text }: { text: string | null }) {
  return text ? (
    <p role="status" className="text-sm text-green-800">
      {text}
    </p>
  ) : null;
}

export function ProfileForm({ initial }: { initial: { name: string; email: string } }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const { submit, errors, message, pending } = useFormAction(updateProfileAction, {}, (data) => {
    setSaved(data.changed.length ? "Profile saved" : "Nothing changed");
    router.refresh();
  });
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" htmlFor="account-name" error={errors.name?.[0]}>
          <Input id="account-name" name="name" defaultValue={initial.name} autoComplete="name" />
        </Field>
        <Field label="Email" htmlFor="account-email" error={errors.email?.[0]}>
          <Input id="account-email" name="email" type="email" defaultValue={initial.email} autoComplete="username" />
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          Save profile
        </Button>
        <Saved text={saved} />
      </div>
    </form>
  );
}

export function PasswordForm() {
  const [saved, setSaved] = useState<string | null>(null);
  const { submit, errors, message, pending } = useFormAction(changePasswordAction, {}, (data, form) => {
    form.reset();
    setSaved(
      data.sessionsEnded > 0
        ? `Password changed. ${data.sessionsEnded} other session(s) signed out.`
        : "Password changed",
    );
  });
  const field = (name: string, label: string, autoComplete: string) => (
    <Field label={label} htmlFor={`account-${name}`} error={errors[name]?.[0]}>
      <Input id={`account-${name}`} name={name} type="password" autoComplete={autoComplete} />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        {field("currentPassword", "Current password", "current-password")}
        {field("password", "New password", "new-password")}
        {field("confirmPassword", "Confirm new password", "new-password")}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          Change password
        </Button>
        <Saved text={saved} />
      </div>
    </form>
  );
}
