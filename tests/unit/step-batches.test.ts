import { describe, expect, test } from "vitest";
import { Gate, StepBatches } from "@/inngest/local/step-batches";

describe("StepBatches", () => {
  test("a batch runs once every live run waits on it, with each item's own result or error", async () => {
    const batches = new StepBatches();
    const calls: number[][] = [];
    const double = async (items: number[]) => {
      calls.push(items);
      return items.map((n) => (n === 3 ? new Error("three refused") : n * 2));
    };
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4].map((n) =>
        batches.track(async () => {
          // Some runs do their own work first: the batch waits for them.
          for (let i = 0; i < n; i += 1) await Promise.resolve();
          return batches.add("double", double, n);
        }),
      ),
    );
    expect(calls).toEqual([[1, 2, 3, 4]]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([
      2,
      4,
      "three refused",
      8,
    ]);
  });

  test("runs that end early don't hold a batch back; a failed batch fails each of its items", async () => {
    const batches = new StepBatches();
    const outcomes = await Promise.allSettled([
      batches.track(async () => "done"),
      batches.track(() =>
        batches.add(
          "broken",
          async () => {
            throw new Error("database down");
          },
          1,
        ),
      ),
    ]);
    expect(outcomes[0]).toEqual({ status: "fulfilled", value: "done" });
    expect(outcomes[1]).toMatchObject({ status: "rejected", reason: new Error("database down") });
  });

  test("the gate lets at most its size through at once", async () => {
    const gate = new Gate(2);
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        gate.hold(async () => {
          inside += 1;
          most = Math.max(most, inside);
          await Promise.resolve();
          await Promise.resolve();
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});
