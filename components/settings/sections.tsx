import type { StaffContext } from "@/lib/auth/guard";
import { ClinicSection } from "./clinic-section";
import { OutreachSettingsSection } from "./outreach-settings-section";
import { PaymentPlansSection } from "./payment-plans-section";

/**
 * The sections of /settings, in order. Each is a server component that loads its own data
 * and saves through its own action; add a section by adding it here.
 */
export const SETTINGS_SECTIONS: {
  id: string;
  Section: (props: { staff: StaffContext }) => Promise<React.ReactNode>;
}[] = [
  { id: "clinic", Section: ClinicSection },
  { id: "outreach", Section: OutreachSettingsSection },
  { id: "payment-plans", Section: PaymentPlansSection },
];
