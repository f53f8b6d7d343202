import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { Db } from "@/db/connect";
import type { Actor } from "@/lib/actor";
import { type ApiKeyContext, authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { requestIp } from "@/lib/patient-portal/request-ip";
import { apiError, toApiErrorResponse, zodFields } from "./api-error";

export interface ApiContext<TParams, TBody, TQuery> {
  key: ApiKeyContext;
  actor: Actor;
  db: Db;
  params: TParams;
  body: TBody;
  query: TQuery;
  request: Request;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Every /api/v1 handler goes through here, in order: a live key (401), its per-key rate
 * limit (429 + Retry-After), a read-write key for writes (403), then zod on the path (an
 * id that is not a uuid is simply not found: 404), the query and the body (400 with field
 * paths). The handler gets the key's clinic and an actor named after the key; whatever it
 * returns is sent as JSON, and any AppError becomes the one error shape.
 */
export function apiRoute<P extends Schema | undefined, B extends Schema | undefined, Q extends Schema | undefined>(
  config: { write?: boolean; params?: P; body?: B; query?: Q },
  handler: (context: ApiContext<Out<P>, Out<B>, Out<Q>>) => Promise<Response | { status?: number; json: unknown }>,
) {
  return async (request: Request, routeContext: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
      if (!token) return apiError("unauthenticated", "Send an API key as 'Authorization: Bearer <key>'.");
      const { db } = await getDb();
      const check = await authenticateApiKey(db, token);
      if (!check.ok && check.reason === "rate_limited") {
        return apiError("rate_limited", "Too many requests for this API key; wait and retry.", undefined, {
          "Retry-After": String(check.retryAfterSeconds),
        });
      }
      if (!check.ok) return apiError("unauthenticated", "This API key is not valid or has been revoked.");
      const key = check.key;
      if (config.write && key.scope !== "read_write") {
        return apiError("forbidden", "This API key is read-only; create a read-write key to make changes.");
      }

      const params = config.params?.safeParse(await routeContext.params);
      if (params && !params.success) return apiError("not_found", "Nothing was found at this address.");
      const query = config.query?.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (query && !query.success) {
        return apiError("invalid_request", "The query parameters are not valid; see fields.", zodFields(query.error));
      }
      let body: unknown;
      if (config.body) {
        const raw = await readJson(request);
        if (raw === INVALID_JSON) return apiError("invalid_request", "The request body must be JSON.");
        const parsed = config.body.safeParse(raw);
        if (!parsed.success) {
          return apiError("invalid_request", "The request body is not valid; see fields.", zodFields(parsed.error));
        }
        body = parsed.data;
      }

      const actor: Actor = { kind: "api_key", apiKeyId: key.apiKeyId, name: key.name, ip: requestIp(request.headers) };
      const result = await handler({
        key,
        actor,
        db,
        request,
        params: params?.data as Out<P>,
        query: query?.data as Out<Q>,
        body: body as Out<B>,
      });
      if (result instanceof Response) return result;
      return Response.json(result.json, { status: result.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return toApiErrorResponse(error);
    }
  };
}

const INVALID_JSON = Symbol("invalid json");

/** An empty body reads as {} (a POST action without options). */
async function readJson(request: Request): Promise<unknown> {
  try {
    const text = await request.text();
    return text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

export const idParams = z.object({ id: z.uuid() });
