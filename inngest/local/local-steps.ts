import type { Db } from "@/db/connect";
import type { AppEvent } from "@/inngest/events";
import { enqueueEvents, saveJob } from "./job-store";
import type { Gate } from "./step-batches";

/** Thrown by a step that must wait: the run is saved and picked up again at `at`. */
export class Reschedule extends Error {
  constructor(readonly at: Date) {
    super(`rescheduled to ${at.toISOString()}`);
    this.name = "Reschedule";
  }
}

export interface LocalSteps {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  /** A step whose work goes into a batch (StepBatches): memoized like run, but not held at the gate while it waits. */
  batched<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: string): Promise<unknown>;
  sendEvent(id: string, events: AppEvent[]): Promise<unknown>;
}

/**
 * Step tools with Inngest's semantics, kept in the run's row: a finished step returns its
 * saved (JSON) result instead of running again; a sleep whose time has come passes,
 * otherwise the run stops and resumes then; sent events start runs at once.
 * A step's result is written with the run's row when the run stops (returns, sleeps or
 * fails), not after every step: one write per run instead of one per step. A crash in
 * between runs those steps again, which every step body allows (each re-reads the
 * database; a message is keyed and committed "sending" before its provider call). Sent
 * events are the exception: the runs they start and the step's result commit together.
 */
export function localSteps(
  db: Db,
  job: { id: string; memo: Record<string, unknown> },
  now: () => Date,
  gate: Gate,
): LocalSteps {
  const memo = job.memo;
  const steps: LocalSteps = {
    run: (id, fn) => steps.batched(id, () => gate.hold(fn)),
    async batched(id, fn) {
      if (Object.hasOwn(memo, id)) return memo[id];
      const value: unknown = JSON.parse(JSON.stringify((await fn()) ?? null));
      memo[id] = value;
      return value;
    },
    async sleepUntil(_id, time) {
      const at = new Date(time);
      if (at.getTime() > now().getTime()) throw new Reschedule(at);
      return null;
    },
    async sendEvent(id, events) {
      if (Object.hasOwn(memo, id)) return memo[id];
      // The runs it starts and the step's result commit together.
      return gate.hold(() =>
        db.transaction(async (tx) => {
          memo[id] = { started: await enqueueEvents(tx, events, now()) };
          await saveJob(tx, job.id, { memo });
          return memo[id];
        }),
      );
    },
  };
  return steps;
}
