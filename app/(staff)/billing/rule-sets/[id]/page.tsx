import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RuleSetForm } from "@/components/rule-sets/rule-set-form";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { clinicSample } from "@/lib/rule-sets/clinic-sample";
import { getRuleSet } from "@/lib/rule-sets/list-rule-sets";

export const metadata: Metadata = { title: "Edit Rule Set" };

export default async function EditRuleSetPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("rule-sets:write");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { db } = await getDb();
  const set = await getRuleSet(db, staff.clinicId, id.data);
  if (!set || set.archivedAt) notFound();
  const sample = await clinicSample(db, staff.clinicId);
  return (
    <>
      <PageHeader title={`Edit Rule Set: ${set.title}`} />
      <RuleSetForm
        sample={sample}
        initial={{
          id: set.id,
          title: set.title,
          description: set.description,
          expiryDays: String(set.expiryDays),
          rules: set.rules.map((r) => ({
            id: r.id,
            rowId: r.id,
            delayDays: String(r.delayDays),
            channels: r.channels,
            chargeCard: r.chargeCard,
            title: r.title,
            template: r.template,
          })),
        }}
      />
    </>
  );
}
