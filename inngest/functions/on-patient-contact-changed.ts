import { inngest } from "@/inngest/client";
import { type AppEvent, invoiceSetActivated, patientContactChanged, patientRef } from "@/inngest/events";
import { FUNCTION_IDS } from "@/inngest/local/triggers";
import { reevaluatePrediction } from "@/lib/outreach/reevaluate-prediction";
import type { SequenceDeps } from "./deps";

export interface ContactChangedSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sendEvent(id: string, events: AppEvent[]): Promise<unknown>;
}

/**
 * Contact details changed (or the zone, or a STOP/START): re-check Will Fail, and start
 * the sequence again so it re-plans with what changed (the singleton replaces a sleeping run).
 */
export async function runContactChanged(data: unknown, step: ContactChangedSteps, deps: Pick<SequenceDeps, "db">) {
  const ref = patientRef.parse(data);
  const result = (await step.run("reevaluate", async () => reevaluatePrediction(await deps.db(), ref))) as Awaited<
    ReturnType<typeof reevaluatePrediction>
  >;
  if (result.kind === "cleared" || result.kind === "unchanged_active") {
    await step.sendEvent("restart-sequence", [
      invoiceSetActivated.create({ clinicId: ref.clinicId, invoiceSetId: result.invoiceSetId }),
    ]);
  }
  return result;
}

export function createContactChangedFunction(deps: Pick<SequenceDeps, "db">) {
  return inngest.createFunction(
    {
      id: FUNCTION_IDS.contactChanged,
      triggers: [patientContactChanged],
      concurrency: [{ key: "event.data.patientId", limit: 1 }],
    },
    async ({ event, step }) =>
      runContactChanged(
        event.data,
        { run: (id, fn) => step.run(id, fn), sendEvent: (id, events) => step.sendEvent(id, events) },
        deps,
      ),
  );
}
