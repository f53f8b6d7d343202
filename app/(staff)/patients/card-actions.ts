"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { removePaymentCard } from "@/lib/payment-cards/remove-payment-card";

/** Staff remove a patient's card on file (billers and admins). */
export const removePaymentCardAction = staffAction(
  { permission: "invoices:write", input: z.object({ patientId: z.uuid("That patient id is not valid.") }) },
  async ({ patientId }, staff) => {
    const { db } = await getDb();
    return removePaymentCard(db, staff, patientId);
  },
);
