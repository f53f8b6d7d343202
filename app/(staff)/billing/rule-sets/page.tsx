import type { Metadata } from "next";
import Link from "next/link";
import { RuleSetRowActions } from "@/components/rule-sets/rule-set-row-actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { channelMethodLabel, ruleMethods } from "@/lib/outreach/channels";
import { listRuleSets } from "@/lib/rule-sets/list-rule-sets";

export const metadata: Metadata = { title: "Rule Sets" };

export default async function RuleSetsPage() {
  const staff = await requireStaff();
  const canEdit = roleAllows(staff.role, "rule-sets:write");
  const { db } = await getDb();
  const ruleSets = await listRuleSets(db, staff.clinicId);

  return (
    <>
      <PageHeader title="Rule Sets">
        {canEdit ? (
          <Button asChild>
            <Link href="/billing/rule-sets/new">New Rule Set</Link>
          </Button>
        ) : null}
      </PageHeader>
      {!canEdit ? <p className="mb-4 text-sm text-slate-600">Only clinic admins can change rule sets.</p> : null}
      <div className="flex flex-col gap-4">
        {ruleSets.map((set) => (
          <Card key={set.id} aria-labelledby={`rule-set-${set.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 id={`rule-set-${set.id}`} className="flex items-center gap-2 text-lg font-semibold">
                  {set.title}
                  {set.isDefault ? <Badge tone="blue">Default</Badge> : null}
                  {set.archivedAt ? <Badge tone="slate">Archived</Badge> : null}
                </h2>
                {set.description ? <p className="text-sm text-slate-600">{set.description}</p> : null}
                <p className="mt-1 text-xs text-slate-500">
                  Expires on day {set.expiryDays} · used by {set.openSetCount} open invoice set
                  {set.openSetCount === 1 ? "" : "s"}
                </p>
              </div>
              {canEdit ? (
                <RuleSetRowActions
                  id={set.id}
                  title={set.title}
                  isDefault={set.isDefault}
                  archived={Boolean(set.archivedAt)}
                />
              ) : null}
            </div>
            <Table framed={false} frameClassName="mt-3" aria-label={`Rules of ${set.title}`}>
              <TableHeader>
                <TableRow>
                  <TableHead>Day</TableHead>
                  <TableHead>Methods</TableHead>
                  <TableHead>Title</TableHead>
                  <TableHead>Message</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {set.rules.map((rule) => (
                  <TableRow key={rule.id}>
                    <TableCell>{rule.delayDays}</TableCell>
                    <TableCell>{ruleMethods(rule).map(channelMethodLabel).join(", ")}</TableCell>
                    <TableCell>{rule.title}</TableCell>
                    <TableCell className="text-slate-600">{rule.template}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
        ))}
      </div>
    </>
  );
}
