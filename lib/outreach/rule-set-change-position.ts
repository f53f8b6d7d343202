/**
 * Where a set's sequence continues after Change Rule Set (for the invoice set action).
 * An Expired set restarts a new cycle from the first rule, counted from now. Otherwise the
 * set keeps its start date and goes on at the first rule of the new set that is not yet
 * past due; earlier rules are skipped rather than sent in a burst. Rules already sent in
 * this cycle keep their message keys, so switching back never sends one twice.
 */
export function positionAfterRuleSetChange(params: {
  status: string;
  sequenceStartedAt: Date;
  sequenceCycle: number;
  /** The new rule set's rule delays, in days. */
  ruleDelays: readonly number[];
  now: Date;
}): { sequenceStep: number; sequenceCycle: number; sequenceStartedAt: Date; nextSendAt: null } {
  if (params.status === "expired") {
    return { sequenceStep: 0, sequenceCycle: params.sequenceCycle + 1, sequenceStartedAt: params.now, nextSendAt: null };
  }
  const elapsedDays = Math.floor((params.now.getTime() - params.sequenceStartedAt.getTime()) / 86_400_000);
  const sorted = [...params.ruleDelays].sort((a, b) => a - b);
  const next = sorted.findIndex((delay) => delay >= elapsedDays);
  return {
    sequenceStep: next === -1 ? sorted.length : next,
    sequenceCycle: params.sequenceCycle,
    sequenceStartedAt: params.sequenceStartedAt,
    nextSendAt: null,
  };
}
