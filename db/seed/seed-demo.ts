import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import {
  clinics,
  invoiceCharges,
  invoiceSets,
  invoices,
  messages,
  patientLinks,
  patients,
  payments,
  timelineEvents,
} from "@/db/schema";
import { seedDemoClinicSetup } from "./demo-clinic-setup";
import {
  AREA_CODES,
  CHARGE_CATALOG,
  createRandom,
  FIRST_NAMES,
  insertInChunks,
  LAST_NAMES,
  TIME_ZONES,
  weightedStatus,
} from "./demo-data";
import { demoMessage, demoPatientLink } from "./demo-message";
import { seedOutreachDemo } from "./seed-outreach";

export const DEMO_CLINIC_SLUG = "demo";

const DAY = 86_400_000;
/**
 * The demo clinic of ui-contract.md: staff in each role, two rule sets, 300 patients
 * (some with invalid, opted-out or bounced contacts) with invoices and sets in every
 * status, and their messages and timelines. Runs once; a second run changes nothing.
 */
export async function seedDemo(
  db: Executor,
  options: {
    patientCount?: number;
    now?: Date /** Base of the patient links in message bodies. */;
    appUrl?: string;
  } = {},
) {
  const appUrl = options.appUrl ?? "http://localhost:3000";
  const existing = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, DEMO_CLINIC_SLUG));
  if (existing.length > 0) return { created: false as const };

  const now = options.now ?? new Date();
  const random = createRandom(20261122);
  const patientCount = options.patientCount ?? 300;

  const [clinic] = await db
    .insert(clinics)
    .values({
      slug: DEMO_CLINIC_SLUG,
      name: "Bright Smile Dental & Medical",
      phone: "+12025550100",
      email: "billing@demo.clinic",
      timeZone: "America/New_York",
    })
    .returning();
  if (!clinic) throw new Error("Could not create the demo clinic");
  const clinicId = clinic.id;

  const { clinicianRows, standard, gentle, ruleRows } = await seedDemoClinicSetup(db, clinicId);

  // Patients, with the contact problems staff meet in real life.
  const patientValues = Array.from({ length: patientCount }, (_, i) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const problem = i % 25;
    const phone =
      problem === 3
        ? "+1555123"
        : problem === 7
          ? null
          : `+1${random.pick(AREA_CODES)}55501${String(random.int(0, 99)).padStart(2, "0")}`;
    const email = problem === 11 ? null : `${firstName}.${lastName}${i}@example.com`.toLowerCase();
    const dateOfBirth = `${random.int(1940, 2015)}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
    const zone = random.pick(TIME_ZONES);
    return {
      clinicId,
      externalId: `MRN-${String(100001 + i)}`,
      firstName,
      lastName,
      dateOfBirth,
      phone,
      email,
      // Patients in the clinic's zone have none of their own: they use the clinic's.
      timeZone: zone === clinic.timeZone ? null : zone,
      smsOptedOutAt: problem === 5 ? new Date(now.getTime() - 20 * DAY) : null,
      phoneIsLandline: problem === 9,
      phoneUnusableReason: problem === 9 ? "Landline: this number can't receive texts (Twilio 30006)" : null,
      emailUndeliverableAt: problem === 13 ? new Date(now.getTime() - 10 * DAY) : null,
      emailUndeliverableReason: problem === 13 ? "Email bounced: mailbox does not exist" : null,
    };
  });
  const patientRows = await db.insert(patients).values(patientValues).returning();

  let invoiceNumber = 1001;
  const chargeRows: (typeof invoiceCharges.$inferInsert)[] = [];
  const paymentRows: (typeof payments.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  const linkRows: (typeof patientLinks.$inferInsert)[] = [];
  const timelineRows: (typeof timelineEvents.$inferInsert)[] = [];

  for (const [index, patient] of patientRows.entries()) {
    const clinicianId = random.pick(clinicianRows).id;
    const createdAt = new Date(now.getTime() - random.int(0, 75) * DAY - random.int(0, 86_000) * 1000);
    const draftOnly = index % 30 === 0;
    const invoiceCount = draftOnly ? 1 : random.int(1, 3);
    const contactProblem = [3, 5, 7, 9, 11, 13].includes(index % 25);
    let status = weightedStatus(random);
    if (status === "will_fail" && !contactProblem) status = "active";
    if (contactProblem && (status === "active" || status === "will_fail"))
      status = index % 2 === 0 ? "will_fail" : "failed";
    const ruleSet = random.chance(0.8) ? standard : gentle;

    const invoiceValues: (typeof invoices.$inferInsert & { charges: (typeof CHARGE_CATALOG)[number][] })[] = [];
    for (let k = 0; k < invoiceCount; k += 1) {
      const charges = Array.from({ length: random.int(1, 3) }, () => random.pick(CHARGE_CATALOG));
      const total = charges.reduce((sum, charge) => sum + charge.unitPriceCents, 0);
      const issuedAt = new Date(createdAt.getTime() - k * 3 * DAY);
      const dueDate = new Date(issuedAt.getTime() + 30 * DAY).toISOString().slice(0, 10);
      const serviceDate = new Date(issuedAt.getTime() - 2 * DAY).toISOString().slice(0, 10);
      const paid =
        status === "paid"
          ? total
          : ["active", "paused", "expired", "failed"].includes(status) && random.chance(0.25)
            ? Math.floor(total / 3)
            : 0;
      const invoiceStatus = draftOnly ? "draft" : paid === total ? "paid" : paid > 0 ? "partially_paid" : "issued";
      invoiceValues.push({
        clinicId,
        number: invoiceNumber++,
        patientId: patient.id,
        clinicianId,
        status: invoiceStatus,
        serviceDate,
        issuedAt: draftOnly ? null : issuedAt,
        dueDate: draftOnly ? null : dueDate,
        totalCents: total,
        paidCents: paid,
        pastDue: !draftOnly && paid < total && new Date(dueDate).getTime() < now.getTime(),
        badDebt: status === "written_off",
        sentToCollections: status === "collections",
        createdAt: issuedAt,
        charges,
      });
    }

    let setId: string | null = null;
    if (!draftOnly) {
      const outstanding = invoiceValues.reduce(
        (sum, invoice) => sum + (invoice.totalCents ?? 0) - (invoice.paidCents ?? 0),
        0,
      );
      const setRules = ruleRows.filter((rule) => rule.ruleSetId === ruleSet.id);
      const ageDays = Math.floor((now.getTime() - createdAt.getTime()) / DAY);
      const sent = status === "expired" ? setRules : setRules.filter((rule) => rule.delayDays <= ageDays);
      const next = setRules.find((rule) => rule.delayDays > ageDays);
      const open = ["active", "paused", "will_fail", "failed", "expired"].includes(status);
      const closedAt = open ? null : new Date(createdAt.getTime() + random.int(1, 20) * DAY);
      const [set] = await db
        .insert(invoiceSets)
        .values({
          clinicId,
          patientId: patient.id,
          status,
          ruleSetId: ruleSet.id,
          sequenceStep: sent.length,
          sequenceStartedAt: createdAt,
          nextSendAt:
            (status === "active" || status === "will_fail") && next
              ? new Date(createdAt.getTime() + next.delayDays * DAY)
              : null,
          amountOutstandingCents: status === "paid" ? 0 : outstanding,
          statusReason:
            status === "will_fail"
              ? patient.smsOptedOutAt
                ? "Patient opted out of texts"
                : !patient.phone
                  ? "No phone number on file"
                  : "Phone number is not valid"
              : status === "failed"
                ? "Text could not be delivered: the number is a landline (30006)"
                : null,
          createdAt,
          closedAt,
        })
        .returning({ id: invoiceSets.id });
      setId = set?.id ?? null;
      if (setId) {
        timelineRows.push({
          clinicId,
          invoiceSetId: setId,
          kind: "status_change",
          actorKind: "system",
          summary: `Invoice set opened on ${ruleSet.title}`,
          details: { to: "active" },
          occurredAt: createdAt,
        });
        // One working link per set, and only messages that really went out before the set
        // stopped (paid, paused, closed) and before now (demo-message.ts).
        const link = demoPatientLink(appUrl);
        linkRows.push({
          clinicId,
          invoiceSetId: setId,
          tokenHash: link.tokenHash,
          expiresAt: new Date(createdAt.getTime() + clinic.patientLinkDays * DAY),
          createdAt,
        });
        const stopAt = closedAt ?? (status === "paused" ? new Date(createdAt.getTime() + DAY) : now);
        for (const [step, rule] of sent.entries()) {
          for (const channel of rule.channels) {
            const message = demoMessage({
              clinic,
              patient,
              rule,
              channel,
              startedAt: createdAt,
              now: stopAt,
              amountCents: outstanding,
              payLink: link.url,
            });
            if (!message) continue;
            const failed = message.status !== "delivered";
            messageRows.push({
              clinicId,
              invoiceSetId: setId,
              ruleId: rule.id,
              stepIndex: step,
              channel,
              transport: "outbox",
              destination: message.destination,
              subject: channel === "email" ? rule.title : null,
              body: message.body,
              status: message.status,
              errorCode: message.errorCode,
              sentAt: message.sentAt,
              deliveredAt: failed ? null : message.sentAt,
              failedAt: failed ? message.sentAt : null,
              createdAt: message.sentAt,
            });
            timelineRows.push({
              clinicId,
              invoiceSetId: setId,
              kind: failed ? "message_failed" : "message_sent",
              actorKind: "system",
              summary: failed
                ? `${channel === "sms" ? "Text" : "Email"} to ${message.destination} failed: ${
                    message.errorCode === "30006" ? "landline (30006)" : (message.errorCode ?? "bounced")
                  }`
                : `${channel === "sms" ? "Text" : "Email"} sent: ${rule.title}`,
              details: { channel, step },
              occurredAt: message.sentAt,
            });
          }
        }
        if (status !== "active") {
          timelineRows.push({
            clinicId,
            invoiceSetId: setId,
            kind: "status_change",
            actorKind:
              status === "paused" || status === "cancelled" || status === "written_off" || status === "collections"
                ? "user"
                : "system",
            summary: `Status: ${status.replace("_", " ")}`,
            details: { to: status },
            occurredAt: closedAt ?? new Date(createdAt.getTime() + DAY),
          });
        }
      }
    }

    for (const { charges, ...invoice } of invoiceValues) {
      const [row] = await db
        .insert(invoices)
        .values({ ...invoice, invoiceSetId: setId })
        .returning({ id: invoices.id });
      if (!row) continue;
      for (const [position, charge] of charges.entries()) {
        chargeRows.push({
          clinicId,
          invoiceId: row.id,
          position,
          code: charge.code,
          description: charge.description,
          quantity: 1,
          unitPriceCents: charge.unitPriceCents,
        });
      }
      if ((invoice.paidCents ?? 0) > 0) {
        paymentRows.push({
          clinicId,
          invoiceId: row.id,
          method: random.pick(["card", "cash", "check", "ach"] as const),
          amountCents: invoice.paidCents ?? 0,
          reference: null,
          receivedAt: new Date(createdAt.getTime() + 5 * DAY),
        });
      }
    }
  }

  // A voided invoice with its reason, for the review screen.
  const voidPatient = patientRows[1];
  if (voidPatient) {
    const [voided] = await db
      .insert(invoices)
      .values({
        clinicId,
        number: invoiceNumber++,
        patientId: voidPatient.id,
        clinicianId: clinicianRows[0]?.id,
        status: "voided",
        serviceDate: new Date(now.getTime() - 40 * DAY).toISOString().slice(0, 10),
        issuedAt: new Date(now.getTime() - 39 * DAY),
        dueDate: new Date(now.getTime() - 9 * DAY).toISOString().slice(0, 10),
        totalCents: 6500,
        voidedAt: new Date(now.getTime() - 30 * DAY),
        voidReason: "Billed to the wrong patient",
      })
      .returning({ id: invoices.id });
    if (voided)
      chargeRows.push({
        clinicId,
        invoiceId: voided.id,
        position: 0,
        code: "D0120",
        description: "Periodic oral evaluation",
        quantity: 1,
        unitPriceCents: 6500,
      });
  }

  await insertInChunks(chargeRows, (chunk) => db.insert(invoiceCharges).values(chunk));
  await insertInChunks(paymentRows, (chunk) => db.insert(payments).values(chunk));
  await insertInChunks(linkRows, (chunk) => db.insert(patientLinks).values(chunk));
  await insertInChunks(messageRows, (chunk) => db.insert(messages).values(chunk));
  await insertInChunks(timelineRows, (chunk) => db.insert(timelineEvents).values(chunk));
  await db.update(clinics).set({ nextInvoiceNumber: invoiceNumber }).where(eq(clinics.id, clinicId));
  await seedOutreachDemo(db, clinicId, now);

  return { created: true as const, clinicId, patients: patientRows.length, invoices: invoiceNumber - 1001 };
}
