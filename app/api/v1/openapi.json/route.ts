import { buildOpenApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

/** The OpenAPI 3.1 document; public (it describes the API, it holds no data). */
export function GET() {
  return Response.json(buildOpenApiDocument(env().APP_URL));
}
