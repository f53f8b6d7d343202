import type { InngestFunction } from "inngest";
import { defaultDeps } from "./default-deps";
import { createFailSetFunction } from "./fail-set-on-delivery-failure";
import { flagPastDue } from "./flag-past-due";
import { createContactChangedFunction } from "./on-patient-contact-changed";
import { paymentPlanPass } from "./payment-plans";
import { createReconcileFunction } from "./reconcile-sequences";
import { resumePausedSets } from "./resume-paused-sets";
import { createResendFunction, createRetryFunction } from "./retry-temporary-failure";
import { createSequenceFunction } from "./run-invoice-set-sequence";
import { createSendRuleFunction } from "./send-outreach-rule";
import { sendReceiptFunction } from "./send-receipt";
import { settleOverviews } from "./settle-overviews";

const sendOutreachRule = createSendRuleFunction(defaultDeps);
const resend = createResendFunction(defaultDeps);

/** Every Inngest function the app serves at /api/inngest (OUTREACH_ENGINE=inngest). */
export const functions: InngestFunction.Any[] = [
  flagPastDue,
  createSequenceFunction(defaultDeps, sendOutreachRule),
  sendOutreachRule,
  createReconcileFunction(defaultDeps),
  createContactChangedFunction(defaultDeps),
  createRetryFunction(defaultDeps, resend),
  resend,
  createFailSetFunction(defaultDeps),
  sendReceiptFunction,
  resumePausedSets,
  paymentPlanPass,
  settleOverviews,
];
