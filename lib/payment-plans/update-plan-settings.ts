import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { clinics } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { changedFields } from "@/lib/clinics/update-clinic-settings";
import { AppError } from "@/lib/errors";
import { parseDollarsToCents } from "@/lib/money";

/** The "Payment plans" section of /settings as the form sends it (missing optional fields keep their defaults). */
export const planSettingsSchema = z.object({
  minInstallment: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const cents = parseDollarsToCents(value);
      if (cents === null || cents < 100 || cents > 1_000_000) {
        ctx.addIssue({ code: "custom", message: "Enter an amount from $1.00 to $10,000, like 25." });
        return z.NEVER;
      }
      return cents;
    }),
  patientPlanMonths: z
    .string()
    .trim()
    .max(40)
    .transform((value, ctx) => {
      const parts =
        value === ""
          ? []
          : value
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number);
      if (parts.some((n) => !Number.isInteger(n) || n < 2 || n > 24)) {
        ctx.addIssue({ code: "custom", message: "List whole months from 2 to 24, like 3, 6, 12 (or leave empty)." });
        return z.NEVER;
      }
      return [...new Set(parts)].sort((a, b) => a - b);
    }),
  /** "Charge Card" steps charge at most this much at once; empty = the whole balance. */
  cardChargeMax: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return null;
      const cents = parseDollarsToCents(value);
      if (cents === null || cents < 100 || cents > 10_000_000) {
        ctx.addIssue({
          code: "custom",
          message: "Enter an amount from $1.00 to $100,000, like 500 (or leave empty for the whole balance).",
        });
        return z.NEVER;
      }
      return cents;
    }),
  installmentReminderDays: z
    .string()
    .trim()
    .default("3")
    .transform((value, ctx) => {
      const days = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
      if (!(days >= 0 && days <= 30)) {
        ctx.addIssue({ code: "custom", message: "Enter whole days from 0 (on the due date) to 30." });
        return z.NEVER;
      }
      return days;
    }),
});
export type PlanSettings = z.output<typeof planSettingsSchema>;

/** Saves the clinic's payment plan and card charge settings and audits the change (before → after). */
export async function updatePlanSettings(
  tx: Executor,
  params: { clinicId: string; actor: Actor; settings: PlanSettings },
): Promise<{ changed: string[] }> {
  const [current] = await tx
    .select({
      minInstallmentCents: clinics.minInstallmentCents,
      patientPlanMonths: clinics.patientPlanMonths,
      cardChargeMaxCents: clinics.cardChargeMaxCents,
      installmentReminderDays: clinics.installmentReminderDays,
    })
    .from(clinics)
    .where(eq(clinics.id, params.clinicId))
    .for("update");
  if (!current) throw new AppError("not_found", "This clinic was not found.");
  const next = {
    minInstallmentCents: params.settings.minInstallment,
    patientPlanMonths: params.settings.patientPlanMonths.join(","),
    cardChargeMaxCents: params.settings.cardChargeMax,
    installmentReminderDays: params.settings.installmentReminderDays,
  };
  const diff = changedFields({ ...current, patientPlanMonths: current.patientPlanMonths.join(",") }, next);
  if (diff.changed.length === 0) return { changed: [] };
  await tx
    .update(clinics)
    .set({ ...next, patientPlanMonths: params.settings.patientPlanMonths })
    .where(eq(clinics.id, params.clinicId));
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "clinic.update_plan_settings",
    entityType: "clinic",
    entityId: params.clinicId,
    before: diff.before,
    after: diff.after,
  });
  return { changed: diff.changed };
}
