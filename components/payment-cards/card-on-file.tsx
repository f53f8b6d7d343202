"use client";

import { useRouter } from "next/navigation";
import { removePaymentCardAction } from "@/app/(staff)/patients/card-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";

/** "Card on file: Visa •••• 4242, exp 04/28, consented Nov 3, 2026", with "Remove card" for staff who may write. */
export function CardOnFile({
  patientId,
  description,
  canWrite,
}: {
  patientId: string;
  description: string | null;
  canWrite: boolean;
}) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span data-testid="card-on-file">Card on file: {description ?? "none"}</span>
      {description && canWrite ? (
        <ConfirmDialog
          trigger="Remove card"
          title="Remove card?"
          description="The patient's saved card won't be charged again (autopay and Charge Card steps stop). They can save a new one from their link."
          onConfirm={async () => {
            const result = await removePaymentCardAction({ patientId });
            if (!result.ok) return result.message;
            toast.success(result.data.message);
            router.refresh();
            return undefined;
          }}
        />
      ) : null}
    </div>
  );
}
