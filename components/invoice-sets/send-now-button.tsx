"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { sendInvoiceSetNow } from "@/app/(staff)/billing/invoices/send-now-action";
import { Button } from "@/components/ui/button";

/** "Send now": the set's next rule at once if the window, opt-outs and balance allow; otherwise says why. */
export function SendNowButton({ invoiceSetId, disabled }: { invoiceSetId: string; disabled?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function send() {
    setBusy(true);
    try {
      const result = await sendInvoiceSetNow({ invoiceSetId });
      if (result.ok) toast.success(result.data.message);
      else toast.error(result.message);
      router.refresh();
    } catch {
      toast.error("The server could not be reached. Nothing was changed; try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="secondary" size="sm" disabled={disabled || busy} onClick={() => void send()}>
      Send now
    </Button>
  );
}
