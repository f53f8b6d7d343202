import type { Metadata } from "next";
import { ClinicContactCard } from "@/components/patient-portal/clinic-contact-card";

export const metadata: Metadata = {
  title: "Your payment",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** Where Stripe returns patients: the generic patient frame (the URL names no clinic). */
export default function CheckoutReturnLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 print:bg-white">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-2xl px-4 py-3 text-base font-semibold text-slate-900">Patient billing</div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6">{children}</main>
      <footer className="mx-auto max-w-2xl px-4 pb-10 print:hidden">
        <ClinicContactCard clinic={null} />
      </footer>
    </div>
  );
}
