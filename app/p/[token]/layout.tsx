import type { Metadata } from "next";
import { ClinicContactCard } from "@/components/patient-portal/clinic-contact-card";
import { loadPatientLink } from "@/lib/patient-portal/load-patient-link";

export const metadata: Metadata = {
  title: "Your statement",
  robots: { index: false, follow: false },
  // The token is in the URL: never send it to another site (Stripe, a phone app) as a referrer.
  referrer: "no-referrer",
};

/**
 * The patient's frame, outside the staff shell. It shows the clinic's contact for any link
 * the database knows (even an expired one), and a generic line for anything else.
 */
export default async function PatientLinkLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const resolved = await loadPatientLink(token);
  const clinic = resolved.state === "unknown" ? null : resolved.clinic;
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 print:bg-white">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-2xl px-4 py-3 text-base font-semibold text-slate-900">
          {clinic ? clinic.name : "Patient billing"}
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6">{children}</main>
      <footer className="mx-auto max-w-2xl px-4 pb-10 print:hidden">
        <ClinicContactCard clinic={clinic} />
      </footer>
    </div>
  );
}
