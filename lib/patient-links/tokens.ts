import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { insertJsonRows } from "@/db/insert-json-rows";
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
): Promise<{ id: string; token: string; url: string }> {
  const [link] = await createPatientLinks(tx, [params]);
  if (!link) throw new Error("patient link insert returned nothing");
  return link;
}

/** createPatientLink for many links in one INSERT (the local engine's batched sends), in their order. */
export async function createPatientLinks(
  tx: Executor,
  links: readonly { clinicId: string; invoiceSetId: string; expiresAt: Date }[],
): Promise<{ id: string; token: string; url: string }[]> {
  if (links.length === 0) return [];
  const tokens = links.map(() => generateLinkToken());
  const hashes = tokens.map(hashLinkToken);
  const rows = await insertJsonRows<typeof patientLinks, { id: string; token_hash: string }>(
    tx,
    patientLinks,
    links.map((link, i) => ({
      clinicId: link.clinicId,
      invoiceSetId: link.invoiceSetId,
      tokenHash: hashes[i] as string,
      expiresAt: link.expiresAt,
    })),
    { returning: sql`id, token_hash` },
  );
  const idOf = new Map(rows.map((row) => [row.token_hash, row.id]));
  return tokens.map((token, i) => {
    const id = idOf.get(hashes[i] as string);
    if (!id) throw new Error("patient link insert returned nothing");
    return { id, token, url: patientLinkUrl(token) };
  });
}

/**
 * What a token in a URL may look like (base64url, 128+ bits). Anything else is refused
 * before the database is asked, and gets the same "not available" page as an unknown one.
 */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/);

export function isWellFormedLinkToken(token: unknown): token is string {
  return linkTokenSchema.safeParse(token).success;
}
