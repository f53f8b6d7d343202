import { and, desc, eq, gt, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceSets, invoices, patientLinks, patients } from "@/db/schema";
import { hashLinkToken } from "@/lib/patient-links/hash-link-token";
import { E2E_PATIENT_LINKS } from "./e2e-patient-links";
import { DEMO_CLINIC_SLUG } from "./seed-demo";

const DAY = 86_400_000;

/**
 * TEST-ONLY (E2E_PATIENT_LINK_TOKENS=1): known link tokens for four active demo sets with an
 * open balance, and a known date of birth for their patients, so the e2e suite (which cannot
 * open the PGlite database while the app runs) can open a patient page. Stored hashed, like
 * real tokens. Picks the last patients by MRN so staff-page tests on the first rows are unaffected.
 */
export async function seedE2ePatientLinks(db: Executor, now = new Date()): Promise<void> {
  const [clinic] = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, DEMO_CLINIC_SLUG));
  if (!clinic) throw new Error("Seed the demo clinic before the e2e patient links.");
  const existing = await db
    .select({ id: patientLinks.id })
    .from(patientLinks)
    .where(eq(patientLinks.tokenHash, hashLinkToken(E2E_PATIENT_LINKS.statement.token)));
  if (existing.length > 0) return;

  const candidates = await db
    .selectDistinct({
      setId: invoiceSets.id,
      patientId: invoiceSets.patientId,
      externalId: patients.externalId,
      amountCents: invoiceSets.amountOutstandingCents,
    })
    .from(invoiceSets)
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(invoices, eq(invoices.invoiceSetId, invoiceSets.id))
    .where(
      and(
        eq(invoiceSets.clinicId, clinic.id),
        eq(invoiceSets.status, "active"),
        gt(invoiceSets.amountOutstandingCents, 0),
        inArray(invoices.status, ["issued", "partially_paid"]),
        eq(invoices.badDebt, false),
      ),
    )
    .orderBy(desc(patients.externalId))
    .limit(5);
  // The plan link needs a balance large enough for every plan length the clinic offers.
  const planSet = [...candidates].sort((a, b) => b.amountCents - a.amountCents)[0];
  const [statementSet, lockoutSet, paySet, a11ySet] = candidates.filter((candidate) => candidate !== planSet);
  if (!statementSet || !lockoutSet || !paySet || !planSet || !a11ySet)
    throw new Error("The demo has too few active sets for the e2e patient links.");

  const live = new Date(now.getTime() + 30 * DAY);
  const plan = [
    { set: statementSet, link: E2E_PATIENT_LINKS.statement, expiresAt: live, revokedAt: null },
    { set: lockoutSet, link: E2E_PATIENT_LINKS.lockout, expiresAt: live, revokedAt: null },
    { set: paySet, link: E2E_PATIENT_LINKS.pay, expiresAt: live, revokedAt: null },
    { set: planSet, link: E2E_PATIENT_LINKS.plan, expiresAt: live, revokedAt: null },
    { set: a11ySet, link: E2E_PATIENT_LINKS.a11y, expiresAt: live, revokedAt: null },
    { set: statementSet, link: E2E_PATIENT_LINKS.expired, expiresAt: new Date(now.getTime() - DAY), revokedAt: null },
    { set: statementSet, link: E2E_PATIENT_LINKS.revoked, expiresAt: live, revokedAt: new Date(now.getTime() - DAY) },
  ];
  for (const { set, link } of plan.slice(0, 5)) {
    await db.update(patients).set({ dateOfBirth: link.dateOfBirth }).where(eq(patients.id, set.patientId));
  }
  await db.insert(patientLinks).values(
    plan.map(({ set, link, expiresAt, revokedAt }) => ({
      clinicId: clinic.id,
      invoiceSetId: set.setId,
      tokenHash: hashLinkToken(link.token),
      expiresAt,
      revokedAt,
    })),
  );
}
