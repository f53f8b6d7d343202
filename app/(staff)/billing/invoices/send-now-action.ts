"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { sendNow } from "@/lib/outreach/send-now";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";
import { getStripe } from "@/lib/stripe/client";

/** Row action "Send now" (billers and admins): the set's next rule at once, if allowed. */
export const sendInvoiceSetNow = staffAction(
  { permission: "invoices:write", input: z.object({ invoiceSetId: z.uuid("This invoice set link is not valid.") }) },
  async ({ invoiceSetId }, staff) => {
    const { db } = await getDb();
    const message = await sendNow(
      db,
      { transports: transportsFromEnv(), stripe: getStripe() },
      {
        clinicId: staff.clinicId,
        invoiceSetId,
        actor: staff.actor,
        now: new Date(),
      },
    );
    return { message };
  },
);
