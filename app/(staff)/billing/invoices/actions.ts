"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { bulkInvoiceSetAction } from "@/lib/invoice-sets/bulk-invoice-set-action";
import { loadInvoiceSetTimeline } from "@/lib/invoice-sets/load-invoice-set-timeline";
import { pauseInput } from "@/lib/invoice-sets/pause-options";
import { FILTER_KEYS, loadInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { STAFF_INVOICE_SET_ACTIONS, type StaffInvoiceSetAction } from "@/lib/state-machine/invoice-set";

const setId = z.object({ invoiceSetId: z.uuid("That invoice set id is not valid.") });

function rowAction(action: StaffInvoiceSetAction) {
  return staffAction({ permission: "invoices:write", input: setId }, async ({ invoiceSetId }, staff) => {
    const { db } = await getDb();
    return applyInvoiceSetAction(db, staff, { invoiceSetId, action });
  });
}

export const pauseInvoiceSet = staffAction(
  { permission: "invoices:write", input: setId.extend({ pause: pauseInput.optional() }) },
  async ({ invoiceSetId, pause }, staff) => {
    const { db } = await getDb();
    return applyInvoiceSetAction(db, staff, { invoiceSetId, action: "pause", pause });
  },
);
export const resumeInvoiceSet = rowAction("resume");
export const cancelInvoiceSet = rowAction("cancel");
export const writeOffInvoiceSet = rowAction("write_off");
export const sendInvoiceSetToCollections = rowAction("send_to_collections");

export const changeInvoiceSetRuleSet = staffAction(
  { permission: "invoices:write", input: setId.extend({ ruleSetId: z.uuid("Pick a rule set.") }) },
  async ({ invoiceSetId, ruleSetId }, staff) => {
    const { db } = await getDb();
    return applyInvoiceSetAction(db, staff, { invoiceSetId, action: "change_rule_set", ruleSetId });
  },
);

const bulkInput = z.object({
  action: z.enum(STAFF_INVOICE_SET_ACTIONS),
  ruleSetId: z.uuid().optional(),
  pause: pauseInput.optional(),
  selection: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("ids"), ids: z.array(z.uuid()).min(1, "Select at least one invoice set.").max(1000) }),
    // The filters travel as the page's query string and go through the table's own parsers.
    z.object({ kind: z.literal("filter"), query: z.string().max(4000), afterId: z.uuid().nullable() }),
  ]),
});

/** One chunk of a bulk action; the client calls it again with `nextAfterId` until it is null. */
export const runBulkInvoiceSetAction = staffAction(
  { permission: "invoices:write", input: bulkInput },
  async (input, staff) => {
    const { db } = await getDb();
    const selection =
      input.selection.kind === "ids"
        ? input.selection
        : {
            kind: "filter" as const,
            filters: filtersFromQuery(input.selection.query),
            afterId: input.selection.afterId,
          };
    const { action, ruleSetId, pause } = input;
    return bulkInvoiceSetAction(db, staff, { action, ruleSetId, pause, selection });
  },
);

export const getInvoiceSetTimeline = staffAction(
  { permission: "read", input: setId },
  async ({ invoiceSetId }, staff) => {
    const { db } = await getDb();
    return loadInvoiceSetTimeline(db, staff.clinicId, invoiceSetId, staff.clinicTimeZone);
  },
);

function filtersFromQuery(query: string) {
  const params = loadInvoiceSetSearchParams(query.startsWith("?") ? query : `?${query}`);
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params[key]]));
}
