import type { Executor } from "@/db/connect";
import { createPatientLink } from "./tokens";

/** Stands in a stored message body where the patient's link goes: no working link is kept at rest. */
export const PATIENT_LINK_PLACEHOLDER = "{{patient_link}}";
const DAY_MS = 86_400_000;

/**
 * What is stored for a message. With a real provider the link is replaced by the
 * placeholder; with the outbox transport (demo and tests) the outbox is the delivery, so
 * the working link stays for billers and admins to open.
 */
export function bodyToStore(body: string, linkUrl: string, transport: string): string {
  return transport === "outbox" ? body : body.replaceAll(linkUrl, PATIENT_LINK_PLACEHOLDER);
}

/**
 * Whether a body the provider holds is this stored body with some link in place of the
 * placeholder: each attempt renders a fresh link, so a lookup after a timeout compares
 * everything but the link.
 */
export function isRenderingOf(storedBody: string, sentBody: string): boolean {
  const parts = storedBody.split(PATIENT_LINK_PLACEHOLDER);
  if (parts.length === 1) return storedBody === sentBody;
  const pattern = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\S+");
  return new RegExp(`^${pattern}$`).test(sentBody);
}

/**
 * The body as it is sent: the placeholder becomes a working link. The link made when the
 * message was composed is used when it is at hand; a retry later makes a fresh one.
 */
export async function bodyToSend(
  db: Executor,
  params: {
    body: string;
    linkUrl?: string;
    clinicId: string;
    invoiceSetId: string;
    patientLinkDays: number;
    now: Date;
  },
): Promise<string> {
  if (!params.body.includes(PATIENT_LINK_PLACEHOLDER)) return params.body;
  const url =
    params.linkUrl ??
    (
      await createPatientLink(db, {
        clinicId: params.clinicId,
        invoiceSetId: params.invoiceSetId,
        expiresAt: new Date(params.now.getTime() + params.patientLinkDays * DAY_MS),
      })
    ).url;
  return params.body.replaceAll(PATIENT_LINK_PLACEHOLDER, url);
}
