import { and, desc, eq, inArray } from "drizzle-orm";
import twilio from "twilio";
import { z } from "zod";
import type { Db, Tx } from "@/db/connect";
import { clinics, invoiceSets, patients } from "@/db/schema";
import { patientContactChanged } from "@/inngest/events";
import { recordAuditMany } from "@/lib/audit/record-audit";
import { runUseCase } from "@/lib/events/run-use-case";
import { setPatientChannelFlags } from "@/lib/state-machine/patient-channels";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { claimWebhookReceipt } from "./claim-receipt";

export const twilioInboundSchema = z.object({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  Body: z.string().default(""),
  /** Set by Twilio Advanced Opt-Out when it recognised a keyword itself. */
  OptOutType: z.string().optional(),
});

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"]);
const START_WORDS = new Set(["START", "UNSTOP"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);
/** Asking to stop in other words: "stop texting me", "please don't text", "no more messages". */
const STOP_REQUEST =
  /\b(STOP|UNSUBSCRIBE|REMOVE ME)\b|\b(DONT|DO NOT|NO MORE|NEVER)\b.*\b(TEXT|TEXTS|TEXTING|MESSAGE|MESSAGES|MESSAGING|SMS|CONTACT)\b/;

/** stop_request: asked to stop in other words; texts stop and staff review it on the timeline. */
export type InboundKind = "stop" | "stop_request" | "start" | "help" | "reply";

/** Upper case, punctuation dropped, spaces collapsed: "Stop!" and " opt-out " read as keywords. */
export function normalizeInbound(body: string): string {
  return body
    .toUpperCase()
    .replace(/[’']/g, "")
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

/** A keyword counts as the whole message (normalised); Twilio's own OptOutType wins when present. */
export function classifyInbound(body: string, optOutType?: string): InboundKind {
  const type = optOutType?.trim().toUpperCase();
  if (type === "STOP") return "stop";
  if (type === "START") return "start";
  if (type === "HELP") return "help";
  const text = normalizeInbound(body);
  if (STOP_WORDS.has(text)) return "stop";
  if (START_WORDS.has(text)) return "start";
  if (HELP_WORDS.has(text)) return "help";
  if (STOP_REQUEST.test(text)) return "stop_request";
  return "reply";
}

function twiml(message?: string): string {
  const response = new twilio.twiml.MessagingResponse();
  if (message) response.message(message);
  return response.toString();
}

/**
 * An incoming text, matched to patients by their E.164 number. STOP opts them out of
 * texts, START opts back in, HELP answers with the clinic's contact, anything else is a
 * patient response on their open set's timeline. Returns the TwiML to answer with.
 */
export async function handleTwilioInbound(
  db: Db,
  params: z.infer<typeof twilioInboundSchema>,
  at = new Date(),
): Promise<string> {
  const kind = classifyInbound(params.Body, params.OptOutType);
  // Opting out or back in changes whether the next text would fail: re-check Will Fail.
  const { result } = await runUseCase(db, async (tx) => {
    const outcome = await applyInbound(tx, kind, params, at);
    return { result: outcome.reply, events: outcome.changed.map((c) => patientContactChanged.create(c)) };
  });
  return twiml(result);
}

async function applyInbound(
  tx: Tx,
  kind: InboundKind,
  params: z.infer<typeof twilioInboundSchema>,
  at: Date,
): Promise<{ reply: string | undefined; changed: { clinicId: string; patientId: string }[] }> {
  if (!(await claimWebhookReceipt(tx, "twilio", `inbound:${params.MessageSid}`)))
    return { reply: undefined, changed: [] };
  const matches = await tx
    .select({
      id: patients.id,
      clinicId: patients.clinicId,
      clinicName: clinics.name,
      clinicPhone: clinics.phone,
      clinicEmail: clinics.email,
    })
    .from(patients)
    .innerJoin(clinics, eq(clinics.id, patients.clinicId))
    .where(eq(patients.phone, params.From))
    .orderBy(desc(patients.updatedAt));
  if (matches.length === 0) return { reply: undefined, changed: [] };
  const ids = matches.map((m) => m.id);
  const changed = matches.map((m) => ({ clinicId: m.clinicId, patientId: m.id }));

  if (kind === "stop" || kind === "stop_request" || kind === "start") {
    for (const clinicId of new Set(matches.map((m) => m.clinicId))) {
      await setPatientChannelFlags(tx, {
        clinicId,
        patientIds: matches.filter((m) => m.clinicId === clinicId).map((m) => m.id),
        change: { kind: kind === "start" ? "opted_in" : "opted_out" },
        at,
      });
    }
    await recordAuditMany(
      tx,
      matches.map((m) => ({
        clinicId: m.clinicId,
        actor: { kind: "patient" as const },
        action: kind === "start" ? "patient.sms_opt_in" : "patient.sms_opt_out",
        entityType: "patient",
        entityId: m.id,
        after: { keyword: normalizeInbound(params.Body).slice(0, 100), optOutType: params.OptOutType ?? null },
      })),
    );
    if (kind !== "stop_request") return { reply: undefined, changed };
  }
  const first = matches[0];
  if (kind === "help" && first) {
    const contact = [
      first.clinicPhone ? `call ${first.clinicPhone}` : null,
      first.clinicEmail ? `email ${first.clinicEmail}` : null,
    ]
      .filter(Boolean)
      .join(" or ");
    return {
      reply: `${first.clinicName} billing: ${contact ? `${contact}.` : "contact the clinic."} Reply STOP to stop texts.`,
      changed: [],
    };
  }
  const openSets = await tx
    .select({ id: invoiceSets.id, clinicId: invoiceSets.clinicId })
    .from(invoiceSets)
    .where(and(inArray(invoiceSets.patientId, ids), inArray(invoiceSets.status, [...OPEN_INVOICE_SET_STATUSES])));
  const review = kind === "stop_request";
  for (const set of openSets) {
    await recordTimelineEvent(tx, {
      clinicId: set.clinicId,
      invoiceSetId: set.id,
      kind: "patient_reply",
      actor: { kind: "patient" },
      summary: review
        ? `Needs review: the patient asked to stop texts in their own words, so texts have stopped: "${params.Body.trim().slice(0, 300)}"`
        : `Patient replied by text: "${params.Body.trim().slice(0, 300)}"`,
      details: { messageSid: params.MessageSid, from: params.From, ...(review ? { needsReview: true } : {}) },
      occurredAt: at,
    });
  }
  return { reply: undefined, changed: review ? changed : [] };
}
