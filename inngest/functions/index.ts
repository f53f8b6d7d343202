import type { InngestFunction } from "inngest";
import { defaultDeps } from "./default-deps";
import { createContactChangedFunction } from "./on-patient-contact-changed";
import { createReconcileFunction } from "./reconcile-sequences";
import { createSequenceFunction } from "./run-invoice-set-sequence";

/** Every Inngest function the app serves at /api/inngest. */
export const functions: InngestFunction.Any[] = [
  createSequenceFunction(defaultDeps),
  createReconcileFunction(defaultDeps),
  createContactChangedFunction(defaultDeps),
];
