/** What a patient reads while the date-of-birth check is locked. */
export function lockedMessage(lockedUntil: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return `Too many wrong answers. For your security, please try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or call the clinic.`;
}
