"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { planSettingsSchema, updatePlanSettings } from "@/lib/payment-plans/update-plan-settings";

export const savePlanSettingsAction = staffAction(
  { permission: "staff:manage", input: planSettingsSchema },
  async (settings, staff) => {
    const { db } = await getDb();
    const result = await db.transaction((tx) =>
      updatePlanSettings(tx, { clinicId: staff.clinicId, actor: staff.actor, settings }),
    );
    revalidatePath("/settings");
    return result;
  },
);
