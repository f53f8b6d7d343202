import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { outreachEngineState } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { type AppEvent, invoiceSetActivated } from "@/inngest/events";
import { activationEventId, findStalledSets, type StallCursor } from "@/lib/outreach/find-stalled-sets";
import type { SequenceDeps } from "./deps";

const PAGE = 500;
const MAX_PAGES = 40;
const CURSOR_KEY = "reconcile-cursor";

export interface ReconcileSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sendEvent(id: string, events: AppEvent[]): Promise<unknown>;
}

/**
 * The database is the source of truth: every 10 minutes, re-emit the activation of any
 * Active set whose next action (send or expiry) is overdue. A lost event or an Inngest
 * outage delays outreach but never loses it; stable event ids keep this idempotent, and
 * a cursor kept between passes means a long backlog is worked through, not re-read.
 */
export async function reconcileSequences(
  step: ReconcileSteps,
  deps: Pick<SequenceDeps, "db" | "now">,
  options: { graceMs?: number; skipLiveRuns?: string; pageSize?: number; maxPages?: number } = {},
) {
  const { pageSize = PAGE, maxPages = MAX_PAGES, ...find } = options;
  let cursor = (await step.run("read-cursor", async () => readCursor(await deps.db()))) as StallCursor | null;
  let emitted = 0;
  let finished = false;
  for (let page = 0; page < maxPages; page += 1) {
    const after = cursor;
    const sets = (await step.run(`find-stalled-${page}`, async () =>
      findStalledSets(await deps.db(), { now: deps.now(), after, limit: pageSize, ...find }),
    )) as Awaited<ReturnType<typeof findStalledSets>>;
    if (sets.length > 0) {
      await step.sendEvent(
        `reactivate-${page}`,
        sets.map((set) =>
          invoiceSetActivated.create({ clinicId: set.clinicId, invoiceSetId: set.id }, { id: activationEventId(set) }),
        ),
      );
    }
    emitted += sets.length;
    cursor = sets.at(-1)?.cursor ?? cursor;
    if (sets.length < pageSize) {
      finished = true;
      break;
    }
  }
  const next = finished ? null : cursor;
  await step.run("save-cursor", async () => saveCursor(await deps.db(), next));
  return { emitted };
}

async function readCursor(db: Db): Promise<StallCursor | null> {
  const [row] = await db.select().from(outreachEngineState).where(eq(outreachEngineState.key, CURSOR_KEY));
  return (row?.value as StallCursor | undefined) ?? null;
}

async function saveCursor(db: Db, cursor: StallCursor | null) {
  if (!cursor) {
    await db.delete(outreachEngineState).where(eq(outreachEngineState.key, CURSOR_KEY));
    return null;
  }
  await db
    .insert(outreachEngineState)
    .values({ key: CURSOR_KEY, value: { ...cursor } })
    .onConflictDoUpdate({ target: outreachEngineState.key, set: { value: { ...cursor }, updatedAt: new Date() } });
  return null;
}

export function createReconcileFunction(deps: Pick<SequenceDeps, "db" | "now">) {
  return inngest.createFunction(
    { id: "reconcile-outreach-sequences", triggers: [{ cron: "*/10 * * * *" }], concurrency: { limit: 1 } },
    async ({ step }) =>
      reconcileSequences(
        { run: (id, fn) => step.run(id, fn), sendEvent: (id, events) => step.sendEvent(id, events) },
        deps,
      ),
  );
}
