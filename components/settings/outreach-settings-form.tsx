"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveOutreachSettingsAction } from "@/app/(staff)/settings/outreach-actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { WEEKDAYS } from "@/lib/clinics/outreach-settings-input";
import { AnyHourWarning } from "./any-hour-warning";

export interface OutreachSettingsValues {
  sendWindowStart: string;
  sendWindowEnd: string;
  sendDays: number[];
  showAmountInMessages: boolean;
  sendsPerMinute: number;
  allowAnyHour: boolean;
}

/** Settings → Outreach: when and how fast the clinic's messages go out (validated again on the server). */
export function OutreachSettingsForm({ initial }: { initial: OutreachSettingsValues }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [anyHour, setAnyHour] = useState(initial.allowAnyHour);
  const { submit, errors, message, pending } = useFormAction(saveOutreachSettingsAction, {}, () => {
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
      {anyHour ? <AnyHourWarning /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Send window start" htmlFor="sendWindowStart" error={err("sendWindowStart")}>
          <Input
            id="sendWindowStart"
            name="sendWindowStart"
            type="time"
            defaultValue={initial.sendWindowStart}
            aria-invalid={err("sendWindowStart") ? true : undefined}
          />
        </Field>
        <Field label="Send window end" htmlFor="sendWindowEnd" error={err("sendWindowEnd")}>
          <Input
            id="sendWindowEnd"
            name="sendWindowEnd"
            type="time"
            defaultValue={initial.sendWindowEnd}
            aria-invalid={err("sendWindowEnd") ? true : undefined}
          />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-700">Send days</legend>
        <div className="flex flex-wrap gap-3">
          {WEEKDAYS.map((day) => (
            <label key={day.value} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                name="sendDays[]"
                value={day.value}
                defaultChecked={initial.sendDays.includes(day.value)}
              />
              {day.label}
            </label>
          ))}
        </div>
        {err("sendDays[]") ? (
          <p className="text-xs text-red-700" role="alert">
            {err("sendDays[]")}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Sends per minute" htmlFor="sendsPerMinute" error={err("sendsPerMinute")}>
          <Input
            id="sendsPerMinute"
            name="sendsPerMinute"
            type="number"
            min={1}
            max={1000}
            defaultValue={initial.sendsPerMinute}
            aria-invalid={err("sendsPerMinute") ? true : undefined}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="showAmountInMessages" defaultChecked={initial.showAmountInMessages} />
        Show amount in messages
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="allowAnyHour"
          defaultChecked={initial.allowAnyHour}
          onChange={(event) => setAnyHour(event.currentTarget.checked)}
        />
        Allow any hour (testing only)
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            Settings saved
          </p>
        ) : null}
      </div>
    </form>
  );
}
