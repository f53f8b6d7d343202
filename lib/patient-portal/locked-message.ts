import { formatPhone } from "@/lib/format/phone";

/** What a patient reads while the date-of-birth check is locked. */
export function lockedMessage(lockedUntil: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return `Too many wrong answers. For your security, please try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or call the clinic.`;
}

/** What a patient reads when too many wrong answers revoked the link for good. */
export function revokedMessage(clinicPhone: string | null): string {
  const call = clinicPhone ? `call the clinic at ${formatPhone(clinicPhone)}` : "call the clinic";
  return `For your security, this link has been closed after too many attempts. Nothing has been shown. Please ${call} and they will send you a new link or take your payment by phone.`;
}
