import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;

// ~49,000 common passwords shipped with @zxcvbn-ts/language-common (no network call).
let common: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}

/** Parts of a name or email long enough that containing them makes a password guessable. */
function personalWords(context: { name?: string | null; email?: string | null }): string[] {
  const local = context.email?.split("@")[0] ?? "";
  const words = [local, ...(context.name ?? "").split(/\s+/), ...local.split(/[._+-]/)];
  return words.map((word) => word.trim().toLowerCase()).filter((word) => word.length >= 3);
}

/** Why this password is refused on its own (length, a common password), or null. */
function basicPasswordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return "Use 200 characters or fewer.";
  if (isCommonPassword(password)) return "That password is too common. Choose another.";
  return null;
}

/** Why this password is refused, or null. At least 12 characters, not common, not the person's name or email. */
export function passwordProblem(password: string, context: { name?: string | null; email?: string | null }) {
  const basic = basicPasswordProblem(password);
  if (basic) return basic;
  const lower = password.toLowerCase();
  if (personalWords(context).some((word) => lower.includes(word))) {
    return "Don't use your name or email address in your password.";
  }
  return null;
}

/**
 * The checks that need the rest of the form: not the person's name or email, and the two
 * passwords match. Length and common passwords are checked on the field itself, so they show
 * even while other fields are wrong. `context` says whose password it is.
 */
export function refinePassword<T extends { password: string; confirmPassword: string }>(
  value: T,
  ctx: z.RefinementCtx,
  context: { name?: string | null; email?: string | null },
) {
  const problem = basicPasswordProblem(value.password) ? null : passwordProblem(value.password, context);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords don't match." });
  }
}

export const passwordFields = {
  password: z.string().superRefine((value, ctx) => {
    const problem = basicPasswordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  confirmPassword: z.string().max(200),
};
