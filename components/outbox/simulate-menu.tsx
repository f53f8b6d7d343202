"use client";

import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import { toast } from "sonner";
import { simulateOutboxAction } from "@/app/(staff)/billing/outbox/actions";
import { SIMULATIONS, type Simulation } from "@/lib/outreach/simulations";

/** Per outbox message: what the provider could report, run through the real webhook handlers. */
export function SimulateMenu({ messageId, channel }: { messageId: string; channel: "sms" | "email" }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const options = (Object.keys(SIMULATIONS) as Simulation[]).filter((key) =>
    (SIMULATIONS[key].channels as readonly string[]).includes(channel),
  );

  async function run(simulation: Simulation) {
    setBusy(true);
    try {
      const result = await simulateOutboxAction({ messageId, simulation });
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
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        disabled={busy}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        Simulate
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          {options.map((key) => (
            <DropdownMenu.Item
              key={key}
              onSelect={() => void run(key)}
              className="cursor-pointer rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-slate-100"
            >
              {SIMULATIONS[key].label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
