import { and, desc, eq, inArray } from "drizzle-orm";
import twilio from "twilio";
import { z } from "zod";
import type { Db } from "@/db/connect";
import { clinics, invoiceSets, patients } from "@/db/schema";
import { patientContactChanged } from "@/inngest/events";
import { recordAuditMany } from "@/lib/audit/record-audit";
import { publishEvents } from "@/lib/events/publish-events";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { claimWebhookReceipt } from "./claim-receipt";

export const twilioInboundSchema = z.object({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  Body: z.string().default(""),
});

const STOP_WORDS = new Set(["STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL"]);
const START_WORDS = new Set(["START", "UNSTOP"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);

export type InboundKind = "stop" | "start" | "help" | "reply";

/** A keyword counts only as the whole message, in any case. */
export function classifyInbound(body: string): InboundKind {
  const word = body.trim().toUpperCase();
  if (STOP_WORDS.has(word)) return "stop";
  if (START_WORDS.has(word)) return "start";
  if (HELP_WORDS.has(word)) return "help";
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
  const kind = classifyInbound(params.Body);
  const result = await db.transaction(async (tx) => {
    if (!(await claimWebhookReceipt(tx, "twilio", `inbound:${params.MessageSid}`)))
      return { reply: undefined, changed: [] as { clinicId: string; patientId: string }[] };
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

    if (kind === "stop" || kind === "start") {
      await tx
        .update(patients)
        .set(kind === "stop" ? { smsOptedOutAt: at, updatedAt: at } : { smsOptedOutAt: null, updatedAt: at })
        .where(inArray(patients.id, ids));
      await recordAuditMany(
        tx,
        matches.map((m) => ({
          clinicId: m.clinicId,
          actor: { kind: "patient" as const },
          action: kind === "stop" ? "patient.sms_opt_out" : "patient.sms_opt_in",
          entityType: "patient",
          entityId: m.id,
          after: { keyword: params.Body.trim().toUpperCase() },
        })),
      );
      return { reply: undefined, changed };
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
    for (const set of openSets) {
      await recordTimelineEvent(tx, {
        clinicId: set.clinicId,
        invoiceSetId: set.id,
        kind: "patient_reply",
        actor: { kind: "patient" },
        summary: `Patient replied by text: "${params.Body.trim().slice(0, 300)}"`,
        details: { messageSid: params.MessageSid, from: params.From },
        occurredAt: at,
      });
    }
    return { reply: undefined, changed: [] };
  });
  // Opting out or back in changes whether the next text would fail: re-check Will Fail.
  await publishEvents(result.changed.map((c) => patientContactChanged.create(c)));
  return twiml(result.reply);
}
