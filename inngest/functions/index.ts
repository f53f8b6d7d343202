import type { InngestFunction } from "inngest";
import { flagPastDue } from "./flag-past-due";
import { sendReceiptFunction } from "./send-receipt";

/** Every Inngest function the app serves at /api/inngest. */
export const functions: InngestFunction.Any[] = [flagPastDue, sendReceiptFunction];
