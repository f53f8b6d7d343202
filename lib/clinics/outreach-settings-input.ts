import { z } from "zod";

/** The widest window allowed without "Allow any hour (testing only)": 8:00–21:00 in the patient's zone. */
export const SAFE_WINDOW = { startMinute: 8 * 60, endMinute: 21 * 60 } as const;

export const WEEKDAYS = [
  { value: 1, label: "Mon" },
  { value: 2, label: "Tue" },
  { value: 3, label: "Wed" },
  { value: 4, label: "Thu" },
  { value: 5, label: "Fri" },
  { value: 6, label: "Sat" },
  { value: 7, label: "Sun" },
] as const;

const time = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, `Enter the ${label} as a time, e.g. 09:00.`)
    .transform((value) => {
      const [hours = 0, minutes = 0] = value.split(":").map(Number);
      return hours * 60 + minutes;
    });

/** An HTML checkbox: "on" when ticked, absent when not. */
const checkbox = z
  .union([z.enum(["on", "true", "false"]), z.boolean()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** The Outreach section of /settings, as the form posts it. */
export const outreachSettingsSchema = z
  .object({
    sendWindowStart: time("send window start"),
    sendWindowEnd: time("send window end"),
    "sendDays[]": z
      .union([z.string(), z.array(z.string())], { error: "Choose at least one send day." })
      .transform((value) => (Array.isArray(value) ? value : [value]).map(Number))
      .pipe(
        z
          .array(z.number().int().min(1, "Unknown weekday.").max(7, "Unknown weekday."))
          .min(1, "Choose at least one send day."),
      ),
    showAmountInMessages: checkbox,
    sendsPerMinute: z.coerce
      .number("Enter a whole number of sends per minute.")
      .int("Enter a whole number of sends per minute.")
      .min(1, "Sends per minute must be at least 1.")
      .max(1000, "Sends per minute can be at most 1,000."),
    allowAnyHour: checkbox,
  })
  .superRefine((input, ctx) => {
    if (input.sendWindowStart >= input.sendWindowEnd)
      ctx.addIssue({ code: "custom", path: ["sendWindowEnd"], message: "The window must end after it starts." });
    if (input.allowAnyHour) return;
    if (input.sendWindowStart < SAFE_WINDOW.startMinute)
      ctx.addIssue({
        code: "custom",
        path: ["sendWindowStart"],
        message: "Messages can't start before 8:00 unless “Allow any hour (testing only)” is ticked.",
      });
    if (input.sendWindowEnd > SAFE_WINDOW.endMinute)
      ctx.addIssue({
        code: "custom",
        path: ["sendWindowEnd"],
        message: "Messages can't go after 21:00 unless “Allow any hour (testing only)” is ticked.",
      });
  })
  .transform(({ "sendDays[]": days, ...rest }) => ({ ...rest, sendDays: [...new Set(days)].sort((a, b) => a - b) }));

export type OutreachSettingsInput = z.output<typeof outreachSettingsSchema>;

export function minuteToTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
