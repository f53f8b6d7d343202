import type { Role } from "@/db/schema";

/** What each role may do. Viewers read; billers act on invoices and sets; admins also manage rule sets and staff. */
export const PERMISSIONS = {
  read: ["viewer", "biller", "admin"],
  "invoices:write": ["biller", "admin"],
  "rule-sets:write": ["admin"],
  "staff:manage": ["admin"],
  "api-keys:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", biller: "Biller", viewer: "Viewer" };
