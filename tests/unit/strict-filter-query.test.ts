import { describe, expect, test } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/invoice-sets/keyset-cursor";
import { loadInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";
import { strictFiltersFromQuery } from "@/lib/invoice-sets/strict-filter-query";

describe("bulk select-all filters are read strictly", () => {
  test.each([
    "status=garbage",
    "status=active,garbage",
    "amountMin=99999999999",
    "amountMax=-5",
    "createdFrom=0000-01-01",
    "createdTo=2026-02-30",
    "sendFrom=tomorrow",
    "ruleSet=not-a-uuid",
  ])("%s is refused, never widened to every set", (query) => {
    expect(() => strictFiltersFromQuery(query)).toThrow("could not be read");
  });

  test("readable filters pass through; a NUL in the search is dropped", () => {
    const filters = strictFiltersFromQuery("?q=Riv%00era&status=active,paused&amountMin=10&createdFrom=2026-01-31");
    expect(filters).toMatchObject({
      q: "Rivera",
      status: ["active", "paused"],
      amountMin: 1000,
      createdFrom: "2026-01-31",
    });
  });
});

describe("page parameters are bounded to what the database accepts", () => {
  test("an out-of-range amount or an impossible day is no filter on the page", () => {
    const params = loadInvoiceSetSearchParams("?amountMin=99999999999&createdFrom=0000-01-01&q=%00");
    expect(params).toMatchObject({ amountMin: null, createdFrom: null, q: "" });
  });

  test("a keyset cursor beyond int4 or with an impossible time decodes to the first page", () => {
    const id = "5f0c1f3e-8f5d-4a43-9a55-0c1f4a6b7e21";
    expect(decodeCursor(encodeCursor({ direction: "after", sort: "amount", value: 2 ** 40, id }), "amount")).toBeNull();
    expect(
      decodeCursor(
        encodeCursor({ direction: "after", sort: "created", value: "0000-13-45 99:99:99+00", id }),
        "created",
      ),
    ).toBeNull();
    expect(decodeCursor(encodeCursor({ direction: "after", sort: "amount", value: 500, id }), "amount")).toMatchObject({
      value: 500,
    });
  });
});
