import { describe, expect, test } from "vitest";
import { countSmsSegments } from "@/lib/outreach/sms-segments";

describe("countSmsSegments", () => {
  test.each([
    ["empty", "", "GSM-7", 0, 0],
    ["160 GSM characters fit one segment", "a".repeat(160), "GSM-7", 160, 1],
    ["161 GSM characters need two (153 each)", "a".repeat(161), "GSM-7", 161, 2],
    ["306 fit two, 307 need three", "a".repeat(307), "GSM-7", 307, 3],
    ["459 fit three", "a".repeat(459), "GSM-7", 459, 3],
    ["460 need four", "a".repeat(460), "GSM-7", 460, 4],
    ["extension characters count twice", "€".repeat(80), "GSM-7", 160, 1],
    ["one more extension character tips it over", "€".repeat(81), "GSM-7", 162, 2],
    ["70 UCS-2 characters fit one segment", `${"é".repeat(69)}ł`, "UCS-2", 70, 1],
    ["71 UCS-2 characters need two (67 each)", "ł".repeat(71), "UCS-2", 71, 2],
    ["an emoji is two UTF-16 units", "Hi 😀", "UCS-2", 5, 1],
    ["curly quotes force UCS-2", "It’s due", "UCS-2", 8, 1],
    ["202 UCS-2 units need four", "ł".repeat(202), "UCS-2", 202, 4],
  ])("%s", (_name, text, encoding, units, segments) => {
    expect(countSmsSegments(text)).toEqual({ encoding, units, segments });
  });
});
