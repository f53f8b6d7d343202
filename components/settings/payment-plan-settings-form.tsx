"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { savePlanSettingsAction } from "@/app/(staff)/settings/payment-plan-actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

export function PaymentPlanSettingsForm({
  initial,
}: {
  initial: {
    minInstallment: string;
    patientPlanMonths: string;
    cardChargeMax: string;
    installmentReminderDays: string;
  };
}) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { submit, errors, message, pending } = useFormAction(savePlanSettingsAction, {}, () => {
    setSaved(true);
    router.refresh();
  });
  const err = (key: string) => errors[key]?.[0];
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
        <Field label="Smallest installment" htmlFor="plan-min-installment" error={err("minInstallment")}>
          <Input
            id="plan-min-installment"
            name="minInstallment"
            inputMode="decimal"
            defaultValue={initial.minInstallment}
            aria-invalid={err("minInstallment") ? true : undefined}
          />
        </Field>
        <Field
          label="Plan lengths patients may choose (months)"
          htmlFor="plan-patient-months"
          error={err("patientPlanMonths")}
          hint="For example 3, 6, 12. Leave empty to offer none."
        >
          <Input
            id="plan-patient-months"
            name="patientPlanMonths"
            defaultValue={initial.patientPlanMonths}
            aria-invalid={err("patientPlanMonths") ? true : undefined}
          />
        </Field>
        <Field
          label="Installment reminder (days before)"
          htmlFor="plan-reminder-days"
          error={err("installmentReminderDays")}
          hint="While a set is on a plan, the patient is reminded this many days before each installment (0 = on the day)."
        >
          <Input
            id="plan-reminder-days"
            name="installmentReminderDays"
            inputMode="numeric"
            defaultValue={initial.installmentReminderDays}
            aria-invalid={err("installmentReminderDays") ? true : undefined}
          />
        </Field>
        <Field
          label="Largest card charge"
          htmlFor="plan-card-charge-max"
          error={err("cardChargeMax")}
          hint="A rule's Charge Card step charges the balance up to this amount. Leave empty to charge the whole balance."
        >
          <Input
            id="plan-card-charge-max"
            name="cardChargeMax"
            inputMode="decimal"
            defaultValue={initial.cardChargeMax}
            aria-invalid={err("cardChargeMax") ? true : undefined}
          />
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save payment plan settings"}
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
