import type Stripe from "stripe";
import type { Db } from "@/db/connect";
import { invoiceSetActivated } from "@/inngest/events";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { publishEvents } from "@/lib/events/publish-events";
import type { Transports } from "@/lib/providers/transport";
import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { channelName, ruleMethods } from "./channels";
import type { CardChargeOutcome } from "./charge-card-for-rule";
import { loadSequence, stopReason } from "./load-sequence";
import { predictDelivery } from "./predict-delivery";
import { sendPlannedRule } from "./send-planned-rule";
import { moveIntoSendWindow } from "./send-window";

/**
 * "Send now": the set's next rule goes out at once, through the same send step as the
 * sequence (window, opt-outs and balance re-checked there), else a refusal saying why.
 * The sequence then re-plans from the new position (its sleeping run is replaced).
 */
export async function sendNow(
  db: Db,
  providers: { transports: Transports; stripe: Stripe | null },
  params: { clinicId: string; invoiceSetId: string; actor: Actor; now: Date },
): Promise<string> {
  const ref = { clinicId: params.clinicId, invoiceSetId: params.invoiceSetId };
  const loaded = await loadSequence(db, ref);
  if (!loaded) throw new AppError("not_found", "This invoice set was not found.");
  const stop = stopReason(loaded);
  if (stop) {
    const status = INVOICE_SET_STATUS_LABELS[loaded.set.status];
    throw new AppError(
      "invalid_transition",
      loaded.set.status === "active"
        ? "Nothing is owed on this set."
        : `Only an Active set can be sent now; this one is ${status}.`,
    );
  }
  const { set, patient, window } = loaded;
  const rule = loaded.rules[set.sequenceStep];
  if (!rule)
    throw new AppError("invalid_transition", "Every rule of this set has been sent; it is waiting for its expiry.");
  const allowed = moveIntoSendWindow(params.now, patient.timeZone, window);
  if (allowed.getTime() !== params.now.getTime()) {
    const when = new Intl.DateTimeFormat("en-US", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: patient.timeZone,
    });
    throw new AppError(
      "invalid_transition",
      `It's outside the send window in the patient's time zone (${patient.timeZone.replaceAll("_", " ")}); the next message can go ${when.format(allowed)}.`,
    );
  }
  const prediction = predictDelivery(ruleMethods(rule), patient, {
    timeZone: loaded.clinic.timeZone,
    hasCardOnFile: loaded.card !== null,
  });
  if (prediction.willFail)
    throw new AppError("invalid_transition", `Not sent: ${prediction.reason ?? "no channel works"}.`);

  await recordAudit(db, {
    ...ref,
    actor: params.actor,
    action: "invoice_set.send_now",
    entityType: "invoice_set",
    entityId: set.id,
    after: { stepIndex: set.sequenceStep, ruleId: rule.id },
  });
  const result = await sendPlannedRule(
    db,
    providers,
    { ...ref, stepIndex: set.sequenceStep, cycle: set.sequenceCycle, ruleId: rule.id },
    params.now,
  );
  await publishEvents(invoiceSetActivated.create(ref));
  if (result.kind === "sent") {
    const done = [
      ...(result.channels.length > 0 ? [`${result.channels.map(channelName).join(" and ")} went out`] : []),
      ...(result.charge ? [`Charge Card: ${CHARGE_OUTCOME_TEXT[result.charge]}`] : []),
    ];
    return `Sent now: ${done.join("; ")} (“${rule.title}”).`;
  }
  throw new AppError(
    "invalid_transition",
    result.kind === "deferred" ? "Not sent: the send window closed a moment ago." : `Not sent: ${result.reason}.`,
  );
}

const CHARGE_OUTCOME_TEXT: Record<CardChargeOutcome, string> = {
  recorded: "the card was charged",
  declined: "the card was declined",
  already_settled: "already charged in this cycle",
  pending: "the charge is processing",
  refused: "the charge could not be applied (see the audit log)",
  unknown_charge: "the charge was not found",
  no_answer: "Stripe did not answer",
  not_configured: "online payment is not set up",
};
