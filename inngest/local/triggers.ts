import {
  invoiceSetActivated,
  invoiceSetStopped,
  messagePermanentlyFailed,
  messageTemporarilyFailed,
  patientContactChanged,
  paymentReceived,
} from "@/inngest/events";

/** Function ids, shared by the Inngest functions and the local engine's runs. */
export const FUNCTION_IDS = {
  sequence: "run-invoice-set-sequence",
  retry: "retry-temporary-message-failure",
  failSet: "fail-set-on-permanent-message-failure",
  contactChanged: "reevaluate-will-fail-on-contact-change",
  receipt: "send-receipt",
} as const;

export type FunctionId = (typeof FUNCTION_IDS)[keyof typeof FUNCTION_IDS];

const setKey = (data: Record<string, unknown>) =>
  typeof data.invoiceSetId === "string" ? data.invoiceSetId : undefined;

/**
 * What starts and stops each function, as data (the Inngest functions declare the same
 * with triggers, singleton and cancelOn): the local engine reads it to turn events into runs.
 */
export const LOCAL_TRIGGERS: readonly {
  id: FunctionId;
  trigger: string;
  /** One run per key: a new event cancels the waiting run and starts again (Inngest singleton "cancel"). */
  singletonKey?: (data: Record<string, unknown>) => string | undefined;
  cancelOn?: { event: string; key: (data: Record<string, unknown>) => string | undefined };
}[] = [
  {
    id: FUNCTION_IDS.sequence,
    trigger: invoiceSetActivated.name,
    singletonKey: setKey,
    cancelOn: { event: invoiceSetStopped.name, key: setKey },
  },
  { id: FUNCTION_IDS.retry, trigger: messageTemporarilyFailed.name },
  { id: FUNCTION_IDS.failSet, trigger: messagePermanentlyFailed.name },
  { id: FUNCTION_IDS.contactChanged, trigger: patientContactChanged.name },
  { id: FUNCTION_IDS.receipt, trigger: paymentReceived.name },
];
