import type { Db } from "@/db/connect";
import type { AppEvent } from "@/inngest/events";
import { enqueueEvents, saveJob } from "./job-store";

/** Thrown by a step that must wait: the run is saved and picked up again at `at`. */
export class Reschedule extends Error {
  constructor(readonly at: Date) {
    super(`rescheduled to ${at.toISOString()}`);
    this.name = "Reschedule";
  }
}

export interface LocalSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: string): Promise<unknown>;
  sendEvent(id: string, events: AppEvent[]): Promise<unknown>;
}

/**
 * Step tools with Inngest's semantics, kept in the run's row: a finished step returns its
 * saved (JSON) result instead of running again; a sleep whose time has come passes,
 * otherwise the run stops and resumes then; sent events start runs at once.
 */
export function localSteps(db: Db, job: { id: string; memo: Record<string, unknown> }, now: () => Date): LocalSteps {
  const memo = job.memo;
  const steps: LocalSteps = {
    async run(id, fn) {
      if (Object.hasOwn(memo, id)) return memo[id];
      const value: unknown = JSON.parse(JSON.stringify((await fn()) ?? null));
      memo[id] = value;
      await saveJob(db, job.id, { memo });
      return value;
    },
    async sleepUntil(_id, time) {
      const at = new Date(time);
      if (at.getTime() > now().getTime()) throw new Reschedule(at);
      return null;
    },
    sendEvent(id, events) {
      return steps.run(id, async () => ({ started: await enqueueEvents(db, events, now()) }));
    },
  };
  return steps;
}
