import { formatDateInZone, formatTimeInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { explainContactProblem } from "./explain-contact-problem";
import type { InvoiceSetRow } from "./list-invoice-sets";
import { needsContactFix } from "./needs-contact-fix";

/**
 * One row of the Invoice Management table as the browser receives it: only what the row
 * shows and its menu needs, with dates, the phone and the status reason already worked
 * out on the server. The page's HTML carries every row twice (markup and the props sent to
 * the client table), so empty fields are left out rather than sent as null, and the stored
 * contact goes only to rows whose menu can edit it.
 */
export interface InvoiceSetTableRow {
  id: string;
  status: InvoiceSetStatus;
  /**
   * The reason under the status badge: for Will Fail and Failed, why outreach cannot reach the
   * patient (from their contact facts, else the stored reason); otherwise the stored reason.
   */
  reason?: string;
  /** The day a paused set resumes by itself, in the clinic's zone ("Dec 2, 2026"). */
  resumeDay?: string;
  amountOutstandingCents: number;
  createdDay: string;
  /** The next send's day and time of day in the clinic's zone. */
  nextSend?: { day: string; time: string };
  /** Its title comes from the clinic's rule sets, which the page sends once for the filter and menus. */
  ruleSetId: string;
  patient: {
    id: string;
    /** First and last name, as every place on the row shows it. */
    name: string;
    /** As people read it ("(617) 555-0123"). */
    phoneText?: string;
    externalId: string;
    /** As stored (phone in E.164), for the Edit contact form: only where the row offers it. */
    contact?: { phone: string | null; email: string | null };
  };
  /** Texts cannot reach the patient but email can: "Switch to email-only rule set" is a fix. */
  emailOnlyFixes?: true;
}

export function toInvoiceSetTableRow(row: InvoiceSetRow, timeZone: string): InvoiceSetTableRow {
  const { patient } = row;
  const fixable = needsContactFix(row);
  const problem = fixable ? explainContactProblem(patient, timeZone) : null;
  const reason = fixable
    ? problem?.reasons.join(" · ") || row.statusReason || "Outreach can't reach this patient"
    : row.statusReason;
  return {
    id: row.id,
    status: row.status,
    ...(reason ? { reason } : {}),
    ...(row.resumeAt ? { resumeDay: formatDateInZone(row.resumeAt, timeZone) } : {}),
    amountOutstandingCents: row.amountOutstandingCents,
    createdDay: formatDateInZone(row.createdAt, timeZone),
    ...(row.nextSendAt
      ? {
          nextSend: {
            day: formatDateInZone(row.nextSendAt, timeZone),
            time: formatTimeInZone(row.nextSendAt, timeZone),
          },
        }
      : {}),
    ruleSetId: row.ruleSetId,
    patient: {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      ...(patient.phone ? { phoneText: formatPhone(patient.phone) } : {}),
      externalId: patient.externalId,
      ...(fixable ? { contact: { phone: patient.phone, email: patient.email } } : {}),
    },
    ...(problem?.textsBlocked && problem.emailUsable ? { emailOnlyFixes: true as const } : {}),
  };
}
