import { z } from "zod";
import { type AppErrorCode, isAppError } from "@/lib/errors";
import { redactError } from "@/lib/security/redact-errors";
import { summarizeIssues } from "./summarize-issues";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> };

function toFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return fieldErrors;
}

/** Turns any thrown error into a refusal the user can read; unknown errors are logged, not shown. */
export function toActionFailure(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (isAppError(error)) {
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  if (error instanceof z.ZodError) {
    return {
      ok: false,
      code: "invalid_input",
      message: summarizeIssues(error.issues),
      fieldErrors: toFieldErrors(error),
    };
  }
  // The message and stack only: never the input, query parameters or patient data.
  const logged = redactError(error);
  console.error(
    "Unexpected error in a server action",
    logged instanceof Error ? (logged.stack ?? logged.message) : "unknown",
  );
  return {
    ok: false,
    code: "unavailable",
    message: "Something went wrong on our side. Nothing was changed; please try again.",
  };
}
