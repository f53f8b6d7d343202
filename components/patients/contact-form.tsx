"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { updateContactAction } from "@/app/(staff)/patients/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";

/** The patient's phone, email and time zone; validated on the server (phone → E.164). */
export function ContactForm({
  patientId,
  initial,
  timeZones,
}: {
  patientId: string;
  initial: { phone: string; email: string; timeZone: string };
  timeZones: string[];
}) {
  const router = useRouter();
  const { submit, errors, message, pending } = useFormAction(updateContactAction, { patientId }, (data) => {
    toast.success(data.changed.length ? "Contact details saved." : "Nothing changed.");
    router.refresh();
  });
  const err = (key: string) => errors[key]?.[0];

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Phone" htmlFor="phone" error={err("phone")}>
          <Input
            id="phone"
            name="phone"
            type="tel"
            defaultValue={initial.phone}
            aria-invalid={err("phone") ? true : undefined}
          />
        </Field>
        <Field label="Email" htmlFor="email" error={err("email")}>
          <Input
            id="email"
            name="email"
            type="email"
            defaultValue={initial.email}
            aria-invalid={err("email") ? true : undefined}
          />
        </Field>
        <Field label="Time zone" htmlFor="timeZone" error={err("timeZone")}>
          <Select id="timeZone" name="timeZone" defaultValue={initial.timeZone}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save Contact Details"}
        </Button>
      </div>
    </form>
  );
}
