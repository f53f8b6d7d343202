import { describe, expect, test } from "vitest";
import { addTally, describeBulkResult, skipReason } from "@/lib/invoice-sets/describe-bulk-result";

describe("bulk summary", () => {
  test("the example of the issue", () => {
    expect(describeBulkResult("pause", { changed: 37, skipped: { "already paid": 2, cancelled: 1 } })).toBe(
      "37 paused, 3 skipped: 2 already paid, 1 cancelled",
    );
  });

  test("nothing skipped", () => {
    expect(describeBulkResult("write_off", { changed: 1, skipped: {} })).toBe("1 written off");
  });

  test("chunks add up", () => {
    const total = addTally(
      { changed: 1000, skipped: { "already paid": 3 } },
      { changed: 20, skipped: { "already paid": 1, "not found": 2 } },
    );
    expect(describeBulkResult("cancel", total)).toBe("1020 cancelled, 6 skipped: 4 already paid, 2 not found");
  });

  test.each([
    ["pause", "paused", undefined, "already paused"],
    ["pause", "expired", undefined, "expired"],
    ["resume", "active", undefined, "already resumed"],
    ["send_to_collections", "collections", undefined, "already sent to collections"],
    ["pause", "collections", undefined, "in collections"],
    ["cancel", "written_off", undefined, "written off"],
    ["change_rule_set", "active", "already on that rule set", "already on that rule set"],
    ["pause", null, "not found", "not found"],
  ] as const)("%s skipping a %s set reads %j", (action, status, custom, expected) => {
    expect(skipReason(action, status, custom ?? (status ? "Pause isn't possible" : undefined))).toBe(expected);
  });
});
