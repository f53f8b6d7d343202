"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  archiveRuleSetAction,
  duplicateRuleSetAction,
  makeDefaultRuleSetAction,
} from "@/app/(staff)/billing/rule-sets/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";

/** Admin-only actions on one rule set; each says exactly what happened or why not. */
export function RuleSetRowActions({
  id,
  title,
  isDefault,
  archived,
}: {
  id: string;
  title: string;
  isDefault: boolean;
  archived: boolean;
}) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      {!archived ? (
        <Button asChild variant="secondary" size="sm">
          <Link href={`/billing/rule-sets/${id}`} aria-label={`Edit ${title}`}>
            Edit
          </Link>
        </Button>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Duplicate ${title}`}
        onClick={async () => {
          const result = await duplicateRuleSetAction({ id });
          if (result.ok) {
            toast.success(`Created "${result.data.title}".`);
            router.refresh();
          } else toast.error(result.message);
        }}
      >
        Duplicate
      </Button>
      {!archived && !isDefault ? (
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Make Default: ${title}`}
          onClick={async () => {
            const result = await makeDefaultRuleSetAction({ id });
            if (result.ok) {
              toast.success(`"${result.data.title}" is now the default rule set.`);
              router.refresh();
            } else toast.error(result.message);
          }}
        >
          Make Default
        </Button>
      ) : null}
      {!archived ? (
        <ConfirmDialog
          trigger="Archive"
          title={`Archive "${title}"?`}
          description="Archived rule sets can't be chosen for invoice sets any more. Rule sets in use or the default can't be archived."
          onConfirm={async () => {
            const result = await archiveRuleSetAction({ id });
            if (result.ok) {
              toast.success(`Archived "${result.data.title}".`);
              router.refresh();
            } else toast.error(result.message);
          }}
        />
      ) : null}
    </div>
  );
}
