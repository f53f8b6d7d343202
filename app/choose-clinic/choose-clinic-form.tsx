"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { type ChooseClinicState, chooseClinicAction } from "./actions";

export function ChooseClinicForm({
  clinics,
  current,
  next,
}: {
  clinics: { id: string; name: string; role: keyof typeof ROLE_LABELS }[];
  current: string | null;
  next?: string;
}) {
  const [state, formAction, pending] = useActionState<ChooseClinicState, FormData>(chooseClinicAction, {});
  return (
    <div className="flex flex-col gap-3">
      <FormAlert message={state.error} />
      {clinics.map((clinic) => (
        <form key={clinic.id} action={formAction}>
          <input type="hidden" name="clinicId" value={clinic.id} />
          <input type="hidden" name="next" value={next ?? ""} />
          <Button
            type="submit"
            variant={clinic.id === current ? "primary" : "secondary"}
            className="w-full justify-between"
            disabled={pending}
          >
            <span>{clinic.name}</span>
            <span className="text-xs opacity-80">
              <span className="sr-only">, </span>
              {ROLE_LABELS[clinic.role]}
              {clinic.id === current ? " · current" : ""}
            </span>
          </Button>
        </form>
      ))}
    </div>
  );
}
