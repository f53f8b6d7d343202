/** 12550 → "125.50", 12500 → "125": dollars as typed in a filter box or URL (no $ or commas). */
export function formatCentsPlain(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0")}`;
}

/** "3 resume in the next 7 days" (paused sets with a "Pause until" date). */
export function resumingSoonText(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "resumes" : "resume"} in the next 7 days`;
}
