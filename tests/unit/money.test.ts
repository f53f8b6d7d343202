import { describe, expect, test } from "vitest";
import { formatCents, parseDollarsToCents, sumCents } from "@/lib/money";

describe("money in cents", () => {
  test.each([
    ["12.34", 1234],
    ["$1,234.5", 123450],
    ["0.01", 1],
    [".5", 50],
    ["100", 10000],
    [" 7.00 ", 700],
  ])("parses %s as %i cents", (input, cents) => {
    expect(parseDollarsToCents(input)).toBe(cents);
  });

  test.each(["", "abc", "1.234", "-5", "1,23.00", "$", "1e3"])("refuses %s", (input) => {
    expect(parseDollarsToCents(input)).toBeNull();
  });

  test.each([
    [0, "$0.00"],
    [5, "$0.05"],
    [123456, "$1,234.56"],
    [-250, "-$2.50"],
  ])("formats %i as %s", (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  test("a thousand one-cent payments add up to exactly $10.00", () => {
    expect(sumCents(Array.from({ length: 1000 }, () => 1))).toBe(1000);
    expect(formatCents(sumCents(Array.from({ length: 3 }, () => 3333)) + 1)).toBe("$100.00");
  });
});
