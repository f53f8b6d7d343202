import { z } from "zod";

const part = (max: number, label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .regex(/^\d{1,4}$/, `Enter the ${label} as a number.`)
    .transform(Number)
    .pipe(z.number().int().min(1, `Enter a real ${label}.`).max(max, `Enter a real ${label}.`));

const dateOfBirthSchema = z.object({
  month: part(12, "month"),
  day: part(31, "day"),
  year: part(9999, "year"),
});

/**
 * Three form fields → "YYYY-MM-DD". A malformed or impossible date is a typing mistake,
 * not a wrong answer, so it never counts against the patient's tries.
 */
export function parseDateOfBirth(
  raw: { month: unknown; day: unknown; year: unknown },
  today = new Date(),
): { ok: true; value: string } | { ok: false; message: string } {
  const parsed = dateOfBirthSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Enter your date of birth." };
  const { month, day, year } = parsed.data;
  if (year < 1900 || year > today.getUTCFullYear())
    return { ok: false, message: "Enter the year with four digits, for example 1985." };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, message: "That date doesn't exist. Check the month and day." };
  }
  if (date.getTime() > today.getTime()) return { ok: false, message: "The date of birth can't be in the future." };
  return { ok: true, value: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}
