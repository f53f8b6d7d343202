"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveClinicSettingsAction } from "@/app/(staff)/settings/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";

interface Initial {
  name: string;
  phone: string;
  email: string;
  timeZone: string;
  defaultDueDays: string;
  patientLinkDays: string;
  requireTwoFactor: boolean;
}

export function ClinicSettingsForm({ initial, timeZones }: { initial: Initial; timeZones: string[] }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { submit, errors, message, pending } = useFormAction(saveClinicSettingsAction, {}, () => {
    setSaved(true);
    router.refresh();
  });
  const err = (key: string) => errors[key]?.[0];
  const text = (name: keyof Initial, label: string, type = "text") => (
    <Field label={label} htmlFor={`clinic-${name}`} error={err(name)}>
      <Input
        id={`clinic-${name}`}
        name={name}
        type={type}
        defaultValue={String(initial[name])}
        aria-invalid={err(name) ? true : undefined}
        aria-describedby={err(name) ? `clinic-${name}-error` : undefined}
      />
    </Field>
  );

  return (
    <form
      onSubmit={(event) => {
        setSaved(false);
        submit(event);
      }}
      noValidate
      className="flex flex-col gap-4"
    >
      <FormAlert message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        {text("name", "Clinic name")}
        {text("phone", "Phone", "tel")}
        {text("email", "Email", "email")}
        <Field label="Time zone" htmlFor="clinic-timeZone" error={err("timeZone")}>
          <Select id="clinic-timeZone" name="timeZone" defaultValue={initial.timeZone}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        {text("defaultDueDays", "Default due days", "number")}
        {text("patientLinkDays", "Patient link lifetime (days)", "number")}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="requireTwoFactor" defaultChecked={initial.requireTwoFactor} className="size-4" />
        Require two-factor for all staff
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-green-800">
            Settings saved
          </p>
        ) : null}
      </div>
    </form>
  );
}
