import type { Db } from "@/db/connect";
import { SYSTEM } from "@/lib/actor";
import { transitionInvoiceSet } from "@/lib/state-machine/transition-invoice-set";
import { loadSequence, stopReason } from "./load-sequence";

/** After the expiry day: a set still Active and owing becomes Expired. */
export async function expireSequence(
  db: Db,
  ref: { clinicId: string; invoiceSetId: string; cycle: number },
): Promise<{ kind: "expired" } | { kind: "stop"; reason: string }> {
  const loaded = await loadSequence(db, ref);
  const stop = stopReason(loaded);
  if (stop || !loaded) return { kind: "stop", reason: stop ?? "invoice set not found" };
  if (loaded.set.sequenceCycle !== ref.cycle || loaded.set.sequenceStep < loaded.rules.length) {
    return { kind: "stop", reason: "the sequence moved on (rule set changed or restarted)" };
  }
  await db.transaction((tx) =>
    transitionInvoiceSet(tx, {
      clinicId: ref.clinicId,
      invoiceSetId: ref.invoiceSetId,
      action: "sequence_completed",
      actor: SYSTEM,
      changes: { nextSendAt: null },
      summary: "Expired: every rule was sent and a balance remains",
    }),
  );
  return { kind: "expired" };
}
