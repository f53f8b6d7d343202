import Link from "next/link";

// Every layout carries this page in the HTML it sends (forbidden() and unauthorized() are on):
// a short one of our own instead of the framework's inline-styled default.
export default function Unauthorized() {
  return (
    <div className="notice">
      <h1 className="text-2xl font-semibold">Please sign in</h1>
      <p className="text-slate-600">You need to be signed in to see this page.</p>
      <Link href="/login" className="text-blue-700 underline">
        Sign in
      </Link>
    </div>
  );
}
