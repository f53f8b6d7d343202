"use client";

import { useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";

/** "Export CSV": downloads the list as filtered right now (the page's own URL parameters). */
export function ExportCsvLink({ href }: { href: string }) {
  const params = new URLSearchParams(useSearchParams());
  params.delete("cursor");
  const query = params.toString();
  return (
    <Button asChild variant="secondary">
      <a href={query ? `${href}?${query}` : href} download>
        Export CSV
      </a>
    </Button>
  );
}
