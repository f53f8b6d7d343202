import { describe, expect, test } from "vitest";
import { summarizeIssues } from "@/lib/actions/summarize-issues";
import { draftInputSchema } from "@/lib/invoices/draft-input";

const charge = (values: Partial<Record<"code" | "description" | "quantity" | "unitPrice", string>>) => ({
  code: "",
  description: "",
  quantity: "1",
  unitPrice: "",
  ...values,
});

describe("draft charges", () => {
  test("a completely empty charge row is ignored", () => {
    const result = draftInputSchema.parse({
      charges: [charge({ code: "D0120", description: "Exam", unitPrice: "65" }), charge({}), charge({ quantity: "" })],
    });
    expect(result.charges).toEqual([{ code: "D0120", description: "Exam", quantity: 1, unitPrice: 6500 }]);
  });

  test("the charge code is optional", () => {
    const result = draftInputSchema.parse({ charges: [charge({ description: "Self-pay visit", unitPrice: "80" })] });
    expect(result.charges).toEqual([{ code: "", description: "Self-pay visit", quantity: 1, unitPrice: 8000 }]);
  });

  test("errors keep the row's place on the form when a blank row sits above", () => {
    const result = draftInputSchema.safeParse({
      charges: [charge({}), charge({ code: "D1110", unitPrice: "90" })],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["charges", 1, "description"]]);
  });
});

describe("summarizeIssues", () => {
  test.each([
    [{ charges: [charge({ unitPrice: "50" })] }, "Charge 1 needs a description."],
    [{ charges: [charge({ description: "Exam" })] }, "Charge 1 needs a unit price."],
    [
      { charges: [charge({ description: "Exam", unitPrice: "12,,5" })] },
      "Charge 1, unit price: Enter an amount like 125.00.",
    ],
    [{ charges: [charge({ description: "Exam", unitPrice: "5", quantity: "0" })] }, "Charge 1, quantity: At least 1."],
    [{ charges: [] }, "Choose a patient or add a charge to save a draft."],
    [{ charges: [charge({ description: "Exam", unitPrice: "5" })], dueDate: "soon" }, "Enter a date as YYYY-MM-DD."],
  ])("%j → %s", (input, expected) => {
    const result = draftInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    const summary = summarizeIssues(result.error?.issues ?? []);
    expect(summary).toBe(expected);
    expect(summary).not.toMatch(/charges\.\d|\.code|unitPrice/);
  });

  test("more than three problems are counted, not listed", () => {
    const result = draftInputSchema.safeParse({
      charges: [charge({ code: "A" }), charge({ code: "B" }), charge({ code: "C" })],
    });
    expect(summarizeIssues(result.error?.issues ?? [])).toBe(
      "Charge 1 needs a description. Charge 1 needs a unit price. Charge 2 needs a description. And 3 more problems below.",
    );
  });
});
