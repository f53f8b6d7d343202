import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import {
  clinics,
  invoiceCharges,
  invoiceSets,
  invoices,
  messages,
  type Patient,
  patientLinks,
  patients,
  payments,
  timelineEvents,
} from "@/db/schema";
import { channelProblem, predictDelivery } from "@/lib/outreach/predict-delivery";
import { computeSendTime } from "@/lib/outreach/send-window";
import { settleOverview } from "@/lib/overview/settle-overview";
import { patientTimeZone } from "@/lib/patients/patient-time-zone";
import { setPatientChannelFlags } from "@/lib/state-machine/patient-channels";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { seedDemoClinicSetup } from "./demo-clinic-setup";
import {
  BOUNCE_REASON,
  drawsPartPayment,
  hiddenTruthOf,
  LANDLINE_REASON,
  learnFailure,
  providerReason,
  textsCantReach,
} from "./demo-contact-truth";
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
import { type DemoMessage, demoMessage, demoPatientLink } from "./demo-message";
import { demoPatientVisits } from "./demo-patient-visits";
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
    };
  });
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

      // Outreach as the engine runs it: a permanent failure is learnt (the patient's channel
      // flagged) and, while the set is in outreach, fails the set and stops it.
      let known: Patient = patient;
      let failure: { channel: "sms" | "email"; at: Date } | null = null;
      const sent: { step: number; rule: (typeof setRules)[number]; message: DemoMessage }[] = [];
      for (const [step, rule] of due.entries()) {
        // A failure stops a set in outreach: nothing more goes out.
        if (failure && (status === "active" || status === "expired")) break;
        for (const channel of rule.channels) {
          const message = demoMessage({
            clinic,
            patient: known,
            truth,
            rule,
            channel,
            startedAt: createdAt,
            now: stopAt,
            amountCents: outstanding,
            payLink: link.url,
          });
          if (!message) continue;
          sent.push({ step, rule, message });
          if (message.status !== "delivered" && !failure) {
            failure = { channel, at: message.sentAt };
            known = learnFailure(known, channel, message.sentAt);
          }
        }
      }
      if (failure && (status === "active" || status === "expired")) status = "failed";
      if (failure) learnt.push({ patientId: patient.id, channel: failure.channel, at: failure.at });
      const steps = new Set(sent.map((s) => s.step)).size;
      const next = status === "active" && !failure ? setRules[due.length] : undefined;
      const prediction = next
        ? predictDelivery(next.channels, known, { timeZone: clinic.timeZone, hasCardOnFile: false })
        : null;
      if (prediction?.willFail) status = "will_fail";
      // The one reason function the engine and the row use.
      const statusReason =
        status === "failed" && failure
          ? channelProblem(failure.channel, known, clinic.timeZone)
          : status === "will_fail"
            ? (prediction?.reason ?? null)
            : null;
      const [set] = await db
        .insert(invoiceSets)
        .values({
          clinicId,
          patientId: patient.id,
          status,
          ruleSetId: ruleSet.id,
          sequenceStep: status === "failed" ? steps : due.length,
          sequenceStartedAt: createdAt,
          nextSendAt:
            (status === "active" || status === "will_fail") && next
              ? computeSendTime({
                  sequenceStartedAt: createdAt,
                  delayDays: next.delayDays,
                  timeZone: patientTimeZone(patient, clinic),
                  window: {
                    startMinute: clinic.sendWindowStartMinute,
                    endMinute: clinic.sendWindowEndMinute,
                    days: clinic.sendDays,
                  },
                })
              : null,
          amountOutstandingCents: status === "paid" ? 0 : outstanding,
          statusReason,
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
        linkRows.push({
          clinicId,
          invoiceSetId: setId,
          tokenHash: link.tokenHash,
          expiresAt: new Date(createdAt.getTime() + clinic.patientLinkDays * DAY),
          createdAt,
        });
        for (const { step, rule, message } of sent) {
          const failed = message.status !== "delivered";
          const what = message.channel === "sms" ? "Text" : "Email";
          messageRows.push({
            clinicId,
            invoiceSetId: setId,
            ruleId: rule.id,
            stepIndex: step,
            channel: message.channel,
            transport: "outbox",
            destination: message.destination,
            subject: message.channel === "email" ? rule.title : null,
            body: message.body,
            status: message.status,
            errorCode: message.errorCode,
            errorMessage: failed ? providerReason(message) : null,
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
              ? `${what} to ${message.destination} failed: ${providerReason(message)}`
              : `${what} sent: ${rule.title}`,
            details: { channel: message.channel, step },
            occurredAt: message.sentAt,
          });
        }
        for (const visit of demoPatientVisits({
          status,
          closedAt,
          sentAt: sent.map(({ message }) => message.sentAt),
          now,
        }))
          timelineRows.push({ clinicId, invoiceSetId: setId, actorKind: "patient", details: {}, ...visit });
        if (status !== "active") {
          // Failed when the failure came back; Will Fail when the next rule was planned (after the last send).
          const lastSend = sent.at(-1)?.message.sentAt ?? createdAt;
          timelineRows.push({
            clinicId,
            invoiceSetId: setId,
            kind: "status_change",
            actorKind:
              status === "paused" || status === "cancelled" || status === "written_off" || status === "collections"
                ? "user"
                : "system",
            summary: statusReason
              ? `${INVOICE_SET_STATUS_LABELS[status]}: ${statusReason}`
              : `Status: ${INVOICE_SET_STATUS_LABELS[status]}`,
            details: { to: status },
            occurredAt:
              status === "failed" && failure
                ? failure.at
                : status === "will_fail"
                  ? lastSend
                  : (closedAt ?? new Date(createdAt.getTime() + DAY)),
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
