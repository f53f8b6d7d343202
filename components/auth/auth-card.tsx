/** The centred card of the signed-out pages: sign in, choose a clinic, invitations, resets, first run. */
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold">{title}</h1>
        {subtitle ? <div className="mb-6 text-sm text-slate-600">{subtitle}</div> : <div className="mb-4" />}
        {children}
      </div>
    </main>
  );
}

export function FormAlert({ message, tone = "error" }: { message?: string; tone?: "error" | "success" }) {
  if (!message) return null;
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={
        tone === "error"
          ? "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          : "rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800"
      }
    >
      {message}
    </p>
  );
}
