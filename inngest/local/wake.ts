/**
 * The in-process scheduler's doorbell. Kept on globalThis: Next.js bundles
 * instrumentation.ts and the routes separately, so a module variable would not be shared.
 */
const holder = globalThis as unknown as { clinicBillingOutreachBell?: { listener?: () => void; pending: boolean } };
holder.clinicBillingOutreachBell ??= { pending: false };
const bell = holder.clinicBillingOutreachBell;

/** The scheduler listens while it sleeps; a ring that came while it was busy wakes the next sleep at once. */
export function onLocalEngineWake(listener: (() => void) | undefined): boolean {
  bell.listener = listener;
  if (listener && bell.pending) {
    bell.pending = false;
    return true;
  }
  return false;
}

/** Due work was just committed: run it now rather than at the next poll. */
export function wakeLocalEngine() {
  if (bell.listener) bell.listener();
  else bell.pending = true;
}
