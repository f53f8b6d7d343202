import { InngestTestEngine } from "@inngest/test";
import { describe, expect, test } from "vitest";
import { inngest } from "@/inngest/client";

/** A failed query as drizzle throws it: the statement, its parameters (patient data), the driver's code. */
function failedQuery() {
  return Object.assign(
    new Error("Failed query: update patients set phone = $1 where id = $2\nparams: +15551234567,Rivera"),
    {
      query: "update patients set phone = $1 where id = $2",
      params: ["+15551234567", "Rivera"],
      cause: { code: "23505" },
    },
  );
}

describe("what the Inngest engine reports of a failure carries no patient data", () => {
  test("a step's failed query reaches the run without its parameters", async () => {
    const fn = inngest.createFunction(
      { id: "redaction-check-step", triggers: [{ event: "test/redaction" }] },
      async ({ step }) =>
        step.run("update-contact", async () => {
          throw failedQuery();
        }),
    );
    const { error } = await new InngestTestEngine({ function: fn }).executeStep("update-contact", {
      events: [{ name: "test/redaction", data: {} }],
    });
    const reported = JSON.stringify(error);
    expect(reported).toContain("Database update patients set phone… failed (23505)");
    expect(reported).not.toContain("+15551234567");
    expect(reported).not.toContain("Rivera");
  });

  test("a run's own failure is redacted too, and other errors keep their message", async () => {
    const failing = inngest.createFunction(
      { id: "redaction-check-run", triggers: [{ event: "test/redaction" }] },
      async () => {
        throw failedQuery();
      },
    );
    const plain = inngest.createFunction(
      { id: "redaction-check-plain", triggers: [{ event: "test/redaction" }] },
      async () => {
        throw new Error("Stripe did not answer");
      },
    );
    const event = { name: "test/redaction", data: {} };
    const failed = await new InngestTestEngine({ function: failing, events: [event] }).execute();
    expect(JSON.stringify(failed.error)).not.toContain("+15551234567");
    expect(JSON.stringify(failed.error)).toContain("failed (23505)");
    const other = await new InngestTestEngine({ function: plain, events: [event] }).execute();
    expect(JSON.stringify(other.error)).toContain("Stripe did not answer");
  });
});
