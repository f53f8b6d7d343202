import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/connect";
import {
  clinicians,
  clinics,
  invoiceSets,
  memberships,
  patients,
  type Role,
  ruleSets,
  rules,
  users,
} from "@/db/schema";

// A cheap hash is fine for fixtures: tests that sign in use the seed or hash for real.
const FIXTURE_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$fixture$fixture";

export interface TestClinic {
  clinicId: string;
  timeZone: string;
  users: Record<Role, { id: string; email: string }>;
  ruleSetId: string;
  ruleIds: string[];
  clinicianId: string;
}

/** A clinic of its own for one test file: staff in every role, a default rule set, a clinician. */
export async function createTestClinic(db: Executor, name = "Test Clinic"): Promise<TestClinic> {
  const tag = randomUUID().slice(0, 8);
  const [clinic] = await db
    .insert(clinics)
    .values({
      slug: `test-${tag}`,
      name,
      phone: "+15550100000",
      email: `billing-${tag}@clinic.test`,
      timeZone: "America/New_York",
    })
    .returning({ id: clinics.id, timeZone: clinics.timeZone });
  if (!clinic) throw new Error("clinic insert returned nothing");

  const roles: Role[] = ["admin", "biller", "viewer"];
  const staff = {} as TestClinic["users"];
  for (const role of roles) {
    const email = `${role}-${tag}@clinic.test`;
    const [user] = await db
      .insert(users)
      .values({ email, name: `${role} ${tag}`, passwordHash: FIXTURE_PASSWORD_HASH })
      .returning({ id: users.id });
    if (!user) throw new Error("user insert returned nothing");
    await db.insert(memberships).values({ userId: user.id, clinicId: clinic.id, role });
    staff[role] = { id: user.id, email };
  }

  const [ruleSet] = await db
    .insert(ruleSets)
    .values({ clinicId: clinic.id, title: "Standard", description: "Three reminders", expiryDays: 30, isDefault: true })
    .returning({ id: ruleSets.id });
  if (!ruleSet) throw new Error("rule set insert returned nothing");
  const ruleRows = await db
    .insert(rules)
    .values([
      {
        clinicId: clinic.id,
        ruleSetId: ruleSet.id,
        delayDays: 0,
        channels: ["sms", "email"],
        title: "Your statement",
        template: "Hi {{first_name}}, you have a balance of {{balance}} at {{clinic_name}}. Pay here: {{pay_link}}",
      },
      {
        clinicId: clinic.id,
        ruleSetId: ruleSet.id,
        delayDays: 7,
        channels: ["sms"],
        title: "Reminder",
        template: "Hi {{first_name}}, a reminder from {{clinic_name}}: {{pay_link}}",
      },
      {
        clinicId: clinic.id,
        ruleSetId: ruleSet.id,
        delayDays: 14,
        channels: ["email"],
        title: "Final reminder",
        template: "Hi {{first_name}}, please settle your balance with {{clinic_name}}: {{pay_link}}",
      },
    ])
    .returning({ id: rules.id });

  const [clinician] = await db
    .insert(clinicians)
    .values({ clinicId: clinic.id, name: "Dr. Ana Ruiz", credentials: "DDS" })
    .returning({ id: clinicians.id });
  if (!clinician) throw new Error("clinician insert returned nothing");

  return {
    clinicId: clinic.id,
    timeZone: clinic.timeZone,
    users: staff,
    ruleSetId: ruleSet.id,
    ruleIds: ruleRows.map((r) => r.id),
    clinicianId: clinician.id,
  };
}

let patientCounter = 0;

export async function createTestPatient(
  db: Executor,
  clinicId: string,
  overrides: Partial<typeof patients.$inferInsert> = {},
) {
  patientCounter += 1;
  const [patient] = await db
    .insert(patients)
    .values({
      clinicId,
      externalId: `MRN-${randomUUID().slice(0, 8)}`,
      firstName: "Jamie",
      lastName: `Rivera${patientCounter}`,
      dateOfBirth: "1985-04-12",
      phone: "+12025550143",
      email: `jamie${patientCounter}@example.com`,
      timeZone: "America/New_York",
      ...overrides,
    })
    .returning();
  if (!patient) throw new Error("patient insert returned nothing");
  return patient;
}

/** An invoice set in a given status, inserted directly as test data (not a transition). */
export async function createTestInvoiceSet(
  db: Executor,
  clinic: TestClinic,
  overrides: Partial<typeof invoiceSets.$inferInsert> = {},
) {
  const patientId = overrides.patientId ?? (await createTestPatient(db, clinic.clinicId)).id;
  const [set] = await db
    .insert(invoiceSets)
    .values({
      clinicId: clinic.clinicId,
      patientId,
      status: "active",
      ruleSetId: clinic.ruleSetId,
      amountOutstandingCents: 12500,
      ...overrides,
    })
    .returning();
  if (!set) throw new Error("invoice set insert returned nothing");
  return set;
}
