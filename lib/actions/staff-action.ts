import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { authorizeStaff, type StaffContext } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { AppError, type AppErrorCode, isAppError } from "@/lib/errors";
import { summarizeIssues } from "./summarize-issues";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> };

function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((value): value is string => typeof value === "string");
    result[key] = values.length > 1 || key.endsWith("[]") ? values : values[0];
  }
  return result;
}

/** Postgres text can't hold a NUL byte: every string of every action's input loses them before zod. */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNul(item)]));
  }
  return value;
}

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
  console.error(
    "Unexpected error in a server action",
    error instanceof Error ? (error.stack ?? error.message) : "unknown",
  );
  return {
    ok: false,
    code: "unavailable",
    message: "Something went wrong on our side. Nothing was changed; please try again.",
  };
}

/**
 * Every staff server action goes through here, in order: who is signed in and whether
 * their role allows it (re-checked against the database), then zod on the input, then
 * the use case. Returns a result object instead of throwing, so the UI can say exactly
 * what happened or why not.
 */
export function staffAction<TSchema extends z.ZodType, TResult>(
  config: { permission: Permission; input: TSchema },
  handler: (input: z.output<TSchema>, staff: StaffContext) => Promise<TResult>,
): (input: z.input<TSchema> | FormData) => Promise<ActionResult<TResult>> {
  return async (raw) => {
    try {
      const staff = await authorizeStaff(config.permission);
      const parsed = config.input.safeParse(withoutNul(raw instanceof FormData ? formDataToObject(raw) : raw));
      if (!parsed.success) return toActionFailure(parsed.error);
      return { ok: true, data: await handler(parsed.data, staff) };
    } catch (error) {
      unstable_rethrow(error);
      return toActionFailure(error);
    }
  };
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} was not found. It may have been deleted, or it belongs to another clinic.`);
}
