import { describe, expect, test } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/invoice-sets/keyset-cursor";
import { loadInvoiceSetSearchParams, serializeInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { likeContains, normalizeSearchTerm } from "@/lib/invoice-sets/search-term";
import { formatCentsPlain } from "@/lib/money";

describe("Search term", () => {
  test.each([
    ["(555) 010-0123", "5550100123"],
    ["+1 555.010.0123", "15550100123"],
    ["555-0123", "5550123"],
    ["  Maria   LOPEZ ", "maria lopez"],
    ["MRN-100001", "mrn-100001"],
    ["12", "12"],
    ["", null],
    ["   ", null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeSearchTerm(input)).toBe(expected);
  });

  test("LIKE wildcards typed by staff match themselves", () => {
    expect(likeContains("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });
});

describe("URL state", () => {
  test("dollars in the URL are cents in code, and back", () => {
    const p = loadInvoiceSetSearchParams("?amountMin=125.5&amountMax=1,000");
    expect(p.amountMin).toBe(12550);
    expect(p.amountMax).toBe(100000);
    expect(serializeInvoiceSetSearchParams({ amountMin: 12550, status: ["paused", "will_fail"] })).toBe(
      "?status=paused,will_fail&amountMin=125.50",
    );
    expect(formatCentsPlain(12500)).toBe("125");
  });

  test("defaults are left out of the URL", () => {
    expect(serializeInvoiceSetSearchParams({ sort: "created", dir: "desc", size: 25, status: [] })).toBe("");
  });

  test.each(["2026-02-30", "2026-1-1", "yesterday"])("a bad day %s is ignored", (day) => {
    expect(loadInvoiceSetSearchParams(`?createdFrom=${day}`).createdFrom).toBeNull();
  });
});

describe("keyset cursor", () => {
  const id = "0b7c3f5e-8d1a-4c2b-9e6f-123456789abc";
  test("round-trips and is tied to its sort", () => {
    const raw = encodeCursor({ direction: "after", sort: "created", value: "2026-11-22 19:07:16.123456+00", id });
    expect(decodeCursor(raw, "created")).toEqual({
      direction: "after",
      sort: "created",
      value: "2026-11-22 19:07:16.123456+00",
      id,
    });
    expect(decodeCursor(raw, "amount")).toBeNull();
    expect(
      decodeCursor(encodeCursor({ direction: "before", sort: "nextSend", value: null, id }), "nextSend")?.value,
    ).toBeNull();
  });

  test.each([
    "",
    "garbage",
    Buffer.from('["a","created","drop table",1]').toString("base64url"),
    Buffer.from(`["a","amount","12","${id}"]`).toString("base64url"),
  ])("a tampered cursor %j means the first page", (raw) => {
    expect(decodeCursor(raw, "created")).toBeNull();
  });
});
