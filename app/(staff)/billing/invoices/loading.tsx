import { PageHeader } from "@/components/ui/card";

/** Placeholders the size of the cards, filters and rows, so the page doesn't jump when they arrive. */
export default function Loading() {
  // Few elements and short classes (globals.css): this markup rides in the page's HTML on every load.
  return (
    <div aria-busy="true">
      <PageHeader title="Invoice Management" />
      <p className="sr-only" role="status">
        Loading invoice sets…
      </p>
      <div className="skeleton skeleton-cards" />
      <div className="skeleton mb-4 h-64" />
      <div className="mb-2 h-8" />
      <div className="skeleton skeleton-rows" />
    </div>
  );
}
