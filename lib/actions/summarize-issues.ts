import type { z } from "zod";

/** What a missing field "needs", by its key in any form. */
const NEEDS: Record<string, string> = {
  code: "a code",
  description: "a description",
  quantity: "a quantity",
  unitPrice: "a unit price",
  amount: "an amount",
  title: "a title",
  template: "a message",
};

const words = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const singular = (key: string) => capitalize(words(key).replace(/ies$/, "y").replace(/s$/, ""));
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function isMissing(issue: z.core.$ZodIssue): boolean {
  return (
    (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1) ||
    (issue.code === "invalid_type" && issue.input === undefined)
  );
}

/**
 * One issue in words, never a path: an item of a list is named by its place ("Charge 2
 * needs a description.", "Charge 3, unit price: Enter an amount like 125.00."); a top-level
 * field's own message already says what is wrong.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  const at = issue.path.findLastIndex((part) => typeof part === "number");
  const field = path.length > 0 && at !== path.length - 1 ? path[path.length - 1] : undefined;
  const list = at > 0 ? path[at - 1] : undefined;
  if (!list) return sentence(issue.message);
  const owner = `${singular(list)} ${Number(path[at]) + 1}`;
  if (!field) return `${owner}: ${sentence(issue.message)}`;
  const need = NEEDS[field];
  if (need && isMissing(issue)) return `${owner} needs ${need}.`;
  return `${owner}, ${words(field)}: ${sentence(issue.message)}`;
}

/** The summary above a refused form: up to three problems in words, then how many more. */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const sentences = [...new Set(issues.map(describeIssue))];
  if (sentences.length === 0) return "Check the highlighted fields.";
  const shown = sentences.slice(0, 3).join(" ");
  const more = sentences.length - 3;
  return more > 0 ? `${shown} And ${more} more ${more === 1 ? "problem" : "problems"} below.` : shown;
}
