import type { Db } from "@/db/connect";
import { invoiceSetActivated } from "@/inngest/events";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { publishEvents } from "@/lib/events/publish-events";
import type { Transports } from "@/lib/providers/transport";
import { INVOICE_SET_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { channelName } from "./channels";
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
  transports: Transports,
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
  const prediction = predictDelivery(rule.channels, patient, loaded.clinic.timeZone);
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
    transports,
    { ...ref, stepIndex: set.sequenceStep, cycle: set.sequenceCycle, ruleId: rule.id },
    params.now,
  );
  await publishEvents(invoiceSetActivated.create(ref));
  if (result.kind === "sent")
    return `Sent now: ${result.channels.map(channelName).join(" and ")} went out (“${rule.title}”).`;
  throw new AppError(
    "invalid_transition",
    result.kind === "deferred" ? "Not sent: the send window closed a moment ago." : `Not sent: ${result.reason}.`,
  );
}
