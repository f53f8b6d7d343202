"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { runImportBatch } from "@/lib/imports/run-import-batch";
import { mappingInputSchema, updateImportMapping } from "@/lib/imports/update-import-mapping";

export const updateMappingAction = staffAction(
  { permission: "invoices:write", input: mappingInputSchema },
  async ({ importId, ...mapping }, staff) => {
    const { db } = await getDb();
    return db.transaction((tx) => updateImportMapping(tx, { clinicId: staff.clinicId, importId, mapping }));
  },
);

/** One batch of 1,000 rows per call, so the page can show progress between them. */
export const importBatchAction = staffAction(
  { permission: "invoices:write", input: z.object({ importId: z.uuid(), issueInvoices: z.boolean() }) },
  async ({ importId, issueInvoices }, staff) => {
    const { db } = await getDb();
    return runImportBatch(db, { clinicId: staff.clinicId, actor: staff.actor, importId, issueInvoices });
  },
);
