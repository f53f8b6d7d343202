import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { authorizeStaff, type StaffContext } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { type ActionResult, toActionFailure } from "./action-failure";

export { type ActionResult, toActionFailure };

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
