import type { Executor } from "@/db/connect";
import { SYSTEM } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { setPatientChannelFlags, type UnusableEffect } from "@/lib/state-machine/patient-channels";

export type { UnusableEffect } from "@/lib/state-machine/patient-channels";

/** Records on the patient why a channel can't be used any more, so later rules predict it. */
export async function markChannelUnusable(
  tx: Executor,
  params: { clinicId: string; patientId: string; effect: UnusableEffect; reason: string; at: Date },
): Promise<void> {
  const { effect, reason, at } = params;
  await setPatientChannelFlags(tx, {
    clinicId: params.clinicId,
    patientIds: [params.patientId],
    change: { kind: "unusable", effect, reason },
    at,
  });
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: SYSTEM,
    action: effect === "bounced" || effect === "complained" ? "patient.email_unusable" : "patient.phone_unusable",
    entityType: "patient",
    entityId: params.patientId,
    after: { effect, reason },
  });
}
