import type { Executor } from "@/db/connect";
import type { Clinic, Patient, Rule } from "@/db/schema";
import { formatCents } from "@/lib/money";
import { createPatientLink } from "@/lib/patient-links/tokens";
import { renderTemplate } from "@/lib/rule-sets/template";

const DAY_MS = 86_400_000;

/**
 * The text of one message with the least patient information that works: first name,
 * clinic, the amount only if the clinic allows it, and a fresh patient link (which asks
 * for date of birth before showing anything).
 */
export async function composeMessage(
  tx: Executor,
  params: {
    clinic: Clinic;
    patient: Patient;
    rule: Pick<Rule, "title" | "template">;
    invoiceSetId: string;
    amountCents: number;
    now: Date;
  },
): Promise<{ subject: string; body: string; linkUrl: string }> {
  const { clinic, patient, rule } = params;
  const link = await createPatientLink(tx, {
    clinicId: clinic.id,
    invoiceSetId: params.invoiceSetId,
    expiresAt: new Date(params.now.getTime() + clinic.patientLinkDays * DAY_MS),
  });
  const body = renderTemplate(rule.template, {
    first_name: patient.firstName,
    balance: clinic.showAmountInMessages ? formatCents(params.amountCents) : "your balance",
    clinic_name: clinic.name,
    clinic_phone: clinic.phone ?? "",
    pay_link: link.url,
  });
  return { subject: rule.title, body, linkUrl: link.url };
}
