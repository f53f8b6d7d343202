/**
 * A payment plan's schedule, computed from what staff (or the patient) chose. Pure: the
 * dialog's live preview and the server that saves the plan run the same code. Amounts are
 * integer cents and always add up to the plan total exactly; dates are calendar dates
 * (YYYY-MM-DD) in the clinic's time zone.
 */

export const PAYMENT_PLAN_FREQUENCIES = ["weekly", "biweekly", "monthly"] as const;
export type PaymentPlanFrequency = (typeof PAYMENT_PLAN_FREQUENCIES)[number];

export const PAYMENT_PLAN_FREQUENCY_LABELS: Record<PaymentPlanFrequency, string> = {
  weekly: "Weekly",
  biweekly: "Every two weeks",
  monthly: "Monthly",
};

/** No plan runs longer than this many installments. */
export const MAX_INSTALLMENTS = 60;
/** The first installment may be at most this many days out. */
const MAX_FIRST_DATE_DAYS = 90;

export interface ScheduleRequest {
  totalCents: number;
  /** Paid up front, due today; 0 for none. */
  downPaymentCents: number;
  /** Either how many installments, or how much each (the last absorbs the rest). */
  split: { kind: "count"; count: number } | { kind: "amount"; amountCents: number };
  frequency: PaymentPlanFrequency;
  /** The first installment's date. */
  firstDueOn: string;
  /** Today in the clinic's zone. */
  today: string;
  minInstallmentCents: number;
}

export interface ScheduledInstallment {
  seq: number;
  dueOn: string;
  amountCents: number;
  isDownPayment: boolean;
}

export type ScheduleField = "totalCents" | "downPaymentCents" | "count" | "amountCents" | "firstDueOn";
export type ScheduleResult =
  | { ok: true; installments: ScheduledInstallment[] }
  | { ok: false; field: ScheduleField; message: string };

const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function parseDate(value: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d };
}

function formatDate(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  const p = parseDate(date);
  if (!p) throw new Error(`Not a calendar date: ${date}`);
  return formatDate(p.y, p.m, p.d + days);
}

/**
 * The n-th due date after `first` (n = 0 is `first`). Monthly keeps the first date's day
 * of month, moved to the month's last day when the month is shorter (Jan 31 → Feb 28 → Mar 31).
 */
export function nthDueDate(first: string, frequency: PaymentPlanFrequency, n: number): string {
  const p = parseDate(first);
  if (!p) throw new Error(`Not a calendar date: ${first}`);
  if (frequency === "weekly") return formatDate(p.y, p.m, p.d + 7 * n);
  if (frequency === "biweekly") return formatDate(p.y, p.m, p.d + 14 * n);
  const monthIndex = p.m - 1 + n;
  const y = p.y + Math.floor(monthIndex / 12);
  const m = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatDate(y, m, Math.min(p.d, lastDay));
}

/** Splits `remaining` into installment amounts per the request, or says why it can't. */
function splitAmounts(remaining: number, request: ScheduleRequest): number[] | Extract<ScheduleResult, { ok: false }> {
  const min = request.minInstallmentCents;
  if (request.split.kind === "count") {
    const { count } = request.split;
    if (!Number.isInteger(count) || count < 1 || count > MAX_INSTALLMENTS)
      return { ok: false, field: "count", message: `Choose between 1 and ${MAX_INSTALLMENTS} installments.` };
    const base = Math.floor(remaining / count);
    if (base < min && count > 1)
      return {
        ok: false,
        field: "count",
        message: `${count} installments would be ${dollars(base)} each; the clinic's minimum is ${dollars(min)}. Choose fewer installments.`,
      };
    // Equal parts; the last absorbs the rounding.
    return [...Array.from({ length: count - 1 }, () => base), remaining - base * (count - 1)];
  }
  const { amountCents } = request.split;
  if (!Number.isInteger(amountCents) || amountCents <= 0)
    return { ok: false, field: "amountCents", message: "Enter an amount per installment above $0.00." };
  if (amountCents < min && amountCents < remaining)
    return { ok: false, field: "amountCents", message: `The clinic's smallest installment is ${dollars(min)}.` };
  const full = Math.floor(remaining / amountCents);
  const rest = remaining - full * amountCents;
  const parts = Array.from({ length: full }, () => amountCents);
  // A remainder under the minimum joins the last installment instead of standing alone.
  if (rest > 0 && rest < min && parts.length > 0) parts[parts.length - 1] = amountCents + rest;
  else if (rest > 0) parts.push(rest);
  if (parts.length > MAX_INSTALLMENTS)
    return {
      ok: false,
      field: "amountCents",
      message: `That would take ${parts.length} installments; the most is ${MAX_INSTALLMENTS}. Enter a larger amount.`,
    };
  return parts;
}

export function computeSchedule(request: ScheduleRequest): ScheduleResult {
  const { totalCents, downPaymentCents, today } = request;
  if (!Number.isInteger(totalCents) || totalCents <= 0)
    return { ok: false, field: "totalCents", message: "There is nothing owed to spread over a plan." };
  if (!Number.isInteger(downPaymentCents) || downPaymentCents < 0)
    return { ok: false, field: "downPaymentCents", message: "Enter a down payment of $0.00 or more." };
  if (downPaymentCents >= totalCents)
    return {
      ok: false,
      field: "downPaymentCents",
      message: `The down payment must be less than the ${dollars(totalCents)} the plan covers.`,
    };
  if (!parseDate(request.firstDueOn))
    return { ok: false, field: "firstDueOn", message: "Enter the first payment date as a calendar date." };
  if (request.firstDueOn < today)
    return { ok: false, field: "firstDueOn", message: "The first payment date can't be in the past." };
  if (request.firstDueOn > addCalendarDays(today, MAX_FIRST_DATE_DAYS))
    return {
      ok: false,
      field: "firstDueOn",
      message: `The first payment date must be within ${MAX_FIRST_DATE_DAYS} days.`,
    };

  const amounts = splitAmounts(totalCents - downPaymentCents, request);
  if (!Array.isArray(amounts)) return amounts;
  const installments: ScheduledInstallment[] = [];
  if (downPaymentCents > 0)
    installments.push({ seq: 0, dueOn: today, amountCents: downPaymentCents, isDownPayment: true });
  amounts.forEach((amountCents, n) => {
    installments.push({
      seq: installments.length,
      dueOn: nthDueDate(request.firstDueOn, request.frequency, n),
      amountCents,
      isDownPayment: false,
    });
  });
  return { ok: true, installments };
}

/**
 * Which installments the payments made so far cover, in order: an installment counts as
 * paid once the running total of amounts up to it is covered. Returns the paid cents per
 * installment (partially covered ones get the part).
 */
export function coverInstallments(amounts: readonly number[], paidCents: number): number[] {
  let left = Math.max(0, paidCents);
  return amounts.map((amount) => {
    const part = Math.min(amount, left);
    left -= part;
    return part;
  });
}
