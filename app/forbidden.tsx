import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="notice">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="text-slate-600">Your role doesn&apos;t allow it. Ask a clinic admin if you need access.</p>
      <Link href="/billing/invoices" className="text-blue-700 underline">
        Go to Invoice Management
      </Link>
    </div>
  );
}
