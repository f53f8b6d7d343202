"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

// The toast library loads with the first toast, not with every page: `toast` imports it on
// demand and mounts its Toaster then (sonner replays toasts made before its Toaster subscribed).
let wanted = false;
const onWanted = new Set<() => void>();

function show(kind: "success" | "error", message: string) {
  if (!wanted) {
    wanted = true;
    for (const listener of onWanted) listener();
  }
  void import("sonner").then((sonner) => sonner.toast[kind](message));
}

export const toast = {
  success: (message: string) => show("success", message),
  error: (message: string) => show("error", message),
};

const SonnerToaster = dynamic(() => import("sonner").then((sonner) => sonner.Toaster), { ssr: false });

/** Where toasts show (once in the root layout). */
export function Toaster() {
  const [mounted, setMounted] = useState(wanted);
  useEffect(() => {
    const mount = () => setMounted(true);
    onWanted.add(mount);
    if (wanted) mount();
    return () => {
      onWanted.delete(mount);
    };
  }, []);
  return mounted ? <SonnerToaster position="top-center" richColors closeButton /> : null;
}
