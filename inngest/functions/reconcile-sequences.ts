import { inngest } from "@/inngest/client";
import { invoiceSetActivated } from "@/inngest/events";
import { activationEventId, findStalledSets } from "@/lib/outreach/find-stalled-sets";
import type { SequenceDeps } from "./run-invoice-set-sequence";

const PAGE = 500;
const MAX_PAGES = 40;

/**
 * The database is the source of truth: every 10 minutes, re-emit the activation of any
 * Active set whose next send is missing or overdue. A lost event or an Inngest outage
 * delays outreach but never loses it; stable event ids keep this idempotent.
 */
export async function reconcileSequences(
  step: {
    run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
    sendEvent(id: string, events: unknown[]): Promise<unknown>;
  },
  deps: Pick<SequenceDeps, "db" | "now">,
) {
  let afterId: string | undefined;
  let emitted = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const sets = (await step.run(`find-stalled-${page}`, async () =>
      findStalledSets(await deps.db(), { now: deps.now(), afterId, limit: PAGE }),
    )) as Awaited<ReturnType<typeof findStalledSets>>;
    if (sets.length === 0) break;
    await step.sendEvent(
      `reactivate-${page}`,
      sets.map((set) =>
        invoiceSetActivated.create({ clinicId: set.clinicId, invoiceSetId: set.id }, { id: activationEventId(set) }),
      ),
    );
    emitted += sets.length;
    afterId = sets.at(-1)?.id;
    if (sets.length < PAGE) break;
  }
  return { emitted };
}

export function createReconcileFunction(deps: Pick<SequenceDeps, "db" | "now">) {
  return inngest.createFunction(
    { id: "reconcile-outreach-sequences", triggers: [{ cron: "*/10 * * * *" }], concurrency: { limit: 1 } },
    async ({ step }) =>
      reconcileSequences(
        {
          run: (id, fn) => step.run(id, fn),
          sendEvent: (id, events) => step.sendEvent(id, events as Parameters<typeof step.sendEvent>[1]),
        },
        deps,
      ),
  );
}
