import { and, count, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { clinics, type Invoice, invoiceCharges, patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { calendarDateInZone } from "@/lib/format/dates";
import { findOrOpenInvoiceSet } from "@/lib/invoice-sets/open-invoice-set";
import {
  type RefreshedInvoiceSetBalance,
  refreshInvoiceSetBalance,
} from "@/lib/invoice-sets/refresh-invoice-set-balance";
import { assertInvoiceAction, lockInvoice, transitionInvoice } from "@/lib/state-machine/transition-invoice";

export interface IssueInvoiceResult {
  invoice: Invoice;
  invoiceSet: RefreshedInvoiceSetBalance;
  /** A new Active set was opened: publish invoiceSetActivated after commit. */
  openedInvoiceSet: boolean;
}

/**
 * Draft → Issued: needs a patient and at least one charge. Stamps the issued date, sets the
 * due date (kept if the draft had one, else the clinic's default days after today in the
 * clinic's zone), and puts the invoice into the patient's open set or a new Active one.
 */
export async function issueInvoice(
  tx: Tx,
  params: { clinicId: string; invoiceId: string; actor: Actor; now?: Date },
): Promise<IssueInvoiceResult> {
  const { clinicId, invoiceId, actor } = params;
  const now = params.now ?? new Date();

  const draft = await lockInvoice(tx, clinicId, invoiceId);
  assertInvoiceAction("issue", draft);
  if (!draft.patientId) {
    throw new AppError("invalid_transition", "Issue isn't possible: choose a patient for this invoice first.");
  }
  const [charges] = await tx.select({ n: count() }).from(invoiceCharges).where(eq(invoiceCharges.invoiceId, invoiceId));
  if (!charges || Number(charges.n) === 0) {
    throw new AppError("invalid_transition", "Issue isn't possible: add at least one charge to this invoice first.");
  }

  if (draft.totalCents <= 0) {
    throw new AppError(
      "invalid_transition",
      "Issue isn't possible: the invoice total is $0.00, so there is nothing to collect.",
    );
  }

  // The patient's lock makes "find the open set or open one" safe against a concurrent issue.
  const patientId = draft.patientId;
  const [patient] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)))
    .for("update");
  if (!patient) throw new AppError("not_found", "This invoice's patient was not found.");

  const [clinic] = await tx
    .select({ defaultDueDays: clinics.defaultDueDays, timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  if (!clinic) throw new AppError("not_found", "This clinic was not found.");

  const { invoiceSetId, opened } = await findOrOpenInvoiceSet(tx, { clinicId, patientId, actor, now });
  const { invoice } = await transitionInvoice(tx, {
    clinicId,
    invoiceId,
    action: "issue",
    actor,
    changes: (current) => ({
      issuedAt: now,
      dueDate: current.dueDate ?? calendarDateInZone(now, clinic.timeZone, clinic.defaultDueDays),
      invoiceSetId,
    }),
  });
  const invoiceSet = await refreshInvoiceSetBalance(tx, { clinicId, invoiceSetId, actor });
  return { invoice, invoiceSet, openedInvoiceSet: opened };
}
