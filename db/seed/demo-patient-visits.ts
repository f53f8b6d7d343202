const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface DemoPatientVisit {
  kind: "link_opened" | "identity_check";
  summary: string;
  occurredAt: Date;
}

/**
 * The patient's side of a demo set's link: a paid set's patient opened it and confirmed
 * their date of birth an hour before paying; an active set's patient opened it once, three
 * hours after the second reminder. Only after a message went out and before now.
 */
export function demoPatientVisits(set: {
  status: string;
  closedAt: Date | null;
  sentAt: Date[];
  now: Date;
}): DemoPatientVisit[] {
  const { status, closedAt, now } = set;
  const sent = set.sentAt.map((at) => at.getTime());
  if (status === "paid" && closedAt && closedAt < now && sent.some((at) => at < closedAt.getTime() - HOUR)) {
    const openedAt = closedAt.getTime() - HOUR;
    return [
      { kind: "link_opened", summary: "Patient opened the statement link", occurredAt: new Date(openedAt) },
      {
        kind: "identity_check",
        summary: "Identity confirmed: date of birth matched",
        occurredAt: new Date(openedAt + 2 * MINUTE),
      },
    ];
  }
  const second = sent[1];
  if (status === "active" && second !== undefined && second + 3 * HOUR < now.getTime()) {
    return [
      { kind: "link_opened", summary: "Patient opened the statement link", occurredAt: new Date(second + 3 * HOUR) },
    ];
  }
  return [];
}
