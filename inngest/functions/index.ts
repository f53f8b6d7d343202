import type { InngestFunction } from "inngest";
import { sendReceiptFunction } from "./send-receipt";

/** Every Inngest function the app serves at /api/inngest. */
export const functions: InngestFunction.Any[] = [sendReceiptFunction];
