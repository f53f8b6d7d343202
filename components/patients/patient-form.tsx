"use client";

import { useRouter } from "next/navigation";
import { createPatientAction, updatePatientAction } from "@/app/(staff)/patients/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { clinicTimeZoneLabel } from "@/lib/patients/contact-input";
import { PREFERRED_LANGUAGES } from "@/lib/patients/patient-input";

export interface PatientFormValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  mrn: string;
  /** Empty: the clinic's zone. */
  timeZone: string;
  preferredLanguage: string;
}

/** Add a patient (no patientId) or edit one; validated and normalized on the server. */
export function PatientForm({
  patientId,
  initial,
  timeZones,
  clinicTimeZone,
}: {
  patientId?: string;
  initial: PatientFormValues;
  timeZones: string[];
  clinicTimeZone: string;
}) {
  const router = useRouter();
  const create = useFormAction(createPatientAction, {}, (data) => router.push(`/patients/${data.patientId}`));
  const update = useFormAction(updatePatientAction, { patientId: patientId ?? "" }, (data) => {
    toast.success(data.changed.length ? "Patient saved." : "Nothing changed.");
    router.refresh();
  });
  const { submit, errors, message, pending } = patientId ? update : create;
  const err = (key: string) => errors[key]?.[0];
  const text = (key: keyof PatientFormValues, label: string, type = "text", hint?: string) => (
    <Field label={label} htmlFor={key} error={err(key)} hint={hint}>
      <Input
        id={key}
        name={key}
        type={type}
        defaultValue={initial[key]}
        aria-invalid={err(key) ? true : undefined}
        aria-describedby={err(key) ? `${key}-error` : undefined}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        {text("firstName", "First name")}
        {text("lastName", "Last name")}
        {text("dateOfBirth", "Date of birth", "date")}
        {text("phone", "Phone", "tel")}
        {text("email", "Email", "email")}
        {text("mrn", "MRN", "text", patientId ? undefined : "Leave empty to generate one.")}
        <Field label="Time zone" htmlFor="timeZone" error={err("timeZone")}>
          <Select id="timeZone" name="timeZone" defaultValue={initial.timeZone}>
            <option value="">{clinicTimeZoneLabel(clinicTimeZone)}</option>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Preferred language" htmlFor="preferredLanguage" error={err("preferredLanguage")}>
          <Select id="preferredLanguage" name="preferredLanguage" defaultValue={initial.preferredLanguage}>
            <option value="">Not set</option>
            {PREFERRED_LANGUAGES.map((language) => (
              <option key={language.code} value={language.code}>
                {language.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save patient"}
        </Button>
      </div>
    </form>
  );
}
