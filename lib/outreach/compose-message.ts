import type { Executor } from "@/db/connect";
import type { Clinic, Patient, Rule } from "@/db/schema";
import { formatCents } from "@/lib/money";
import { createPatientLinks } from "@/lib/patient-links/tokens";
import { renderTemplate } from "@/lib/rule-sets/template";

const DAY_MS = 86_400_000;

interface ComposeParams {
  clinic: Clinic;
  patient: Patient;
  rule: Pick<Rule, "title" | "template">;
  invoiceSetId: string;
  amountCents: number;
  now: Date;
}

/**
 * The text of one message with the least patient information that works: first name,
 * clinic, the amount only if the clinic allows it, and a fresh patient link (which asks
 * for date of birth before showing anything).
 */
export async function composeMessage(
  tx: Executor,
  params: ComposeParams,
): Promise<{ subject: string; body: string; linkUrl: string }> {
  const [composed] = await composeMessages(tx, [params]);
  if (!composed) throw new Error("no message was composed");
  return composed;
}

/** composeMessage for many messages, their links made in one statement (the local engine's batched sends). */
export async function composeMessages(
  tx: Executor,
  messages: readonly ComposeParams[],
): Promise<{ subject: string; body: string; linkUrl: string }[]> {
  const links = await createPatientLinks(
    tx,
    messages.map((params) => ({
      clinicId: params.clinic.id,
      invoiceSetId: params.invoiceSetId,
      expiresAt: new Date(params.now.getTime() + params.clinic.patientLinkDays * DAY_MS),
    })),
  );
  return messages.map((params, i) => {
    const { clinic, patient, rule } = params;
    const url = links[i]?.url ?? "";
    const body = renderTemplate(rule.template, {
      first_name: patient.firstName,
      balance: clinic.showAmountInMessages ? formatCents(params.amountCents) : "your balance",
      clinic_name: clinic.name,
      clinic_phone: clinic.phone ?? "",
      pay_link: url,
    });
    return { subject: rule.title, body, linkUrl: url };
  });
}
