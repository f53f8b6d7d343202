"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog ("Save as PDF" gives a downloadable copy). */
export function PrintButton() {
  return (
    <Button variant="secondary" size="sm" className="print:hidden" onClick={() => window.print()}>
      Print statement
    </Button>
  );
}
