import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { formatDateInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { type ContactProblem, explainContactProblem } from "./explain-contact-problem";
import type { InvoiceSetRow } from "./list-invoice-sets";

/**
 * One row of the Invoice Management table as the browser receives it: only what the row
 * shows and its menu needs, with dates, the phone and the contact problem already worked
 * out on the server. The page's HTML carries every row twice (markup and the props sent to
 * the client table), and the browser then needs neither the date, phone nor delivery rules.
 */
export interface InvoiceSetTableRow {
  id: string;
  status: InvoiceSetStatus;
  statusReason: string | null;
  /** The day a paused set resumes by itself, in the clinic's zone ("Dec 2, 2026"). */
  resumeDay: string | null;
  amountOutstandingCents: number;
  createdDay: string;
  /** The next send's day and time of day in the clinic's zone. */
  nextSend: { day: string; time: string } | null;
  ruleSetId: string;
  ruleSetTitle: string;
  patient: {
    id: string;
    firstName: string;
    lastName: string;
    /** As stored (E.164), for the Edit contact form. */
    phone: string | null;
    /** As people read it ("(617) 555-0123"). */
    phoneText: string | null;
    email: string | null;
    externalId: string;
  };
  /** Why outreach cannot reach the patient (null: nothing stands in the way). */
  contactProblem: ContactProblem | null;
}

export function toInvoiceSetTableRow(row: InvoiceSetRow, timeZone: string): InvoiceSetTableRow {
  const { patient } = row;
  const problem = explainContactProblem(patient, timeZone);
  return {
    id: row.id,
    status: row.status,
    statusReason: row.statusReason,
    resumeDay: row.resumeAt ? formatDateInZone(row.resumeAt, timeZone) : null,
    amountOutstandingCents: row.amountOutstandingCents,
    createdDay: formatDateInZone(row.createdAt, timeZone),
    nextSend: row.nextSendAt
      ? {
          day: formatDateInZone(row.nextSendAt, timeZone),
          time: format(new TZDate(row.nextSendAt.getTime(), timeZone), "h:mm a"),
        }
      : null,
    ruleSetId: row.ruleSetId,
    ruleSetTitle: row.ruleSetTitle,
    patient: {
      id: patient.id,
      firstName: patient.firstName,
      lastName: patient.lastName,
      phone: patient.phone,
      phoneText: patient.phone ? formatPhone(patient.phone) : null,
      email: patient.email,
      externalId: patient.externalId,
    },
    contactProblem: problem.reasons.length > 0 ? problem : null,
  };
}
