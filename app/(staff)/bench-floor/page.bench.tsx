import { requireStaff } from "@/lib/auth/guard";

/**
 * Only in the bench build (next.config.ts serves *.bench.tsx pages when BENCH_PAGES=1):
 * the staff layout and the list page's signed-in check around an empty page, so
 * `npm run bench` can set the list page's server time beside the framework's floor.
 */
export default async function BenchFloorPage() {
  await requireStaff("read");
  return <h1 className="text-xl font-semibold">Bench floor</h1>;
}
