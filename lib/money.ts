/** Money is integer cents everywhere; these are the only conversions to and from text. */

const DOLLARS_PATTERN = /^\$?\s*(\d{1,3}(?:,\d{3})*|\d+)?(?:\.(\d{1,2}))?$/;

/** "1,234.5" → 123450. Returns null for anything that is not a plain non-negative amount. */
export function parseDollarsToCents(input: string): number | null {
  const text = input.trim();
  if (text === "" || text === "$" || text === ".") return null;
  const match = DOLLARS_PATTERN.exec(text);
  if (!match) return null;
  const whole = (match[1] ?? "0").replaceAll(",", "");
  const fraction = (match[2] ?? "").padEnd(2, "0");
  const cents = Number(whole) * 100 + Number(fraction || "0");
  return Number.isSafeInteger(cents) ? cents : null;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** 123450 → "$1,234.50". Formats from integers, so no float rounding reaches the screen. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, "0");
  return `${sign}${usd.format(whole).replace(/\.00$/, "")}.${fraction}`;
}

/** 12550 → "125.50", 12500 → "125": dollars as typed in an input or URL (no $ or commas). */
export function formatCentsPlain(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  return `${sign}${fraction === 0 ? whole : `${whole}.${String(fraction).padStart(2, "0")}`}`;
}

export function sumCents(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
