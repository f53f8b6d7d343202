import Link from "next/link";

export default function NotFound() {
  return (
    <div className="notice">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600">The page you asked for doesn&apos;t exist, or it belongs to another clinic.</p>
      <Link href="/billing/invoices" className="text-blue-700 underline">
        Go to Invoice Management
      </Link>
    </div>
  );
}
