import { z } from "zod";
import { type AppErrorCode, isAppError } from "@/lib/errors";

/** The one error shape of /api/v1. `fields` maps a body path ("charges.0.quantity") to its problems. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "invalid_request" }),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .meta({ id: "Error" });

const STATUS: Record<AppErrorCode | "invalid_request", number> = {
  invalid_request: 400,
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export function apiError(
  code: keyof typeof STATUS,
  message: string,
  fields?: Record<string, string[]>,
  headers?: Record<string, string>,
): Response {
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status: STATUS[code], headers: { "Cache-Control": "no-store", ...headers } },
  );
}

export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

/** Any thrown error as an API response; unknown errors are logged and never described. */
export function toApiErrorResponse(error: unknown): Response {
  if (isAppError(error)) return apiError(error.code, error.message, error.fieldErrors);
  if (error instanceof z.ZodError) {
    return apiError("invalid_request", "The request body is not valid; see fields.", zodFields(error));
  }
  console.error("Unexpected error in /api/v1", error);
  return apiError("unavailable", "Something went wrong on our side. Nothing was changed; please try again.");
}
