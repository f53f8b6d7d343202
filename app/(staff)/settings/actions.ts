"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { clinicSettingsSchema } from "@/lib/clinics/clinic-settings-input";
import { updateClinicSettings } from "@/lib/clinics/update-clinic-settings";
import { runUseCase } from "@/lib/events/run-use-case";

export const saveClinicSettingsAction = staffAction(
  { permission: "staff:manage", input: clinicSettingsSchema },
  async (settings, staff) => {
    const { db } = await getDb();
    const { result } = await runUseCase(db, (tx) =>
      updateClinicSettings(tx, { clinicId: staff.clinicId, actor: staff.actor, settings }),
    );
    revalidatePath("/", "layout");
    return result;
  },
);
