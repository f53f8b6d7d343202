"use server";

import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { outreachSettingsSchema } from "@/lib/clinics/outreach-settings-input";
import { updateOutreachSettings } from "@/lib/clinics/update-outreach-settings";
import { runUseCase } from "@/lib/events/run-use-case";

/** Settings → Outreach (admins only): saves and re-plans the clinic's waiting sequences. */
export const saveOutreachSettingsAction = staffAction(
  { permission: "staff:manage", input: outreachSettingsSchema },
  async (input, staff) => {
    const { db } = await getDb();
    const { result } = await runUseCase(db, (tx) =>
      updateOutreachSettings(tx, { clinicId: staff.clinicId, actor: staff.actor, input }),
    );
    return result;
  },
);
