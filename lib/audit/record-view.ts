import "server-only";
import type { Executor } from "@/db/connect";
import type { StaffContext } from "@/lib/auth/guard";
import { recordAudit } from "./record-audit";

/** Every place staff read patient data, by the audit action it writes. */
export const VIEW_ACTIONS = {
  patientList: "patient.list",
  patient: "patient.view",
  patientSearch: "patient.search",
  takePayment: "patient.view_take_payment",
  invoiceList: "invoice.list",
  invoice: "invoice.view",
  invoiceSetList: "invoice_set.list",
  invoiceSetTimeline: "invoice_set.view_timeline",
  outbox: "message.list_outbox",
  auditLog: "audit_log.view",
  auditExport: "audit_log.export",
} as const;

/**
 * One audit row for a staff read of patient data: who (with role and address, from the
 * staff context), what, and which record. `details` says what was shown (a search term, a
 * count, the patient) and never holds the data itself.
 */
export async function recordView(
  db: Executor,
  staff: StaffContext,
  view: {
    action: (typeof VIEW_ACTIONS)[keyof typeof VIEW_ACTIONS];
    entityType: string;
    entityId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(db, {
    clinicId: staff.clinicId,
    actor: staff.actor,
    action: view.action,
    entityType: view.entityType,
    entityId: view.entityId ?? null,
    after: { role: staff.role, ...view.details },
  });
}
