"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { simulateOutboxAction } from "@/app/(staff)/billing/outbox/actions";
import { MENU_ITEM_CLASS, Menu } from "@/components/ui/menu";
import { toast } from "@/components/ui/toast";
import { SIMULATIONS, type Simulation } from "@/lib/outreach/simulations";

const FOLLOW_UP_REFRESH_MS = [1_000, 3_000, 8_000];

/** Per outbox message: what the provider could report, run through the real webhook handlers. */
export function SimulateMenu({ messageId, channel }: { messageId: string; channel: "sms" | "email" }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
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
      // The set fails a moment later, when the engine has taken the failure in: look again.
      if (result.ok && SIMULATIONS[simulation].failsSet)
        for (const ms of FOLLOW_UP_REFRESH_MS) setTimeout(() => router.refresh(), ms);
    } catch {
      toast.error("The server could not be reached. Nothing was changed; try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        disabled={busy}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        Simulate
      </button>
      {open ? (
        <Menu anchor={button} label="Simulate" onClose={() => setOpen(false)} className="min-w-56">
          {options.map((key) => (
            <button
              key={key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => void run(key)}
              className={MENU_ITEM_CLASS}
            >
              {SIMULATIONS[key].label}
            </button>
          ))}
        </Menu>
      ) : null}
    </>
  );
}
