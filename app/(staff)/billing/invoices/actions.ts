"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { invoiceSetActivated, patientContactChanged } from "@/inngest/events";
import { staffAction } from "@/lib/actions/staff-action";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { publishEvents } from "@/lib/events/publish-events";
import { applyInvoiceSetAction } from "@/lib/invoice-sets/apply-invoice-set-action";
import { bulkInvoiceSetAction } from "@/lib/invoice-sets/bulk-invoice-set-action";
import { loadInvoiceSetTimeline } from "@/lib/invoice-sets/load-invoice-set-timeline";
import { pauseInput } from "@/lib/invoice-sets/pause-options";
import { previewRuleSetChange } from "@/lib/invoice-sets/preview-rule-set-change";
import { strictFiltersFromQuery } from "@/lib/invoice-sets/strict-filter-query";
import { activationEventId } from "@/lib/outreach/find-stalled-sets";
import { reevaluatePrediction } from "@/lib/outreach/reevaluate-prediction";
import { isLatestLinkIdentityLocked } from "@/lib/patient-links/identity-lock-warning";
import { contactFixSchema, updatePatientContact } from "@/lib/patients/update-patient-contact";
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
            filters: strictFiltersFromQuery(input.selection.query),
            afterId: input.selection.afterId,
          };
    const { action, ruleSetId, pause } = input;
    return bulkInvoiceSetAction(db, staff, { action, ruleSetId, pause, selection });
  },
);

/** Bulk Change Rule Set, before it runs: what happens next for the selected sets. */
export const previewRuleSetChangeAction = staffAction(
  {
    permission: "invoices:write",
    input: z.object({
      ruleSetId: z.uuid("Pick a rule set."),
      selection: z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("ids"),
          ids: z.array(z.uuid()).min(1, "Select at least one invoice set.").max(1000),
        }),
        z.object({ kind: z.literal("filter"), query: z.string().max(4000) }),
      ]),
    }),
  },
  async ({ ruleSetId, selection }, staff) => {
    const { db } = await getDb();
    return previewRuleSetChange(db, {
      clinicId: staff.clinicId,
      ruleSetId,
      selection:
        selection.kind === "ids" ? selection : { kind: "filter", filters: strictFiltersFromQuery(selection.query) },
      timeZone: staff.clinicTimeZone,
      now: new Date(),
    });
  },
);

/**
 * "Edit contact" from a Will Fail or Failed row: saves the contact, then re-checks the
 * prediction at once (the same use case the contact-changed function runs), so the row
 * shows the new plan on the refresh; a cleared set restarts its sequence.
 */
export const fixContactAction = staffAction(
  { permission: "invoices:write", input: contactFixSchema },
  async (contact, staff) => {
    const { db } = await getDb();
    const saved = await db.transaction((tx) =>
      updatePatientContact(tx, { clinicId: staff.clinicId, actor: staff.actor, contact }),
    );
    if (!saved.contactChanged) return { changed: saved.changed, plan: { kind: "unchanged" as const } };
    const plan = await reevaluatePrediction(db, { clinicId: staff.clinicId, patientId: contact.patientId });
    await publishEvents([
      patientContactChanged.create({ clinicId: staff.clinicId, patientId: contact.patientId }),
      ...(plan.kind === "cleared"
        ? [
            invoiceSetActivated.create(
              { clinicId: staff.clinicId, invoiceSetId: plan.invoiceSetId },
              {
                id: `${activationEventId({ id: plan.invoiceSetId, cycle: plan.cycle, step: plan.step })}-fixed-${Date.now()}`,
              },
            ),
          ]
        : []),
    ]);
    return { changed: saved.changed, plan };
  },
);

export const getInvoiceSetTimeline = staffAction(
  { permission: "read", input: setId },
  async ({ invoiceSetId }, staff) => {
    const { db } = await getDb();
    const [timeline, linkLocked] = await Promise.all([
      loadInvoiceSetTimeline(db, staff.clinicId, invoiceSetId, staff.clinicTimeZone),
      isLatestLinkIdentityLocked(db, staff.clinicId, invoiceSetId),
    ]);
    await recordView(db, staff, {
      action: VIEW_ACTIONS.invoiceSetTimeline,
      entityType: "invoice_set",
      entityId: invoiceSetId,
    });
    return { ...timeline, linkLocked };
  },
);
