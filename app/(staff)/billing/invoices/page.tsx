import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Invoice Management" };

export default async function InvoiceManagementPage() {
  await requireStaff();
  return <PageHeader title="Invoice Management" />;
}
