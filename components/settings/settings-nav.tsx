"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

/** The settings pages; each route checks the role on the server itself. */
export const SETTINGS_PAGES = [
  { href: "/settings", label: "Clinic settings" },
  { href: "/settings/staff", label: "Staff" },
  { href: "/settings/api-keys", label: "API keys" },
] as const;

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex shrink-0 flex-row gap-1 md:w-48 md:flex-col">
      {SETTINGS_PAGES.map((page) => (
        <Link
          key={page.href}
          href={page.href}
          aria-current={pathname === page.href ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-2 text-sm font-medium",
            pathname === page.href ? "bg-blue-50 text-blue-800" : "text-slate-700 hover:bg-slate-100",
          )}
        >
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
