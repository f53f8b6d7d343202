import { z } from "zod";

const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [year = 0, month = 0, day = 0] = value.split("-").map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  });

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** The audit viewer's filters from a query string; anything malformed is dropped, never widened into an error. */
export const auditFiltersSchema = z.object({
  person: z.preprocess(one, z.uuid().optional().catch(undefined)),
  patient: z.preprocess(
    one,
    z
      .string()
      .transform((value) => value.replaceAll("\u0000", "").trim().slice(0, 100))
      .optional()
      .catch(undefined),
  ),
  action: z.preprocess(
    one,
    z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,60}$/)
      .optional()
      .catch(undefined),
  ),
  from: z.preprocess(one, realDate.optional().catch(undefined)),
  to: z.preprocess(one, realDate.optional().catch(undefined)),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The filters as a query string, for "Export CSV" and links. */
export function auditFiltersQuery(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
