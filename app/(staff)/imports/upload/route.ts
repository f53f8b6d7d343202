import { getDb } from "@/db/client";
import { authorizeStaff } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors";
import { createImport, MAX_IMPORT_BYTES } from "@/lib/imports/create-import";

/**
 * The "CSV file" form posts here (a route, not a server action: files run to tens of MB).
 * Success goes to the preview; a refusal back to /imports with the reason.
 */
export async function POST(request: Request) {
  const back = (error: string) =>
    Response.redirect(new URL(`/imports?error=${encodeURIComponent(error)}`, request.url), 303);
  try {
    const staff = await authorizeStaff("invoices:write");
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File) || file.size === 0) return back("Choose a CSV file to import.");
    if (file.size > MAX_IMPORT_BYTES) return back("This file is larger than 30 MB; split it.");
    const fileText = await file.text();
    if (fileText.includes("\u0000"))
      return back("This doesn't look like a CSV file. Export the list as CSV and try again.");
    const { db } = await getDb();
    const { importId } = await db.transaction((tx) =>
      createImport(tx, { clinicId: staff.clinicId, actor: staff.actor, fileName: file.name || "import.csv", fileText }),
    );
    return seeOther(`/imports/${importId}`);
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "unauthenticated") return seeOther("/login");
      return back(error.message);
    }
    console.error("Import upload failed", error);
    return back("The file could not be read. Nothing was imported; please try again.");
  }
}

/** A relative Location: the browser stays on the host it used (behind a proxy the request URL's host may differ). */
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path } });
}
