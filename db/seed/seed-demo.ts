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
import { settleOverview } from "@/lib/overview/settle-overview";
import { setPatientChannelFlags } from "@/lib/state-machine/patient-channels";
import type { InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { seedDemoClinicSetup } from "./demo-clinic-setup";
import { BOUNCE_REASON, drawsPartPayment, hiddenTruthOf, LANDLINE_REASON, textsCantReach } from "./demo-contact-truth";
import { CHARGE_CATALOG, createRandom, insertInChunks, weightedStatus } from "./demo-data";
import { demoPatientLink } from "./demo-message";
import { demoPatientValues } from "./demo-patients";
import { demoSetRows, playDemoOutreach } from "./demo-set-outreach";
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

  const patientValues = demoPatientValues(random, clinic, patientCount, now);
  const patientRows = await db.insert(patients).values(patientValues).returning();

  let invoiceNumber = 1001;
  const chargeRows: (typeof invoiceCharges.$inferInsert)[] = [];
  const paymentRows: (typeof payments.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  const linkRows: (typeof patientLinks.$inferInsert)[] = [];
  const timelineRows: (typeof timelineEvents.$inferInsert)[] = [];
  /** Channels outreach found dead (a landline, a bounce): flagged on the patient as of the failure. */
  const learnt: { patientId: string; channel: "sms" | "email"; at: Date }[] = [];

  for (const [index, patient] of patientRows.entries()) {
    const clinicianId = random.pick(clinicianRows).id;
    let createdAt = new Date(now.getTime() - random.int(0, 75) * DAY - random.int(0, 86_000) * 1000);
    const draftOnly = index % 30 === 0;
    const invoiceCount = draftOnly ? 1 : random.int(1, 3);
    const drawn = weightedStatus(random);
    let ruleSet = random.chance(0.8) ? standard : gentle;
    const truth = hiddenTruthOf(index);
    // Will Fail and Failed are never drawn: they follow from what outreach met (below). A set
    // in the middle of outreach for a patient texts can't reach is one day in, waiting for
    // the text-only reminder; its other sets are Active.
    const inOutreach = drawn === "active" || drawn === "will_fail" || drawn === "failed";
    if (inOutreach && textsCantReach(patient)) {
      ruleSet = standard;
      createdAt = new Date(now.getTime() - DAY - (index % 12) * 3_600_000);
    }
    let status: InvoiceSetStatus = inOutreach ? "active" : drawn;
    const mayPayPart = drawsPartPayment(drawn, index);

    const invoiceValues: (typeof invoices.$inferInsert & { charges: (typeof CHARGE_CATALOG)[number][] })[] = [];
    for (let k = 0; k < invoiceCount; k += 1) {
      const charges = Array.from({ length: random.int(1, 3) }, () => random.pick(CHARGE_CATALOG));
      const total = charges.reduce((sum, charge) => sum + charge.unitPriceCents, 0);
      const issuedAt = new Date(createdAt.getTime() - k * 3 * DAY);
      const dueDate = new Date(issuedAt.getTime() + 30 * DAY).toISOString().slice(0, 10);
      const serviceDate = new Date(issuedAt.getTime() - 2 * DAY).toISOString().slice(0, 10);
      const paid = status === "paid" ? total : mayPayPart && random.chance(0.25) ? Math.floor(total / 3) : 0;
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
      const due = status === "expired" ? setRules : setRules.filter((rule) => rule.delayDays <= ageDays);
      const open = ["active", "paused", "expired"].includes(status);
      const closedAt = open ? null : new Date(createdAt.getTime() + random.int(1, 20) * DAY);
      // One working link per set, and only messages that really went out before the set
      // stopped (paid, paused, closed) and before now (demo-message.ts).
      const link = demoPatientLink(appUrl);
      const stopAt = closedAt ?? (status === "paused" ? new Date(createdAt.getTime() + DAY) : now);

      const played = playDemoOutreach({
        clinic,
        patient,
        truth,
        setRules,
        due,
        status,
        startedAt: createdAt,
        stopAt,
        amountCents: outstanding,
        payLink: link.url,
      });
      status = played.status;
      if (played.failure) learnt.push({ patientId: patient.id, ...played.failure });
      const [set] = await db
        .insert(invoiceSets)
        .values({
          clinicId,
          patientId: patient.id,
          status,
          ruleSetId: ruleSet.id,
          sequenceStep: played.sequenceStep,
          sequenceStartedAt: createdAt,
          nextSendAt: played.nextSendAt,
          amountOutstandingCents: status === "paid" ? 0 : outstanding,
          statusReason: played.statusReason,
          createdAt,
          closedAt,
        })
        .returning({ id: invoiceSets.id });
      setId = set?.id ?? null;
      if (setId) {
        const rows = demoSetRows({
          clinic,
          invoiceSetId: setId,
          ruleSetTitle: ruleSet.title,
          link,
          createdAt,
          closedAt,
          now,
          played,
        });
        linkRows.push(rows.link);
        messageRows.push(...rows.messages);
        timelineRows.push(...rows.timeline);
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
  for (const { patientId, channel, at } of learnt) {
    await setPatientChannelFlags(db, {
      clinicId,
      patientIds: [patientId],
      change: {
        kind: "unusable",
        effect: channel === "sms" ? "landline" : "bounced",
        reason: channel === "sms" ? LANDLINE_REASON : BOUNCE_REASON,
      },
      at,
    });
  }
  await db.update(clinics).set({ nextInvoiceNumber: invoiceNumber }).where(eq(clinics.id, clinicId));
  await seedOutreachDemo(db, clinicId, now);
  // The Overview's rollups of the months just written (the page would store them on first view).
  await settleOverview(db, { clinicId, timeZone: clinic.timeZone }, now);

  return { created: true as const, clinicId, patients: patientRows.length, invoices: invoiceNumber - 1001 };
}
