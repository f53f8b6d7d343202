import "server-only";
import { getDb } from "@/db/client";
import type { Db } from "@/db/connect";
import { authorizeStaff, type StaffContext } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors";

/** A staff download: signed in and allowed to read, checked on the server; refusals are plain text. */
export function staffExportRoute(handler: (request: Request, staff: StaffContext, db: Db) => Promise<Response>) {
  return async (request: Request) => {
    try {
      const staff = await authorizeStaff("read");
      const { db } = await getDb();
      return await handler(request, staff, db);
    } catch (error) {
      if (isAppError(error)) {
        const status = error.code === "unauthenticated" ? 401 : error.code === "forbidden" ? 403 : 400;
        return new Response(error.message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      }
      console.error("Export failed", error);
      return new Response("The export failed. Nothing was changed; please try again.", { status: 503 });
    }
  };
}
