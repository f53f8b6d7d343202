import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { generateScaleData } from "@/db/generate/generate-scale-data";
import { scaleStaffEmails } from "@/db/generate/scale-clinic";
import { auditLog, clinics, memberships, payments, timelineEvents, users } from "@/db/schema";

export const LAKESIDE_CLINIC_SLUG = "lakeside";
export const LAKESIDE_CLINIC_NAME = "Lakeside Pediatrics";
/** The demo accounts that also work for Lakeside (a billing company's admin does). */
const LAKESIDE_MEMBERS = [{ email: "admin@demo.clinic", role: "admin" }] as const;

/**
 * The demo's second clinic, with its own patients and sets, made by the scale generator at a
 * small size. Its generated staff are removed: only admin@demo.clinic belongs to both clinics.
 * Runs once; a second run changes nothing.
 */
export async function seedLakeside(db: Db, options: { sets?: number; now?: Date } = {}) {
  const [existing] = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, LAKESIDE_CLINIC_SLUG));
  if (existing) return { created: false as const };
  const generated = await generateScaleData(db, {
    sets: options.sets ?? 120,
    slug: LAKESIDE_CLINIC_SLUG,
    seed: 20261128,
    now: options.now,
    vacuum: false,
    log: () => {},
  });
  const clinicId = generated.clinicId;
  await db.transaction(async (tx) => {
    await tx
      .update(clinics)
      .set({ name: LAKESIDE_CLINIC_NAME, phone: "+13125550142", timeZone: "America/Chicago" })
      .where(eq(clinics.id, clinicId));
    const members = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          sql`lower(${users.email})`,
          LAKESIDE_MEMBERS.map((member) => member.email),
        ),
      );
    const rows = members.map((user) => ({
      userId: user.id,
      clinicId,
      role: LAKESIDE_MEMBERS.find((member) => member.email === user.email.toLowerCase())?.role ?? ("viewer" as const),
    }));
    const generatedStaff = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(sql`lower(${users.email})`, Object.values(scaleStaffEmails(LAKESIDE_CLINIC_SLUG))));
    const generatedIds = generatedStaff.map((user) => user.id);
    const actingAdmin = members[0]?.id ?? null;
    if (generatedIds.length > 0) {
      // What the generated staff "did" is credited to the demo admin, then they go.
      await tx
        .update(timelineEvents)
        .set({ actorUserId: actingAdmin })
        .where(inArray(timelineEvents.actorUserId, generatedIds));
      await tx
        .update(payments)
        .set({ recordedByUserId: actingAdmin })
        .where(inArray(payments.recordedByUserId, generatedIds));
      await tx.update(auditLog).set({ userId: actingAdmin }).where(inArray(auditLog.userId, generatedIds));
      await tx.delete(memberships).where(eq(memberships.clinicId, clinicId));
      await tx.delete(users).where(inArray(users.id, generatedIds));
    }
    if (rows.length > 0) await tx.insert(memberships).values(rows);
  });
  return { created: true as const, clinicId, sets: generated.sets, patients: generated.patients };
}
