"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { revokeApiKeyAction } from "@/app/(staff)/settings/api-keys/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";

export function RevokeApiKeyButton({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      aria-label={`Revoke ${name}`}
      onClick={() =>
        startTransition(async () => {
          const result = await revokeApiKeyAction({ apiKeyId });
          if (result.ok) toast.success(`Revoked “${name}”: requests with it now get 401.`);
          else toast.error(result.message);
          router.refresh();
        })
      }
    >
      Revoke
    </Button>
  );
}
