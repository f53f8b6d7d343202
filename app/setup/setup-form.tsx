"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { type SetupState, setUpAction } from "./actions";

export function SetupForm({ timeZones }: { timeZones: string[] }) {
  const [state, formAction, pending] = useActionState<SetupState, FormData>(setUpAction, {});
  const err = (key: string) => state.fieldErrors?.[key]?.[0];
  const field = (name: string, label: string, type = "text", autoComplete = "off") => (
    <Field label={label} htmlFor={name} error={err(name)}>
      <Input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={type === "password" ? undefined : state.values?.[name]}
        aria-invalid={err(name) ? true : undefined}
      />
    </Field>
  );
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormAlert message={state.message} />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">Clinic</legend>
        {field("clinicName", "Clinic name", "text", "organization")}
        <Field label="Time zone" htmlFor="timeZone" error={err("timeZone")}>
          <Select id="timeZone" name="timeZone" defaultValue={state.values?.timeZone ?? "America/New_York"}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        {field("clinicPhone", "Clinic phone", "tel")}
        {field("clinicEmail", "Clinic email", "email")}
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">Your admin account</legend>
        {field("adminName", "Your name", "text", "name")}
        {field("adminEmail", "Your email", "email", "username")}
        {field("password", "Password", "password", "new-password")}
        {field("confirmPassword", "Confirm password", "password", "new-password")}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create clinic"}
      </Button>
    </form>
  );
}
