import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { patientLinks } from "@/db/schema";
import { env } from "@/lib/env";
import { hashLinkToken } from "./hash-link-token";

/** 256 random bits, URL-safe. Only its SHA-256 is stored, so a database leak exposes no link. */
export function generateLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function patientLinkUrl(token: string): string {
  return new URL(`/p/${token}`, env().APP_URL).toString();
}

/**
 * A new link for a set's patient page, e.g. one per outreach message. Each expires on its
 * own; revoking the set's links when it closes is the patient-page code's job.
 */
export async function createPatientLink(
  tx: Executor,
  params: { clinicId: string; invoiceSetId: string; expiresAt: Date },
): Promise<{ token: string; url: string }> {
  const token = generateLinkToken();
  await tx.insert(patientLinks).values({
    clinicId: params.clinicId,
    invoiceSetId: params.invoiceSetId,
    tokenHash: hashLinkToken(token),
    expiresAt: params.expiresAt,
  });
  return { token, url: patientLinkUrl(token) };
}

/**
 * What a token in a URL may look like (base64url, 128+ bits). Anything else is refused
 * before the database is asked, and gets the same "not available" page as an unknown one.
 */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/);

export function isWellFormedLinkToken(token: unknown): token is string {
  return linkTokenSchema.safeParse(token).success;
}
