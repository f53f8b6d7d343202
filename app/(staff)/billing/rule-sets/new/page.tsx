import type { Metadata } from "next";
import { RuleSetForm } from "@/components/rule-sets/rule-set-form";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { clinicSample } from "@/lib/rule-sets/clinic-sample";

export const metadata: Metadata = { title: "New Rule Set" };

export default async function NewRuleSetPage() {
  const staff = await requireStaff("rule-sets:write");
  const { db } = await getDb();
  const sample = await clinicSample(db, staff.clinicId);
  return (
    <>
      <PageHeader title="New Rule Set" />
      <RuleSetForm
        sample={sample}
        initial={{
          title: "",
          description: "",
          expiryDays: "30",
          rules: [
            {
              id: null,
              rowId: "new-0",
              delayDays: "0",
              channels: ["sms", "email"],
              chargeCard: false,
              title: "Your statement",
              template: "Hi {{first_name}}, your statement from {{clinic_name}} is ready: {{pay_link}}",
            },
          ],
        }}
      />
    </>
  );
}
