import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceSets, patientLinks } from "@/db/schema";
import { type InvoiceSetStatus, isOpenInvoiceSetStatus } from "@/lib/state-machine/statuses";
import { hashLinkToken } from "./hash-link-token";
import { isWellFormedLinkToken } from "./tokens";

/** How the patient can reach the clinic; shown on every patient page, even an unavailable link's. */
export interface ClinicContact {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface UsableLink {
  id: string;
  clinicId: string;
  invoiceSetId: string;
  patientId: string;
  setStatus: InvoiceSetStatus;
  expiresAt: Date;
  failedAttempts: number;
  lockedUntil: Date | null;
}

export type ResolvedPatientLink =
  | { state: "unknown" }
  | { state: "unavailable"; reason: "expired" | "revoked" | "closed"; link: UsableLink; clinic: ClinicContact }
  | { state: "ok"; link: UsableLink; clinic: ClinicContact };

/**
 * Looks a token up by its hash. A link is usable only while it is unexpired, unrevoked and
 * its set is still open (a closed set's links may not have been revoked yet, so the set's
 * status is checked here as well). Callers show every non-"ok" state the same 404 page.
 */
export async function resolvePatientLink(db: Executor, token: string, now = new Date()): Promise<ResolvedPatientLink> {
  if (!isWellFormedLinkToken(token)) return { state: "unknown" };
  const [row] = await db
    .select({
      id: patientLinks.id,
      clinicId: patientLinks.clinicId,
      invoiceSetId: patientLinks.invoiceSetId,
      expiresAt: patientLinks.expiresAt,
      revokedAt: patientLinks.revokedAt,
      failedAttempts: patientLinks.failedAttempts,
      lockedUntil: patientLinks.lockedUntil,
      patientId: invoiceSets.patientId,
      setStatus: invoiceSets.status,
      clinicName: clinics.name,
      clinicPhone: clinics.phone,
      clinicEmail: clinics.email,
    })
    .from(patientLinks)
    .innerJoin(
      invoiceSets,
      and(eq(invoiceSets.id, patientLinks.invoiceSetId), eq(invoiceSets.clinicId, patientLinks.clinicId)),
    )
    .innerJoin(clinics, eq(clinics.id, patientLinks.clinicId))
    .where(eq(patientLinks.tokenHash, hashLinkToken(token)));
  if (!row) return { state: "unknown" };

  const link: UsableLink = {
    id: row.id,
    clinicId: row.clinicId,
    invoiceSetId: row.invoiceSetId,
    patientId: row.patientId,
    setStatus: row.setStatus,
    expiresAt: row.expiresAt,
    failedAttempts: row.failedAttempts,
    lockedUntil: row.lockedUntil,
  };
  const clinic: ClinicContact = { name: row.clinicName, phone: row.clinicPhone, email: row.clinicEmail };
  if (row.revokedAt) return { state: "unavailable", reason: "revoked", link, clinic };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "unavailable", reason: "expired", link, clinic };
  if (!isOpenInvoiceSetStatus(row.setStatus)) return { state: "unavailable", reason: "closed", link, clinic };
  return { state: "ok", link, clinic };
}
