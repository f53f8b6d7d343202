import type { InngestFunction } from "inngest";
import { flagPastDue } from "./flag-past-due";

/** Every Inngest function the app serves at /api/inngest. */
export const functions: InngestFunction.Any[] = [flagPastDue];
