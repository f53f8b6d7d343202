"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { issueStaffPatientLink } from "@/lib/patient-links/issue-staff-patient-link";

/** "Copy patient link" (billers and admins): a fresh link, returned once. */
export const copyPatientLink = staffAction(
  { permission: "invoices:write", input: z.object({ invoiceSetId: z.uuid("Choose an invoice set.") }) },
  async ({ invoiceSetId }, staff) => {
    const { db } = await getDb();
    const { url } = await issueStaffPatientLink(db, { clinicId: staff.clinicId, invoiceSetId, actor: staff.actor });
    return { url };
  },
);
