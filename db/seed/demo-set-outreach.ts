import type { Clinic, messages, Patient, patientLinks, Rule, timelineEvents } from "@/db/schema";
import { channelProblem, predictDelivery } from "@/lib/outreach/predict-delivery";
import { computeSendTime } from "@/lib/outreach/send-window";
import { patientTimeZone } from "@/lib/patients/patient-time-zone";
import { INVOICE_SET_STATUS_LABELS, type InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { learnFailure, providerReason } from "./demo-contact-truth";
import { type DemoMessage, demoMessage, type HiddenContactTruth } from "./demo-message";
import { demoPatientVisits } from "./demo-patient-visits";

const DAY = 86_400_000;

export interface PlayedOutreach {
  /** The drawn status, or what outreach made of it: Failed, Will Fail. */
  status: InvoiceSetStatus;
  statusReason: string | null;
  sent: { step: number; rule: Rule; message: DemoMessage }[];
  /** The first channel found dead, as of that message. */
  failure: { channel: "sms" | "email"; at: Date } | null;
  sequenceStep: number;
  nextSendAt: Date | null;
}

/**
 * Outreach as the engine runs it for one demo set: every due rule's messages that really
 * went out before the set stopped; a permanent failure is learnt (the patient's channel
 * flagged) and, while the set is in outreach, fails the set and stops it; a next rule no
 * channel can carry makes it Will Fail, with the engine's own reason.
 */
export function playDemoOutreach(params: {
  clinic: Clinic;
  patient: Patient;
  truth: HiddenContactTruth;
  setRules: Rule[];
  due: Rule[];
  status: InvoiceSetStatus;
  startedAt: Date;
  stopAt: Date;
  amountCents: number;
  payLink: string;
}): PlayedOutreach {
  const { clinic, patient, setRules, due, startedAt } = params;
  let status = params.status;
  let known: Patient = patient;
  let failure: PlayedOutreach["failure"] = null;
  const sent: PlayedOutreach["sent"] = [];
  for (const [step, rule] of due.entries()) {
    // A failure stops a set in outreach: nothing more goes out.
    if (failure && (status === "active" || status === "expired")) break;
    for (const channel of rule.channels) {
      const message = demoMessage({
        clinic,
        patient: known,
        truth: params.truth,
        rule,
        channel,
        startedAt,
        now: params.stopAt,
        amountCents: params.amountCents,
        payLink: params.payLink,
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
  const nextSendAt =
    (status === "active" || status === "will_fail") && next
      ? computeSendTime({
          sequenceStartedAt: startedAt,
          delayDays: next.delayDays,
          timeZone: patientTimeZone(patient, clinic),
          window: {
            startMinute: clinic.sendWindowStartMinute,
            endMinute: clinic.sendWindowEndMinute,
            days: clinic.sendDays,
          },
        })
      : null;
  const sequenceStep = status === "failed" ? new Set(sent.map((s) => s.step)).size : due.length;
  return { status, statusReason, sent, failure, sequenceStep, nextSendAt };
}

/** The rows a played set leaves: its link, its messages, and its timeline from opening to its status. */
export function demoSetRows(params: {
  clinic: Clinic;
  invoiceSetId: string;
  ruleSetTitle: string;
  link: { tokenHash: string };
  createdAt: Date;
  closedAt: Date | null;
  now: Date;
  played: PlayedOutreach;
}): {
  link: typeof patientLinks.$inferInsert;
  messages: (typeof messages.$inferInsert)[];
  timeline: (typeof timelineEvents.$inferInsert)[];
} {
  const { clinic, invoiceSetId, createdAt, closedAt } = params;
  const { status, statusReason, sent, failure } = params.played;
  const clinicId = clinic.id;
  const timeline: (typeof timelineEvents.$inferInsert)[] = [
    {
      clinicId,
      invoiceSetId,
      kind: "status_change",
      actorKind: "system",
      summary: `Invoice set opened on ${params.ruleSetTitle}`,
      details: { to: "active" },
      occurredAt: createdAt,
    },
  ];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  for (const { step, rule, message } of sent) {
    const failed = message.status !== "delivered";
    const what = message.channel === "sms" ? "Text" : "Email";
    messageRows.push({
      clinicId,
      invoiceSetId,
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
    timeline.push({
      clinicId,
      invoiceSetId,
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
    now: params.now,
  }))
    timeline.push({ clinicId, invoiceSetId, actorKind: "patient", details: {}, ...visit });
  if (status !== "active") {
    // Failed when the failure came back; Will Fail when the next rule was planned (after the last send).
    const lastSend = sent.at(-1)?.message.sentAt ?? createdAt;
    timeline.push({
      clinicId,
      invoiceSetId,
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
  return {
    link: {
      clinicId,
      invoiceSetId,
      tokenHash: params.link.tokenHash,
      expiresAt: new Date(createdAt.getTime() + clinic.patientLinkDays * DAY),
      createdAt,
    },
    messages: messageRows,
    timeline,
  };
}
