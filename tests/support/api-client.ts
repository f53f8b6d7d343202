import * as fhirInvoice from "@/app/api/v1/fhir/Invoice/[id]/route";
import * as fhirPatient from "@/app/api/v1/fhir/Patient/[id]/route";
import * as invoiceSetAction from "@/app/api/v1/invoice-sets/[id]/[action]/route";
import * as invoiceSet from "@/app/api/v1/invoice-sets/[id]/route";
import * as invoiceSets from "@/app/api/v1/invoice-sets/route";
import * as invoiceIssue from "@/app/api/v1/invoices/[id]/issue/route";
import * as invoicePayments from "@/app/api/v1/invoices/[id]/payments/route";
import * as invoice from "@/app/api/v1/invoices/[id]/route";
import * as invoiceVoid from "@/app/api/v1/invoices/[id]/void/route";
import * as invoices from "@/app/api/v1/invoices/route";
import * as patient from "@/app/api/v1/patients/[id]/route";
import * as patients from "@/app/api/v1/patients/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The /api/v1 route files by path pattern, so tests call the real handlers as Next would. */
const ROUTES: [RegExp, string[], Record<string, Handler | undefined>][] = [
  [/^\/patients$/, [], patients],
  [/^\/patients\/([^/]+)$/, ["id"], patient],
  [/^\/invoices$/, [], invoices],
  [/^\/invoices\/([^/]+)$/, ["id"], invoice],
  [/^\/invoices\/([^/]+)\/issue$/, ["id"], invoiceIssue],
  [/^\/invoices\/([^/]+)\/void$/, ["id"], invoiceVoid],
  [/^\/invoices\/([^/]+)\/payments$/, ["id"], invoicePayments],
  [/^\/invoice-sets$/, [], invoiceSets],
  [/^\/invoice-sets\/([^/]+)$/, ["id"], invoiceSet],
  [/^\/invoice-sets\/([^/]+)\/([^/]+)$/, ["id", "action"], invoiceSetAction],
  [/^\/fhir\/Patient\/([^/]+)$/, ["id"], fhirPatient],
  [/^\/fhir\/Invoice\/([^/]+)$/, ["id"], fhirInvoice],
];

export async function callApi(
  method: "GET" | "POST" | "PATCH",
  pathWithQuery: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const [path = "", query] = pathWithQuery.split("?");
  for (const [pattern, names, module] of ROUTES) {
    const match = pattern.exec(path);
    const handler = match ? module[method] : undefined;
    if (!match || !handler) continue;
    const params = Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? ""]));
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(`http://localhost/api/v1${path}${query ? `?${query}` : ""}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null, text, headers: response.headers };
  }
  throw new Error(`no route for ${method} ${path}`);
}
