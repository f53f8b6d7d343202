import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { Toaster } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Clinic Billing", template: "%s · Clinic Billing" },
  description: "Invoices and patient balance outreach for clinics.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Every page renders per request, so each gets its own CSP nonce (see proxy.ts). */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <NuqsAdapter>{children}</NuqsAdapter>
        <Toaster />
      </body>
    </html>
  );
}
