import { PageHeader } from "@/components/ui/card";

/** Placeholders the size of the cards, filters and rows, so the page doesn't jump when they arrive. */
export default function Loading() {
  return (
    <div aria-busy="true">
      <PageHeader title="Invoice Management" />
      <p className="sr-only" role="status">
        Loading invoice sets…
      </p>
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {["failed", "expired", "paused", "will-fail"].map((key) => (
          <div key={key} className="h-[7.5rem] animate-pulse rounded-lg border border-slate-200 bg-white" />
        ))}
      </div>
      <div className="mb-4 h-64 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="mb-2 h-8" />
      {/* Empty row outlines, kept to one element each: this markup rides in the page's HTML on every load. */}
      <div className="animate-pulse overflow-hidden rounded-lg border border-slate-200 bg-white">
        <div className="h-8 bg-slate-50" />
        {Array.from({ length: 12 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder rows
          <div key={i} className="h-12 border-t border-slate-100" />
        ))}
      </div>
    </div>
  );
}
