import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { clinics, invoiceSets, invoices, memberships, patients, staffSessions, users } from "@/db/schema";
import { LAKESIDE_CLINIC_SLUG, seedLakeside } from "@/db/seed/seed-lakeside";
import { resolveSession } from "@/lib/auth/resolve-session";
import { ABSOLUTE_SESSION_MS, revokeStaffSessions, startStaffSession } from "@/lib/auth/staff-sessions";
import { listUserClinics, switchSessionClinic } from "@/lib/auth/switch-clinic";
import { clinicScopeOf } from "@/lib/clinics/clinic-scope";
import { listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { getInvoiceReview } from "@/lib/invoices/get-invoice-review";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { getPatient } from "@/lib/patients/get-patient";
import { listPatients } from "@/lib/patients/list-patients";
import { demoClinicId } from "../support/demo-seed";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

const open = (userId: string, clinicId: string | null, extra: { now?: Date } = {}) =>
  startStaffSession(database.db, { userId, clinicId, needsSecondFactor: false, ip: "203.0.113.9", ...extra });

describe("server-side staff sessions", () => {
  test("a live session resolves to the member, role and clinic", async () => {
    const id = await open(clinic.users.biller.id, clinic.clinicId);
    const state = await resolveSession(database.db, id);
    expect(state.kind).toBe("staff");
    if (state.kind === "staff") expect(state.staff).toMatchObject({ role: "biller", clinicId: clinic.clinicId });
  });

  test("a session carries what every staff page shows: the any-hour switch and a second clinic, read fresh", async () => {
    const other = await createTestClinic(database.db, "Second Clinic");
    const id = await open(clinic.users.biller.id, clinic.clinicId);
    const staffOf = async () => {
      const state = await resolveSession(database.db, id);
      return state.kind === "staff" ? state.staff : null;
    };
    expect(await staffOf()).toMatchObject({ clinicAllowsAnyHour: false, memberOfSeveralClinics: false });
    await database.db
      .insert(memberships)
      .values({ userId: clinic.users.biller.id, clinicId: other.clinicId, role: "viewer" });
    await database.db.update(clinics).set({ allowAnyHour: true }).where(eq(clinics.id, clinic.clinicId));
    expect(await staffOf()).toMatchObject({ clinicAllowsAnyHour: true, memberOfSeveralClinics: true });
    await database.db
      .update(memberships)
      .set({ deactivatedAt: new Date() })
      .where(and(eq(memberships.userId, clinic.users.biller.id), eq(memberships.clinicId, other.clinicId)));
    await database.db.update(clinics).set({ allowAnyHour: false }).where(eq(clinics.id, clinic.clinicId));
    expect(await staffOf()).toMatchObject({ clinicAllowsAnyHour: false, memberOfSeveralClinics: false });
  });

  test("a role change takes effect on the next request", async () => {
    const id = await open(clinic.users.viewer.id, clinic.clinicId);
    await database.db.update(memberships).set({ role: "biller" }).where(eq(memberships.userId, clinic.users.viewer.id));
    const state = await resolveSession(database.db, id);
    expect(state.kind === "staff" && state.staff.role).toBe("biller");
    await database.db.update(memberships).set({ role: "viewer" }).where(eq(memberships.userId, clinic.users.viewer.id));
    const again = await resolveSession(database.db, id);
    expect(again.kind === "staff" && again.staff.role).toBe("viewer");
  });

  test("revoked sessions end; the one making the change may stay", async () => {
    const a = await open(clinic.users.admin.id, clinic.clinicId);
    const b = await open(clinic.users.admin.id, clinic.clinicId);
    expect(await revokeStaffSessions(database.db, { userId: clinic.users.admin.id, exceptSessionId: a })).toBe(1);
    expect((await resolveSession(database.db, a)).kind).toBe("staff");
    expect((await resolveSession(database.db, b)).kind).toBe("none");
    await revokeStaffSessions(database.db, { userId: clinic.users.admin.id });
    expect((await resolveSession(database.db, a)).kind).toBe("none");
  });

  test("a session ends 12 hours after sign-in however active it is", async () => {
    const signedIn = new Date(Date.now() - ABSOLUTE_SESSION_MS + 60_000);
    const id = await open(clinic.users.biller.id, clinic.clinicId, { now: signedIn });
    // Used a moment ago: only the 12 hours can end it.
    await database.db.update(staffSessions).set({ lastSeenAt: new Date() }).where(eq(staffSessions.id, id));
    expect((await resolveSession(database.db, id)).kind).toBe("staff");
    expect((await resolveSession(database.db, id, new Date(Date.now() + 61_000))).kind).toBe("none");
  });

  test("a session held for the second factor or without a clinic reaches no clinic page", async () => {
    const held = await startStaffSession(database.db, {
      userId: clinic.users.biller.id,
      clinicId: clinic.clinicId,
      needsSecondFactor: true,
      ip: null,
    });
    expect((await resolveSession(database.db, held)).kind).toBe("second_factor");
    const unchosen = await open(clinic.users.biller.id, null);
    expect((await resolveSession(database.db, unchosen)).kind).toBe("choose_clinic");
  });

  test("a session cannot be moved to a clinic the user is not a member of", async () => {
    const other = await createTestClinic(database.db, "Someone Else's Clinic");
    const id = await open(clinic.users.biller.id, clinic.clinicId);
    const moved = await switchSessionClinic(database.db, {
      sessionId: id,
      userId: clinic.users.biller.id,
      clinicId: other.clinicId,
    });
    expect(moved).toBe(false);
    const [row] = await database.db.select().from(staffSessions).where(eq(staffSessions.id, id));
    expect(row?.clinicId).toBe(clinic.clinicId);
  });
});

describe("the two demo clinics: switching never shows the other clinic's rows", () => {
  test("admin@demo.clinic switches between both; every list and lookup stays in the chosen clinic", async () => {
    const { db } = database;
    await demoClinicId(database);
    await seedLakeside(db, { sets: 30 });
    const [admin] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, "admin@demo.clinic"));
    const [biller] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, "biller@demo.clinic"));
    if (!admin || !biller) throw new Error("demo staff missing");
    const demoClinics = await listUserClinics(db, admin.id);
    expect(demoClinics.map((c) => c.name).sort()).toEqual(["Bright Smile Dental & Medical", "Lakeside Pediatrics"]);
    expect((await listUserClinics(db, biller.id)).map((c) => c.name)).toEqual(["Bright Smile Dental & Medical"]);
    const [lakeside] = await db.select().from(clinics).where(eq(clinics.slug, LAKESIDE_CLINIC_SLUG));
    if (!lakeside) throw new Error("Lakeside missing");
    const billerSession = await open(biller.id, null);
    expect(await switchSessionClinic(db, { sessionId: billerSession, userId: biller.id, clinicId: lakeside.id })).toBe(
      false,
    );

    const sessionId = await open(admin.id, null);
    for (const current of demoClinics) {
      const other = demoClinics.find((c) => c.id !== current.id);
      if (!other) throw new Error("need two clinics");
      expect(await switchSessionClinic(db, { sessionId, userId: admin.id, clinicId: current.id })).toBe(true);
      const state = await resolveSession(db, sessionId);
      if (state.kind !== "staff") throw new Error(`expected a staff session, got ${state.kind}`);
      const clinicId = state.staff.clinicId;
      expect(clinicId).toBe(current.id);

      const otherPatients = await db.select({ id: patients.id }).from(patients).where(eq(patients.clinicId, other.id));
      const otherSets = await db
        .select({ id: invoiceSets.id })
        .from(invoiceSets)
        .where(eq(invoiceSets.clinicId, other.id));
      const otherInvoices = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.clinicId, other.id));
      expect(otherPatients.length).toBeGreaterThan(0);
      expect(otherSets.length).toBeGreaterThan(0);

      const patientPage = await listPatients(db, { clinicId, limit: 100 });
      const patientIds = patientPage.rows.map((row) => row.id);
      expect(patientIds.length).toBeGreaterThan(0);
      const mine = await db.select({ id: patients.id }).from(patients).where(inArray(patients.id, patientIds));
      expect(mine.length).toBe(patientIds.length);
      expect(patientIds.filter((id) => otherPatients.some((p) => p.id === id))).toEqual([]);

      const sets = await listInvoiceSets(db, clinicScopeOf(state.staff), {});
      expect(sets.rows.length).toBeGreaterThan(0);
      expect(sets.rows.filter((row) => otherSets.some((s) => s.id === row.id))).toEqual([]);

      const invoicePage = await listInvoices(db, { clinicId, limit: 100 });
      expect(invoicePage.rows.length).toBeGreaterThan(0);
      expect(invoicePage.rows.filter((row) => otherInvoices.some((i) => i.id === row.id))).toEqual([]);

      // The other clinic's ids, sent on purpose, find nothing.
      const [foreignPatient] = otherPatients;
      const [foreignInvoice] = otherInvoices;
      if (!foreignPatient || !foreignInvoice) throw new Error("no foreign rows");
      expect(await getPatient(db, { clinicId, patientId: foreignPatient.id })).toBeFalsy();
      expect(await getInvoiceReview(db, { clinicId, invoiceId: foreignInvoice.id })).toBeFalsy();
    }
  }, 120_000);
});
