import { describe, expect, test } from "vitest";
import { redactError } from "@/lib/security/redact-errors";

describe("errors are logged without query parameters or patient data", () => {
  test("a failed query keeps its statement's first words and the database code, never the parameters", () => {
    const failed = Object.assign(
      new Error("Failed query: select * from patients where last_name = $1\nparams: Rivera,1985-04-12"),
      {
        query: "select * from patients where last_name = $1",
        params: ["Rivera", "1985-04-12"],
        cause: { code: "22P05" },
      },
    );
    const redacted = redactError(failed) as Error;
    const logged = `${redacted.message}\n${redacted.stack}`;
    expect(logged).not.toContain("Rivera");
    expect(logged).not.toContain("1985-04-12");
    expect(redacted.message).toBe("Database select * from patients… failed (22P05)");
  });

  test("other errors and values pass through unchanged", () => {
    const plain = new Error("boom");
    expect(redactError(plain)).toBe(plain);
    expect(redactError("text")).toBe("text");
  });
});
