import { z } from "zod";
import type { InvoiceSetSort } from "./search-params";

/**
 * A keyset cursor: the sort key and id of the row a page starts after (or ends before).
 * Depth-independent: page 40,000 costs what page 1 costs. Encoded as base64url JSON so
 * it fits the URL; anything that doesn't decode is treated as "first page".
 */
export interface KeysetCursor {
  /** "after" = the next page, "before" = the previous page. */
  direction: "after" | "before";
  sort: InvoiceSetSort;
  /** ISO time for created / nextSend, cents for amount; null for a set with no send time. */
  value: string | number | null;
  id: string;
}

const cursorSchema = z.tuple([
  z.enum(["a", "b"]),
  z.enum(["created", "amount", "nextSend"]),
  // Bounded to the columns' ranges (int4 cents), so a forged cursor never reaches Postgres as an error.
  z.union([z.string().max(40), z.number().int().min(-2_147_483_648).max(2_147_483_647), z.null()]),
  z.uuid(),
]);

/** A timestamptz as Postgres prints it ("2026-11-22 19:07:16.123456+00"). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

function isRealTimestamp(value: string): boolean {
  if (!TIMESTAMP.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  const second = Number(value.slice(17, 19));
  return (
    year >= 1900 &&
    year <= 2200 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

export function encodeCursor(cursor: KeysetCursor): string {
  const tuple = [cursor.direction === "after" ? "a" : "b", cursor.sort, cursor.value, cursor.id];
  return Buffer.from(JSON.stringify(tuple), "utf8").toString("base64url");
}

export function decodeCursor(raw: string | null, sort: InvoiceSetSort): KeysetCursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    const [direction, cursorSort, value, id] = parsed.data;
    // A cursor made for another sort (the user re-sorted) starts from the first page.
    if (cursorSort !== sort) return null;
    if (
      sort === "amount"
        ? typeof value !== "number"
        : value !== null && (typeof value !== "string" || !isRealTimestamp(value))
    ) {
      return null;
    }
    if (sort !== "nextSend" && value === null) return null;
    return { direction: direction === "a" ? "after" : "before", sort, value, id };
  } catch {
    return null;
  }
}
