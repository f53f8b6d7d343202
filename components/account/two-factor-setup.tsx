"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmTwoFactorAction, disableTwoFactorAction, startTwoFactorAction } from "@/app/login/two-factor/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

/** Turn two-factor on (QR code, then a code, then recovery codes shown once) or off (with the password). */
export function TwoFactorSetup({ enabled, doneHref }: { enabled: boolean; doneHref?: string }) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();
  const confirm = useFormAction(confirmTwoFactorAction, {}, (data) => setCodes(data.recoveryCodes));
  const disable = useFormAction(disableTwoFactorAction, {}, () => router.refresh());

  if (codes) {
    return (
      <div className="flex flex-col gap-3">
        <p role="status" className="text-sm font-medium text-green-800">
          Two-factor is on.
        </p>
        <p className="text-sm text-slate-700">
          Save these recovery codes somewhere safe. Each works once if you lose your phone. They are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <div>
          <Button
            onClick={() => {
              if (doneHref) router.push(doneHref);
              else {
                setCodes(null);
                setEnrolment(null);
                router.refresh();
              }
            }}
          >
            Done
          </Button>
        </div>
      </div>
    );
  }

  if (enabled) {
    return (
      <form onSubmit={disable.submit} noValidate className="flex flex-col gap-3">
        <p className="text-sm text-slate-700">Two-factor is on: signing in asks for a code from your app.</p>
        <FormAlert message={disable.message} />
        <Field label="Password" htmlFor="disable-password" error={disable.errors.password?.[0]}>
          <Input id="disable-password" name="password" type="password" autoComplete="current-password" />
        </Field>
        <div>
          <Button type="submit" variant="secondary" disabled={disable.pending}>
            Turn off two-factor
          </Button>
        </div>
      </form>
    );
  }

  if (!enrolment) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm text-slate-700">
          Two-factor is off. Turn it on to sign in with a code from an authenticator app as well as your password.
        </p>
        <FormAlert message={startError} />
        <div>
          <Button
            disabled={starting}
            onClick={() =>
              startTransition(async () => {
                const result = await startTwoFactorAction();
                if (result.ok) setEnrolment(result.data);
                else setStartError(result.message);
              })
            }
          >
            Turn on two-factor
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={confirm.submit} noValidate className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">
        Scan this QR code with your authenticator app, or type the key, then enter the code it shows.
      </p>
      {/* biome-ignore lint/performance/noImgElement: a data: URL made on the server; next/image adds nothing here */}
      <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
      <p className="text-sm">
        Setup key: <code>{enrolment.secret}</code>
      </p>
      <FormAlert message={confirm.message} />
      <Field label="Code" htmlFor="enrol-code" error={confirm.errors.code?.[0]}>
        <Input id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" className="w-40" />
      </Field>
      <div>
        <Button type="submit" disabled={confirm.pending}>
          Verify and turn on
        </Button>
      </div>
    </form>
  );
}
