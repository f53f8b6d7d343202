import { z } from "zod";
import { inngest } from "@/inngest/client";
import { invoiceSetActivated, patientContactChanged } from "@/inngest/events";
import { activationEventId } from "@/lib/outreach/find-stalled-sets";
import { reevaluatePrediction } from "@/lib/outreach/reevaluate-prediction";
import type { SequenceDeps } from "./run-invoice-set-sequence";

const payloadSchema = z.object({ clinicId: z.uuid(), patientId: z.uuid() });

/** Contact details changed: re-check Will Fail; when it clears, start the sequence again. */
export function createContactChangedFunction(deps: Pick<SequenceDeps, "db">) {
  return inngest.createFunction(
    {
      id: "reevaluate-will-fail-on-contact-change",
      triggers: [patientContactChanged],
      concurrency: [{ key: "event.data.patientId", limit: 1 }],
    },
    async ({ event, step }) => {
      const ref = payloadSchema.parse(event.data);
      const result = await step.run("reevaluate", async () => reevaluatePrediction(await deps.db(), ref));
      if (result.kind === "cleared") {
        await step.sendEvent(
          "restart-sequence",
          invoiceSetActivated.create(
            { clinicId: ref.clinicId, invoiceSetId: result.invoiceSetId },
            {
              id: `${activationEventId({ id: result.invoiceSetId, cycle: result.cycle, step: result.step })}-cleared-${Date.now()}`,
            },
          ),
        );
      }
      return result;
    },
  );
}
